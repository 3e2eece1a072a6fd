// fuzz_pushed_rows: what the desk does with a sync request's rows (issuer serve, DeskSync): the
// request parsed, each row judged (RowEvidenceCheck: credential against the event's key, zone and
// direction against the gate; row_time_problem), then AuditStore::append_verified into a fresh
// in-memory audit store with its presence feed, and the feed read back as a kiosk would.
// Must hold: no crash, leak or UB; every row the feed hands down is one the store holds, hashed
// right, that changes presence and was not distrusted, and only rows of the sender; the store
// never holds a row whose hash is not the hash of its fields.
//
// With ACCRED_FUZZ_WRITE_SEEDS=DIR set, the target writes seed requests (real chained rows and
// credentials signed by the target's event key) into DIR and exits: tests/fuzz/make_seeds.sh.
#include "fuzz_common.h"

#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "event/event_toml.h"
#include "fleet/protocol/sync_messages.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/presence_change.h"
#include "issuer/audit/row_evidence.h"
#include "entrylog/entry_chain.h"

#include <cstdlib>
#include <fstream>
#include <sodium.h>

using namespace accred;

namespace {

constexpr std::int64_t kDeskNow = 1396346400; // 2014-04-01 12:00 in Brussels

const SigningKey& event_key() {
    static const SigningKey key = [] {
        std::array<std::uint8_t, 32> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(0x50 + i);
        return std::move(SigningKey::from_seed(seed)).value();
    }();
    return key;
}

const AuditContext& context() {
    static const AuditContext c = [] {
        auto toml = read_small_file(ACCRED_FUZZ_DEMO_DIR "/event.toml", 1 << 20);
        if (!toml) std::abort();
        auto event = parse_event_toml(*toml, "event.toml");
        if (!event) std::abort();
        AuditContext made;
        made.event = std::move(event).value();
        made.credential_keys.add(event_key().public_key());
        return made;
    }();
    return c;
}

std::vector<std::string> every_zone() {
    std::vector<std::string> out;
    for (const Zone& z : context().event.zones) out.push_back(z.id);
    return out;
}

// A chain of rows at main_gate: a granted entry, a refusal of junk, an exit at the entry gate
// (a misfit), an entry dated a day ahead, another granted entry.
std::vector<EntryRecord> seed_rows() {
    std::vector<EntryRecord> rows;
    Hash32 prev{};
    const auto add = [&](const std::string& holder, Direction direction, std::int64_t time,
                         bool admitted) {
        EntryRecord r;
        r.seq = rows.size() + 1;
        r.time = time;
        r.kiosk_id = "a1b2-c3d4-e5f6-0718";
        r.gate = "main_gate";
        r.zone = "grounds";
        r.direction = direction;
        r.verdict = admitted ? Verdict::granted : Verdict::denied;
        r.reason = admitted ? (direction == Direction::exit ? Reason::exit_recorded
                                                            : Reason::granted)
                            : Reason::malformed;
        r.admitted = admitted;
        if (holder.empty()) {
            r.credential = "not a badge";
        } else {
            Claims c;
            c.iss = context().event.id;
            c.sub = holder;
            c.iat = 1396000000;
            c.nbf = 1396000000;
            c.exp = 1396500000;
            c.cti = {1, 2, 3, 4, 5, 6, 7, static_cast<std::uint8_t>(rows.size())};
            c.name = "Fuzz Holder";
            r.credential = sign_credential(c, event_key()).value();
            r.holder = holder;
            r.cti = c.cti;
            r.issue = c.issue;
        }
        r.prev_hash = prev;
        r.hash = entry_hash(r);
        prev = r.hash;
        rows.push_back(r);
    };
    add("D002", Direction::entry, kDeskNow - 600, true);
    add("", Direction::entry, kDeskNow - 500, false);
    add("D003", Direction::exit, kDeskNow - 400, true);
    add("D004", Direction::entry, kDeskNow + 86400, true);
    add("D005", Direction::entry, kDeskNow + 86401, true);
    return rows;
}

void write_seeds(const std::string& dir) {
    const auto rows = seed_rows();
    for (std::size_t n : {std::size_t{1}, std::size_t{3}, rows.size()}) {
        SyncRequest q;
        q.rows.assign(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n));
        q.log_seq = n;
        q.kiosk_time = kDeskNow;
        std::ofstream(dir + "/rows-" + std::to_string(n) + ".json") << sync_request_to_json(q);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    (void)context();
    if (const char* dir = std::getenv("ACCRED_FUZZ_WRITE_SEEDS")) {
        write_seeds(dir);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto request = sync_request_from_json(fuzz::as_text(data, size));
    if (!request || request->rows.empty()) return 0;
    const std::string kiosk = request->rows.front().kiosk_id;
    const std::string gate = request->rows.front().gate;
    auto store = AuditStore::open_for_merge(":memory:", context().event);
    FUZZ_CHECK(store);
    FUZZ_CHECK(store->enable_presence_feed());

    RowEvidenceCheck check(context());
    RowDistrust distrusted;
    for (const EntryRecord& row : request->rows) {
        auto why = check.problem(row, gate);
        if (!why) why = row_time_problem(row, kDeskNow, kDeskNow);
        if (why) distrusted.emplace(row.seq, *why);
    }
    auto appended = store->append_verified(kiosk, gate, "fuzz", request->rows, distrusted);
    if (!appended) return 0;
    FUZZ_CHECK(appended->refused <= appended->added);

    auto held = store->kiosk_logs();
    FUZZ_CHECK(held);
    std::size_t stored = 0;
    for (const auto& log : held.value())
        for (const EntryRecord& row : log.rows) {
            FUZZ_CHECK(entry_hash(row) == row.hash);
            ++stored;
        }
    FUZZ_CHECK(stored == appended->added);

    auto feed = store->presence_after(0, every_zone(), "someone else", kMaxPresencePerSync);
    FUZZ_CHECK(feed);
    for (const EntryRecord& row : feed->rows) {
        FUZZ_CHECK(row.kiosk_id == kiosk);
        FUZZ_CHECK(!distrusted.contains(row.seq));
        FUZZ_CHECK(changes_presence(row));
        FUZZ_CHECK(!check.problem(row, gate));
    }
    auto own = store->presence_after(0, every_zone(), kiosk, kMaxPresencePerSync);
    FUZZ_CHECK(own && own->rows.empty()); // a kiosk is never handed its own rows
    return 0;
}
