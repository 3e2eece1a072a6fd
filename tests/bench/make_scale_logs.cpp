// make_scale_logs: kiosk entry logs for the scale benchmark's audit step (scripts/scale_bench.py,
// issue 18), carrying the real badges of a desk's event, for `issuer audit verify` and `merge`.
//
//   make_scale_logs --desk DIR --out DIR [--rows 10000000] [--kiosks 40] [--jobs 2] [--seed 1]
//
// Writes OUT/kiosk-NN.db (kiosk NN's log, at gate NN modulo the event's gates), OUT/kiosk-NN.pub
// (its key, for `issuer kiosks add`), OUT/kiosks.tsv (gate, public key file, a line each) and
// OUT/checkpoints.txt (each log's last checkpoint, for `issuer checkpoints add`).
//
// Rows are built as audit_bench builds them (tests/issuer/audit/audit_bench.cpp): exactly as
// EntryLog::append would (entry_hash over the canonical bytes, prev_hash linked), stored with the
// same entry_store::insert_row, 20,000 to a transaction and a signed checkpoint every 1,000 rows;
// EntryLog::open (the kiosk's verifying reader) then opens each file and appends one more row.
// Each row carries a credential the desk issued and has not revoked, at the kiosk's gate, on the
// event's two days from 07:00 to 21:00 in Brussels; one in fifty is a denial.
#include "crypto/key_file.h"
#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_log.h"
#include "entrylog/entry_store.h"
#include "issuer/desk.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sodium.h>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace accred;

struct Settings {
    std::string desk, out;
    std::size_t rows = 10'000'000;
    int kiosks = 40;
    int jobs = 2;
    unsigned seed = 1;
};

struct KioskLog {
    std::string name; // kiosk-NN
    const Gate* gate = nullptr;
    SigningKey key = SigningKey::generate();
    std::size_t rows = 0;
    std::size_t offset = 0; // where in the badge pool this kiosk starts
    Checkpoint last;
    std::string error;
};

constexpr std::int64_t kDayStarts[] = {1396242000, 1396328400}; // 07:00 Brussels, 31/3 and 1/4
constexpr std::int64_t kDaySeconds = 14 * 3600;                 // to 21:00

EntryRecord make_row(const KioskLog& k, const std::string& kiosk_id, const StoredCredential& c,
                     std::uint64_t seq, std::int64_t time, bool denied) {
    EntryRecord r;
    r.seq = seq;
    r.time = time;
    r.kiosk_id = kiosk_id;
    r.gate = k.gate->id;
    r.zone = k.gate->zone;
    r.direction = k.gate->direction;
    r.verdict = denied ? Verdict::denied : Verdict::granted;
    r.admitted = !denied;
    r.reason =
        denied ? Reason::zone_not_granted
               : (k.gate->direction == Direction::exit ? Reason::exit_recorded : Reason::granted);
    r.holder = c.holder;
    r.cti = c.cti;
    r.issue = c.issue;
    r.credential = c.text;
    return r;
}

// The row's time: the kiosk's rows spread evenly over the two days' opening hours.
std::int64_t row_time(std::size_t seq, std::size_t rows) {
    const std::size_t half = (rows + 1) / 2;
    const std::size_t day = seq <= half ? 0 : 1;
    const std::size_t in_day = day == 0 ? seq : seq - half;
    return kDayStarts[day] +
           static_cast<std::int64_t>(in_day * static_cast<std::size_t>(kDaySeconds) / (half + 1));
}

Status write_log(const std::string& path, KioskLog& k, const std::vector<StoredCredential>& pool,
                 std::mt19937& rng) {
    const std::string kiosk_id = fingerprint(k.key.public_key());
    auto db = Database::open(path, Database::Mode::read_write_create);
    if (!db) return db.error();
    if (auto s = in_transaction(*db, [&] { return entry_store::create_schema(*db, kiosk_id); }); !s)
        return s;
    Hash32 prev{};
    std::int64_t time = 0;
    for (std::size_t done = 0; done < k.rows;) {
        Status batch = in_transaction(*db, [&]() -> Status {
            for (std::size_t i = 0; i < 20000 && done < k.rows; ++i) {
                const StoredCredential& c = pool[(done + k.offset) % pool.size()];
                time = row_time(done + 1, k.rows);
                EntryRecord r = make_row(k, kiosk_id, c, ++done, time, rng() % 50 == 0);
                r.prev_hash = prev;
                r.hash = entry_hash(r);
                prev = r.hash;
                if (auto s = entry_store::insert_row(*db, r); !s) return s;
                if (done % 1000 != 0) continue;
                auto cp = sign_checkpoint(k.key, kiosk_id, done, prev, time);
                if (!cp) return cp.error();
                if (auto s = entry_store::insert_checkpoint(*db, cp.value()); !s) return s;
            }
            return success();
        });
        if (!batch) return batch;
    }
    // The kiosk's own writer opens the file (verifying everything) and appends one more row.
    auto log = EntryLog::open(path, kiosk_id);
    if (!log) return log.error();
    if (auto s = log->append(make_row(k, kiosk_id, pool[k.offset % pool.size()], 0, time, false));
        !s)
        return s.error();
    auto cp = log->checkpoint(k.key, time);
    if (!cp) return cp.error();
    k.last = cp.value();
    return success();
}

std::optional<Settings> parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], v = argv[i + 1];
        if (key == "--desk")
            s.desk = v;
        else if (key == "--out")
            s.out = v;
        else if (key == "--rows")
            s.rows = std::stoull(v);
        else if (key == "--kiosks")
            s.kiosks = std::stoi(v);
        else if (key == "--jobs")
            s.jobs = std::stoi(v);
        else if (key == "--seed")
            s.seed = static_cast<unsigned>(std::stoul(v));
        else
            return std::nullopt;
    }
    if (s.desk.empty() || s.out.empty() || s.kiosks < 1 || s.jobs < 1 || s.rows < 2u * s.kiosks)
        return std::nullopt;
    // A log file may hold at most kMaxLogRows rows (entry_store.h).
    if (s.rows / static_cast<std::size_t>(s.kiosks) + 1 > kMaxLogRows) return std::nullopt;
    return s;
}

// Writes every kiosk's log, jobs at a time; false when one failed (its error is kept).
bool write_all(std::vector<KioskLog>& kiosks, const std::vector<StoredCredential>& pool,
               const Settings& s) {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (int j = 0; j < s.jobs; ++j)
        workers.emplace_back([&] {
            for (std::size_t i; (i = next++) < kiosks.size();) {
                std::mt19937 rng(s.seed * 1000 + static_cast<unsigned>(i));
                const std::string path = s.out + "/" + kiosks[i].name + ".db";
                if (auto st = write_log(path, kiosks[i], pool, rng); !st)
                    kiosks[i].error = st.error().message;
            }
        });
    for (auto& w : workers)
        w.join();
    for (const auto& k : kiosks)
        if (!k.error.empty())
            return std::fprintf(stderr, "%s: %s\n", k.name.c_str(), k.error.c_str()), false;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    const auto settings = parse(argc, argv);
    if (!settings) {
        std::fprintf(stderr,
                     "usage: make_scale_logs --desk DIR --out DIR [--rows N] [--kiosks K] "
                     "[--jobs J] [--seed S]   (at most %zu rows a kiosk)\n",
                     kMaxLogRows - 1);
        return 2;
    }
    const Settings& s = *settings;
    auto desk = Desk::open(s.desk);
    if (!desk) return std::fprintf(stderr, "%s\n", desk.error().message.c_str()), 2;
    auto all = desk->credentials();
    if (!all) return std::fprintf(stderr, "%s\n", all.error().message.c_str()), 2;
    std::vector<StoredCredential> pool;
    for (auto& c : all.value())
        if (!c.revoked_reason) pool.push_back(std::move(c));
    if (pool.empty()) return std::fprintf(stderr, "the desk has no valid credential\n"), 2;
    const auto& gates = desk->event().gates;
    std::filesystem::create_directories(s.out);
    std::vector<KioskLog> kiosks(static_cast<std::size_t>(s.kiosks));
    for (std::size_t i = 0; i < kiosks.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "kiosk-%02zu", i + 1);
        kiosks[i].name = name;
        kiosks[i].gate = &gates[i % gates.size()];
        kiosks[i].rows = s.rows / kiosks.size() - 1 + (i < s.rows % kiosks.size() ? 1 : 0);
        kiosks[i].offset = i * pool.size() / kiosks.size();
    }
    if (!write_all(kiosks, pool, s)) return 1;
    std::ofstream tsv(s.out + "/kiosks.tsv"), checkpoints(s.out + "/checkpoints.txt");
    std::size_t rows = 0;
    for (const auto& k : kiosks) {
        const std::string pub = s.out + "/" + k.name + ".pub";
        if (auto st = write_public_key_file(pub, k.key.public_key()); !st)
            return std::fprintf(stderr, "%s\n", st.error().message.c_str()), 2;
        tsv << k.gate->id << "\t" << pub << "\n";
        checkpoints << checkpoint_to_text(k.last) << "\n";
        rows += k.last.seq;
    }
    std::printf("{\"rows\": %zu, \"kiosks\": %d, \"credentials\": %zu}\n", rows, s.kiosks,
                pool.size());
    return tsv && checkpoints ? 0 : 2;
}
