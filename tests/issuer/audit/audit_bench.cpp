// audit_bench [ENTRIES]: one million entries (default) from five gates, written with the real
// chain and storage code, then audit verify, merge and every query timed, each figure beside the
// bare work at its core in the same run (a plain SQLite read of the same rows, SHA-256 of the
// same canonical bytes). Built with the tests, not run by ctest: it measures, it does not assert.
//
// Writing: EntryLog::append commits and fsyncs each row (one transaction per decision, as a gate
// must), which would take hours for a million rows. The bench therefore builds each row exactly
// as append does (entry_hash over entry_canonical_bytes, prev_hash = the previous row's hash) and
// stores it with the same entry_store::insert_row, batched 20,000 rows per transaction. It then
// opens every file with EntryLog::open, the kiosk's own verifying reader, and appends one more
// row through EntryLog::append, so the files are exactly what a kiosk writes.
#include "crypto/credential.h"
#include "issuer/audit/anomalies.h"
#include "issuer/audit/audit_queries.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/log_verifier.h"
#include "entrylog/entry_log.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sodium.h>
#include <unistd.h>

namespace {

using namespace accred;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

SigningKey seeded_key(const std::string& label) {
    std::array<std::uint8_t, 32> seed{};
    crypto_hash_sha256(seed.data(), reinterpret_cast<const std::uint8_t*>(label.data()),
                       label.size());
    return SigningKey::from_seed(seed).value();
}

struct BenchGate {
    std::string id;
    std::string zone;
    Direction direction;
};

struct Badge {
    std::string holder;
    std::array<std::uint8_t, 8> cti{};
    std::string text;
};

// A pool of real credentials signed by the event key.
std::vector<Badge> badges(const SigningKey& event_key, int n) {
    std::vector<Badge> out;
    for (int i = 0; i < n; ++i) {
        Claims c;
        c.iss = "gp14";
        c.sub = "B" + std::to_string(10000 + i);
        c.iat = c.nbf = 1396000000;
        c.exp = 1396500000;
        randombytes_buf(c.cti.data(), c.cti.size());
        c.name = "Bench Person " + std::to_string(i);
        c.org = Organisation{std::nullopt, "Bench delegation"};
        c.category = 2;
        c.rank = 50;
        out.push_back({c.sub, c.cti, sign_credential(c, event_key).value()});
    }
    return out;
}

EventDefinition bench_event(const std::vector<BenchGate>& gates) {
    EventDefinition e;
    e.id = "gp14";
    e.name = "audit bench";
    e.time_zone = "Europe/Brussels";
    for (const char* z : {"grounds", "main_building", "plenary", "hls_room"}) {
        Zone zone;
        zone.id = z;
        zone.name = z;
        if (!e.zones.empty()) zone.parent = e.zones.back().id;
        e.zones.push_back(zone);
    }
    for (const auto& g : gates)
        e.gates.push_back(
            {g.id, g.id, g.zone,
             g.direction == Direction::entry ? Direction::entry : Direction::exit,
             AntiPassback::none, 0, false, {}, {}});
    return e;
}

EntryRecord make_row(const BenchGate& gate, const std::string& kiosk_id, const Badge& b,
                     std::uint64_t seq, std::int64_t time, bool denied) {
    EntryRecord r;
    r.seq = seq;
    r.time = time;
    r.kiosk_id = kiosk_id;
    r.gate = gate.id;
    r.zone = gate.zone;
    r.direction = gate.direction;
    r.verdict = denied ? Verdict::denied : Verdict::granted;
    r.admitted = !denied;
    static constexpr Reason kDenials[] = {Reason::already_inside, Reason::zone_not_granted,
                                          Reason::expired, Reason::revoked};
    r.reason = denied ? kDenials[seq % 4]
                      : (gate.direction == Direction::exit ? Reason::exit_recorded
                                                           : Reason::granted);
    r.holder = b.holder;
    r.cti = b.cti;
    r.issue = 1;
    r.credential = b.text;
    return r;
}

// Writes one kiosk's log of `rows` rows as EntryLog::append would (see the file comment), with a
// signed checkpoint stored every 1,000 rows; returns the final checkpoint for the desk.
Checkpoint write_kiosk_log(const std::string& path, const BenchGate& gate, const SigningKey& key,
                           const std::vector<Badge>& pool, std::size_t rows, std::size_t offset,
                           std::mt19937& rng) {
    const std::string kiosk_id = fingerprint(key.public_key());
    auto db = Database::open(path, Database::Mode::read_write_create).value();
    if (!in_transaction(db, [&] { return entry_store::create_schema(db, kiosk_id); })) std::abort();
    Hash32 prev{};
    std::int64_t time = 1396328400; // 2014-04-01 07:00 in Brussels
    for (std::size_t done = 0; done < rows;) {
        Status batch = in_transaction(db, [&]() -> Status {
            for (std::size_t i = 0; i < 20000 && done < rows; ++i) {
                time += static_cast<std::int64_t>(1 + rng() % 2);
                // Everyone passes the gates in the same order, each gate a fifth of the pool
                // behind the one before (about ten minutes), as a crowd moving inward would.
                const Badge& badge = pool[(done + pool.size() - offset) % pool.size()];
                EntryRecord r = make_row(gate, kiosk_id, badge, ++done, time, rng() % 50 == 0);
                r.prev_hash = prev;
                r.hash = entry_hash(r);
                prev = r.hash;
                if (auto s = entry_store::insert_row(db, r); !s) return s;
                if (done % 1000 == 0) {
                    auto cp = sign_checkpoint(key, kiosk_id, done, prev, time);
                    if (!cp) return cp.error();
                    if (auto s = entry_store::insert_checkpoint(db, cp.value()); !s) return s;
                }
            }
            return success();
        });
        if (!batch) {
            std::fprintf(stderr, "%s\n", batch.error().message.c_str());
            std::abort();
        }
    }
    // The kiosk's own writer opens (verifying everything) and appends one more row.
    auto log = EntryLog::open(path, kiosk_id);
    if (!log) {
        std::fprintf(stderr, "%s\n", log.error().message.c_str());
        std::abort();
    }
    if (!log->append(make_row(gate, kiosk_id, pool.front(), 0, time + 1, false))) std::abort();
    return log->checkpoint(key, time + 2).value();
}

// The bare baselines: every row's columns stepped through with sqlite3 (no decoding, no
// checks), and SHA-256 over the same canonical bytes the chain hashes.
double bare_sqlite_read(const std::vector<std::string>& paths) {
    const auto t = Clock::now();
    std::size_t bytes = 0;
    for (const auto& p : paths) {
        auto db = Database::open(p, Database::Mode::read_only).value();
        auto q = db.prepare("SELECT seq, time, simulated_time, kiosk_id, gate, zone, direction, "
                            "verdict, reason, holder, cti, issue, override_by, original_reason, "
                            "credential, prev_hash, hash FROM entries ORDER BY seq")
                     .value();
        while (q.step().value())
            for (int c = 0; c < 17; ++c)
                bytes += q.column_blob(c).size();
    }
    if (bytes == 0) std::abort();
    return seconds_since(t);
}

double bare_sha256(const std::vector<LogContents>& logs) {
    std::vector<std::vector<std::uint8_t>> encoded;
    for (const auto& l : logs)
        for (const auto& r : l.rows)
            encoded.push_back(entry_canonical_bytes(r));
    const auto t = Clock::now();
    std::uint8_t digest[32];
    std::uint8_t sink = 0;
    for (const auto& e : encoded) {
        crypto_hash_sha256(digest, e.data(), e.size());
        sink ^= digest[0];
    }
    const double s = seconds_since(t);
    std::printf("  (sha256 sink %u)\n", sink);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    const std::size_t total = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
    const std::vector<BenchGate> gates{{"main_gate", "grounds", Direction::entry},
                                       {"building_door", "main_building", Direction::entry},
                                       {"plenary_door", "plenary", Direction::entry},
                                       {"hls_door", "hls_room", Direction::entry},
                                       {"hls_exit", "hls_room", Direction::exit}};
    const auto dir =
        std::filesystem::temp_directory_path() / ("audit_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const SigningKey event_key = seeded_key("bench event");
    const auto pool = badges(event_key, 2000);
    AuditContext context;
    context.event = bench_event(gates);
    context.credential_keys.add(event_key.public_key());
    std::printf("audit_bench: %zu entries from %zu gates, %zu distinct credentials\n", total,
                gates.size(), pool.size());

    std::vector<std::string> paths;
    std::mt19937 rng(42);
    auto t = Clock::now();
    for (const auto& g : gates) {
        const SigningKey key = seeded_key("bench kiosk " + g.id);
        paths.push_back((dir / (g.id + ".db")).string());
        const Checkpoint cp = write_kiosk_log(paths.back(), g, key, pool, total / gates.size() - 1,
                                              paths.size() * pool.size() / 5, rng);
        context.kiosks.push_back({cp.kiosk_id, key.public_key(), g.id, 0, cp});
        context.newest_checkpoints[cp.kiosk_id] = cp;
    }
    std::printf("generate (real chain code, batched)  %8.2f s\n", seconds_since(t));

    t = Clock::now();
    std::vector<LogContents> logs;
    std::size_t rows = 0;
    for (const auto& p : paths) {
        VerifiedLog v = verify_log_file(p, context);
        if (!v.verdict.ok()) {
            std::fprintf(stderr, "%s: %s\n", p.c_str(), v.verdict.findings[0].what.c_str());
            return 1;
        }
        rows += v.verdict.rows;
        logs.push_back(std::move(v.contents));
    }
    const double verify_s = seconds_since(t);
    const double read_s = bare_sqlite_read(paths);
    const double sha_s = bare_sha256(logs);
    std::printf("audit verify        %8.2f s  %10.0f entries/s\n", verify_s,
                static_cast<double>(rows) / verify_s);
    std::printf("  bare SQLite read  %8.2f s  (verify takes %.1fx)\n", read_s, verify_s / read_s);
    std::printf("  bare SHA-256      %8.2f s  (verify takes %.1fx)\n", sha_s, verify_s / sha_s);

    const std::string store_path = (dir / "event.db").string();
    t = Clock::now();
    {
        auto store = AuditStore::open_for_merge(store_path, context.event).value();
        for (std::size_t i = 0; i < logs.size(); ++i)
            if (!store.merge(logs[i], gates[i].id, paths[i])) return 1;
    }
    const double merge_rows_s = seconds_since(t);
    {
        auto store = AuditStore::open_for_merge(store_path, context.event).value();
        if (!cache_anomalies(store)) return 1;
    }
    const double merge_s = seconds_since(t);
    std::printf("  of which rows     %8.2f s, anomaly cache %.2f s\n", merge_rows_s,
                merge_s - merge_rows_s);
    std::printf("audit merge         %8.2f s  %10.0f entries/s (after verify)\n", merge_s,
                static_cast<double>(rows) / merge_s);
    t = Clock::now();
    {
        auto store = AuditStore::open_for_merge(store_path, context.event).value();
        for (std::size_t i = 0; i < logs.size(); ++i)
            if (store.merge(logs[i], gates[i].id, paths[i])->added != 0) return 1;
    }
    std::printf("merge again         %8.2f s  (adds nothing)\n", seconds_since(t));

    auto store = AuditStore::open_readonly(store_path).value();
    const auto timed = [&](const char* name, auto&& query) {
        const auto q0 = Clock::now();
        const std::size_t n = query();
        std::printf("%-19s %8.3f s  %zu results\n", name, seconds_since(q0), n);
    };
    timed("trail", [&] { return holder_trail(store, pool[7].holder).value().size(); });
    timed("zone (1 hour)",
          [&] { return zone_movements(store, "plenary", 1396339200, 1396342800).value().size(); });
    timed("occupancy",
          [&] { return zone_occupancy(store, "hls_room", 1396339200).value().size(); });
    timed("anomalies", [&] { return find_anomalies(store, AnomalyOptions{}).value().size(); });
    AnomalyOptions other;
    other.min_transit_seconds = 60;
    timed("anomalies (live)", [&] { return find_anomalies(store, other).value().size(); });
    if (std::getenv("AUDIT_BENCH_KEEP") == nullptr)
        std::filesystem::remove_all(dir);
    else
        std::printf("kept %s\n", dir.c_str());
    return 0;
}
