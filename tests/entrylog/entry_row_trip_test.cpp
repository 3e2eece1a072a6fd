// One row, every way it travels (issue 17): written by a real kiosk engine into its SQLite log,
// read by the kiosk's sync thread, shipped as a sync message, appended to the desk's audit store,
// and read back from the store (as the audit reads it, and as the presence feed hands it down).
// Every field must come back exactly, compared field by field through the one field list, so a
// field that one codec forgot is named.
#include "entrylog/entry_fields.h"
#include "fleet/protocol/sync_messages.h"
#include "issuer/audit/audit_store.h"
#include "kiosk/fleet/sync_log_reader.h"
#include "kiosk/gate_fixture.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <type_traits>

namespace accred::test {
namespace {

constexpr std::int64_t kBundleTime = 1396000000; // 2014-03-28, before the event

// The names of the fields in which a and b differ (empty when they are equal).
std::vector<std::string> differing_fields(const EntryRecord& a, const EntryRecord& b) {
    std::vector<std::string> names, out;
    std::vector<std::string> left, right;
    auto text = [](const auto& field) {
        std::ostringstream s;
        using F = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<F, CredentialBytes<const std::string>>)
            s << field.bytes;
        else if constexpr (std::is_same_v<F, std::optional<std::string>>)
            s << (field ? *field : "<none>");
        else if constexpr (std::is_same_v<F, std::string>)
            s << field;
        else if constexpr (std::is_same_v<F, std::optional<std::uint32_t>>)
            s << (field ? std::to_string(*field) : "<none>");
        else if constexpr (std::is_arithmetic_v<F>)
            s << field;
        else
            s << "?"; // compared below through the whole record
        return s.str();
    };
    for_each_entry_field(a, [&](const char* name, const auto& f) {
        names.emplace_back(name);
        left.push_back(text(f));
    });
    for_each_entry_field(b, [&](const char*, const auto& f) { right.push_back(text(f)); });
    for (std::size_t i = 0; i < names.size(); ++i)
        if (left[i] != right[i]) out.push_back(names[i] + ": " + left[i] + " -> " + right[i]);
    if (out.empty() && !(a == b)) out.push_back("a field of a type not shown as text");
    return out;
}

void require_same_rows(const std::vector<EntryRecord>& sent, const std::vector<EntryRecord>& got) {
    REQUIRE(got.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        INFO("row " << sent[i].seq);
        CHECK(differing_fields(sent[i], got[i]) == std::vector<std::string>{});
        CHECK(got[i] == sent[i]);
    }
}

} // namespace

TEST_CASE("A log row survives the kiosk's log, the sync message and the audit store exactly",
          "[entry_log][fleet][audit]") {
    GateFixture f(kBundleTime);
    const std::string gate = "hls_door";
    GateEngine& kiosk = f.kiosk(gate);
    std::vector<EntryRecord> written;
    auto keep = [&](const Reported& r) {
        REQUIRE(r.row);
        written.push_back(*r.row);
    };
    // Rows of every shape: a refusal with a credential, a wrong PIN (no holder, a supervisor), an
    // override (original reason, supervisor), a forgery (no holder, no cti), junk text.
    keep(kiosk.handle_scan(GateFixture::through_camera(f.credential("P002")), brussels(1, 4, 10)));
    keep(kiosk.override_last("duty_officer", "111111", brussels(1, 4, 10)));
    keep(kiosk.override_last("duty_officer", "246810", brussels(1, 4, 10)));
    std::string forged = f.credential("D002");
    forged[50] = forged[50] == 'A' ? 'B' : 'A';
    keep(kiosk.handle_scan(forged, brussels(1, 4, 10, 1)));
    keep(kiosk.handle_scan("NOT A BADGE \x01\xff", brussels(1, 4, 10, 2)));
    keep(kiosk.handle_scan(f.credential("D002"), brussels(1, 4, 10, 3)));
    // Expired and at a closed door: the worst reason and the others.
    const std::string expired = f.credential_with("D003", [](Claims& c) { c.exp = c.nbf + 60; });
    keep(kiosk.handle_scan(expired, brussels(1, 4, 10, 4)));
    const std::string kiosk_id = written.front().kiosk_id;
    // Every optional field is present in some row and absent in another.
    auto some = [&](auto has) { return std::any_of(written.begin(), written.end(), has); };
    auto all = [&](auto has) { return std::all_of(written.begin(), written.end(), has); };
    CHECK(some([](const EntryRecord& r) { return r.override_by && r.original_reason; }));
    CHECK(some([](const EntryRecord& r) { return r.holder && r.cti && r.issue; }));
    CHECK_FALSE(all([](const EntryRecord& r) { return r.holder.has_value(); }));
    CHECK(some([](const EntryRecord& r) { return !r.other_reasons.empty(); }));

    // The kiosk's sync thread reads them from the file the engine wrote.
    auto reader = SyncLogReader::open(kiosk.state().dir + "/log.db", kiosk_id);
    REQUIRE(reader);
    auto batch = reader->read(0, kMaxRowsPerSync);
    REQUIRE(batch);
    require_same_rows(written, batch->rows);

    // Over the wire, as JSON, and parsed strictly at the desk.
    SyncRequest request;
    request.log_seq = written.back().seq;
    request.rows = batch->rows;
    auto received = sync_request_from_json(sync_request_to_json(request));
    REQUIRE(received);
    require_same_rows(written, received->rows);

    // Into the desk's audit store, with its own checks, and back out.
    TempDir desk;
    auto store = AuditStore::open_for_merge(desk.file("audit.db"), f.bundle().event);
    REQUIRE(store);
    REQUIRE(store->enable_presence_feed());
    auto appended = store->append_verified(kiosk_id, gate, "test", received->rows);
    REQUIRE(appended);
    auto logs = store->kiosk_logs();
    REQUIRE(logs);
    REQUIRE(logs->size() == 1);
    require_same_rows(written, logs->front().rows);

    // And as the presence feed hands the admitting rows to another kiosk.
    std::vector<EntryRecord> admitting;
    for (const EntryRecord& r : written)
        if (row_admits(r)) admitting.push_back(r);
    REQUIRE_FALSE(admitting.empty());
    auto feed = store->presence_after(0, {"hls_room"}, "another kiosk", 100);
    REQUIRE(feed);
    require_same_rows(admitting, feed->rows);
}

} // namespace accred::test
