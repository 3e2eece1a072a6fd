// One scenario per rule and reason code of the design brief, through the real decoder (QR images
// read by ZXing), the real engine and a real SQLite log, with simulated time on the demo event.
#include "crypto/credential.h"
#include "event/event_window.h"
#include "gate_fixture.h"
#include "store/sqlite_db.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600; // 28 March, before summer time

Reported scan(GateFixture& f, const std::string& gate, const std::string& text, std::int64_t when) {
    return f.kiosk(gate).handle_scan(GateFixture::through_camera(text), when);
}

void expect(const Reported& r, Verdict verdict, Reason reason) {
    CAPTURE(r.decision.detail);
    CHECK(verdict_name(r.decision.verdict) == verdict_name(verdict));
    CHECK(reason_name(r.decision.reason) == reason_name(reason));
    // Every reported decision is on record, with the same verdict and reason.
    REQUIRE(r.row);
    CHECK(verdict_name(r.row->verdict) == verdict_name(verdict));
    CHECK(reason_name(r.row->reason) == reason_name(reason));
    CHECK(r.row->admitted == r.decision.admitted);
}

} // namespace

TEST_CASE("Granted: a delegate at the main gate on day one", "[scenario]") {
    GateFixture f(kBundleTime);
    const auto r = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    expect(r, Verdict::granted, Reason::granted);
    CHECK(r.decision.admitted);
    CHECK(r.row->holder == "D002");
    CHECK(r.photo_matches == true);
    CHECK_FALSE(r.delegation.empty());
}

TEST_CASE("Malformed, bad signature, unknown key, wrong event", "[scenario]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    expect(scan(f, "main_gate", "HELLO WORLD", t), Verdict::denied, Reason::malformed);
    std::string forged = f.credential("D002");
    forged[50] = forged[50] == 'A' ? 'B' : 'A';
    expect(scan(f, "main_gate", forged, t), Verdict::denied, Reason::bad_signature);
    const SigningKey other = accred::test::key_from_label("counterfeit desk");
    expect(scan(f, "main_gate",
                f.credential_with(
                    "D002", [](Claims&) {}, &other),
                t),
           Verdict::denied, Reason::unknown_key);
    expect(scan(f, "main_gate", f.credential_with("D002", [](Claims& c) { c.iss = "other14"; }), t),
           Verdict::denied, Reason::wrong_event);
}

TEST_CASE("Not yet valid and expired: the Secretary-General attends day two only", "[scenario]") {
    GateFixture f(kBundleTime);
    // P001 (Ban Ki-moon) is accredited for 1 April only.
    expect(scan(f, "main_gate", f.credential("P001"), brussels(31, 3, 10)), Verdict::denied,
           Reason::not_yet_valid);
    expect(scan(f, "main_gate", f.credential("P001"), brussels(1, 4, 8)), Verdict::granted,
           Reason::granted);
    // A day-one-only speaker on day two.
    expect(scan(f, "main_gate", f.credential("S001"), brussels(1, 4, 9)), Verdict::denied,
           Reason::expired);
}

TEST_CASE("Revoked and superseded badges", "[scenario]") {
    const std::string revoked_cti = "D003";
    GateFixture f(kBundleTime, [&](KioskBundle& b) {
        CredentialId cti{};
        std::copy(revoked_cti.begin(), revoked_cti.end(), cti.begin());
        b.revocations.revoked = {cti};
        b.revocations.current_issue = {{"D004", 2}};
    });
    const auto t = brussels(31, 3, 9);
    expect(scan(f, "main_gate", f.credential("D003"), t), Verdict::denied, Reason::revoked);
    expect(scan(f, "main_gate", f.credential("D004"), t), Verdict::denied, Reason::superseded);
    expect(scan(f, "main_gate", f.credential_with("D004", [](Claims& c) { c.issue = 2; }), t),
           Verdict::granted, Reason::granted);
}

TEST_CASE("Stale revocation data asks for a supervisor", "[scenario]") {
    GateFixture f(kBundleTime, [](KioskBundle& b) { b.revocations.max_age_minutes = 720; });
    const auto r = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    // The demo bundle is from 28 March: by the 31st its revocation data is stale.
    expect(r, Verdict::attention, Reason::stale_revocations);
    CHECK_FALSE(r.decision.admitted);
    CHECK(r.decision.override_possible);
}

TEST_CASE("Zone rules: not granted, insufficient clearance, closed", "[scenario]") {
    GateFixture f(kBundleTime);
    // The room is open only on 1 April, 14:00-18:00 (times move forward: the kiosk refuses a
    // clock that runs back).
    expect(scan(f, "hls_door", f.credential("P002"), brussels(1, 4, 10)), Verdict::denied,
           Reason::zone_closed);
    const auto session = brussels(1, 4, 15); // during the High Level Political Session
    // Press (X001) has no access to the session room.
    expect(scan(f, "hls_door", f.credential("X001"), session), Verdict::denied,
           Reason::zone_not_granted);
    // An explicit grant does not lift a rank below the zone's minimum.
    expect(scan(f, "hls_door",
                f.credential_with(
                    "X001",
                    [&](Claims& c) { c.zones = {f.bundle().event.find_zone("hls_room")->code}; }),
                session),
           Verdict::denied, Reason::insufficient_clearance);
    expect(scan(f, "hls_door", f.credential("P002"), session), Verdict::granted, Reason::granted);
}

TEST_CASE("Anti-passback: hard, soft and timed", "[scenario]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    const auto& badge = f.credential("D002");
    expect(scan(f, "main_gate", badge, t), Verdict::granted, Reason::granted);
    // Hard: the same badge again (a second person with a copy) is refused.
    expect(scan(f, "main_gate", badge, t + 60), Verdict::denied, Reason::already_inside);
    // Soft (building door): admitted with a warning to check the photo.
    expect(scan(f, "building_door", badge, t + 120), Verdict::granted, Reason::granted);
    const auto soft = scan(f, "building_door", badge, t + 180);
    expect(soft, Verdict::attention, Reason::already_inside);
    CHECK(soft.decision.admitted);
    // Timed (plenary, 10 minutes): refused within the time, admitted after it.
    expect(scan(f, "plenary_door", badge, t + 240), Verdict::granted, Reason::granted);
    expect(scan(f, "plenary_door", badge, t + 240 + 300), Verdict::denied, Reason::already_inside);
    expect(scan(f, "plenary_door", badge, t + 240 + 601), Verdict::granted, Reason::granted);
    // After an exit, entry is allowed again.
    expect(scan(f, "main_gate_exit", badge, t + 900), Verdict::granted, Reason::exit_recorded);
}

TEST_CASE("An escort is admitted only while the principal is inside", "[scenario]") {
    GateFixture f(kBundleTime);
    const auto session = brussels(1, 4, 14, 5);
    // K001 protects P001 (Ban Ki-moon).
    expect(scan(f, "hls_door", f.credential("K001"), session), Verdict::denied,
           Reason::escort_without_principal);
    expect(scan(f, "hls_door", f.credential("P001"), session + 30), Verdict::granted,
           Reason::granted);
    expect(scan(f, "hls_door", f.credential("K001"), session + 60), Verdict::granted,
           Reason::granted);
}

TEST_CASE("Capacity: the room takes no more than its capacity", "[scenario]") {
    GateFixture f(kBundleTime, [](KioskBundle& b) {
        for (auto& z : b.event.zones)
            if (z.id == "hls_room") z.capacity = 2;
    });
    const auto session = brussels(1, 4, 14, 30);
    expect(scan(f, "hls_door", f.credential("P002"), session), Verdict::granted, Reason::granted);
    expect(scan(f, "hls_door", f.credential("P003"), session + 10), Verdict::granted,
           Reason::granted);
    expect(scan(f, "hls_door", f.credential("M001"), session + 20), Verdict::denied,
           Reason::capacity_reached);
    // The exit door is another kiosk: its exits reach this one through the fleet (issue 9), so
    // on its own this kiosk keeps counting the room as full: it errs on the side of refusing.
    expect(scan(f, "hls_exit", f.credential("P003"), session + 30), Verdict::granted,
           Reason::exit_recorded);
    expect(scan(f, "hls_door", f.credential("M001"), session + 40), Verdict::denied,
           Reason::capacity_reached);
}

TEST_CASE("Clock suspect: before the bundle, or before the last logged entry", "[scenario]") {
    GateFixture f(kBundleTime);
    // On 28 March the badge (valid from 31 March) is not valid yet even at the latest time the
    // kiosk knows has passed: that is the verdict, the suspect clock is kept beside it.
    const auto early = scan(f, "main_gate", f.credential("D002"), kBundleTime - 3600);
    expect(early, Verdict::denied, Reason::not_yet_valid);
    CHECK(early.decision.other_reasons ==
          std::vector<Reason>{Reason::clock_suspect, Reason::zone_closed});
    CHECK_FALSE(early.decision.override_possible);
    expect(scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 10)), Verdict::granted,
           Reason::granted);
    // The clock jumps back an hour: no automatic grant.
    expect(scan(f, "main_gate", f.credential("D005"), brussels(31, 3, 9)), Verdict::denied,
           Reason::clock_suspect);
}

TEST_CASE("Exit gates record exits whatever the badge's state", "[scenario]") {
    GateFixture f(kBundleTime);
    // An expired badge still leaves; a forged one opens the exit but changes no presence.
    const auto r = scan(f, "main_gate_exit", f.credential("S001"), brussels(1, 4, 9));
    expect(r, Verdict::granted, Reason::exit_recorded);
    const auto junk = scan(f, "main_gate_exit", "NOT A BADGE", brussels(1, 4, 9));
    expect(junk, Verdict::attention, Reason::malformed);
    CHECK(junk.decision.admitted);
}

TEST_CASE("A supervisor overrides a denial; the override is logged", "[scenario]") {
    GateFixture f(kBundleTime);
    auto& kiosk = f.kiosk("hls_door");
    const auto denied = scan(f, "hls_door", f.credential("P002"), brussels(1, 4, 10));
    expect(denied, Verdict::denied, Reason::zone_closed);
    // A wrong PIN admits nobody and is on record: the supervisor it named, no holder, no PIN.
    const auto wrong = kiosk.override_last("duty_officer", "111111", brussels(1, 4, 10));
    CHECK_FALSE(wrong.decision.admitted);
    CHECK(wrong.decision.reason == Reason::pin_rejected);
    REQUIRE(wrong.row);
    CHECK(wrong.row->reason == Reason::pin_rejected);
    CHECK(wrong.row->verdict == Verdict::denied);
    CHECK(wrong.row->override_by == "duty_officer");
    CHECK_FALSE(wrong.row->holder);
    CHECK(wrong.row->credential.empty());
    CHECK(kiosk.has_overridable_denial()); // the right PIN may still follow
    const auto ok = kiosk.override_last("duty_officer", "246810", brussels(1, 4, 10));
    expect(ok, Verdict::granted, Reason::granted_override);
    CHECK(ok.row->override_by == "duty_officer");
    CHECK(ok.row->original_reason == Reason::zone_closed);
    // Forgery is never overridable.
    std::string forged = f.credential("D002");
    forged[50] = forged[50] == 'A' ? 'B' : 'A';
    expect(scan(f, "hls_door", forged, brussels(1, 4, 10)), Verdict::denied, Reason::bad_signature);
    CHECK_FALSE(kiosk.override_last("duty_officer", "246810", brussels(1, 4, 10)).row);
}

TEST_CASE("Guessing a supervisor PIN is slowed down, logged, and not reset by a restart",
          "[scenario][pin]") {
    GateFixture f(kBundleTime);
    GateEngine* kiosk = &f.kiosk("hls_door");
    std::int64_t t = brussels(1, 4, 10);
    expect(scan(f, "hls_door", f.credential("P002"), t), Verdict::denied, Reason::zone_closed);

    // Two wrong PINs cost nothing but the check; the third makes the next one wait 30 s.
    for (const char* guess : {"000000", "111111", "222222"}) {
        const Reported r = kiosk->override_last("duty_officer", guess, t);
        REQUIRE(r.pin);
        CHECK(r.pin->result == PinCheck::wrong);
        REQUIRE(r.row);
        CHECK(r.row->reason == Reason::pin_rejected);
    }
    CHECK(kiosk->pin_wait_seconds(t) == 30);
    // Within the wait even the right PIN is not checked, and nothing is written.
    const std::uint64_t head = kiosk->log().head_seq();
    const Reported early = kiosk->override_last("duty_officer", "246810", t + 10);
    REQUIRE(early.pin);
    CHECK(early.pin->result == PinCheck::must_wait);
    CHECK(early.pin->wait_seconds == 20);
    CHECK_FALSE(early.row);
    CHECK_FALSE(early.decision.admitted);
    CHECK(kiosk->log().head_seq() == head);
    // A guess at an unknown supervisor counts the same and names nobody it was given.
    const Reported unknown = kiosk->override_last("nobody; DROP TABLE", "333333", t + 30);
    REQUIRE(unknown.row);
    CHECK(unknown.row->override_by == "(unknown)");
    CHECK(kiosk->pin_wait_seconds(t + 30) == 60); // the fourth wrong PIN doubles the wait

    // Restarting the kiosk does not wipe the count: it is rebuilt from the log.
    kiosk = &f.restart("hls_door");
    CHECK(kiosk->pin_wait_seconds(t + 31) == 59);
    CHECK(kiosk->unlock("duty_officer", "246810", t + 40).result == PinCheck::must_wait);

    // After the wait the right PIN works and the count starts again.
    const PinOutcome right = kiosk->unlock("duty_officer", "246810", t + 90);
    CHECK(right.result == PinCheck::accepted);
    CHECK(kiosk->pin_wait_seconds(t + 90) == 0);
    const auto rows = kiosk->log().rows().value();
    REQUIRE(rows.size() == 6); // denial, 4 wrong PINs, the unlock
    CHECK(rows.back().reason == Reason::supervisor_unlock);
    // None of it changed who is inside, and no PIN reached the log.
    CHECK_FALSE(kiosk->presence().inside_since("P002", "hls_room", 0).has_value());
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(is_supervisor_action(rows[i]));
        CHECK(rows[i].credential.empty());
        CHECK_FALSE(rows[i].holder);
        for (const char* pin : {"000000", "111111", "222222", "333333", "246810"})
            CHECK(rows[i].override_by.value_or("").find(pin) == std::string::npos);
    }
}

TEST_CASE("Zone windows follow the event's time zone across the summer-time change", "[scenario]") {
    // A setup day on 30 March 2014, when Brussels went from 02:00 CET to 03:00 CEST.
    GateFixture f(brussels(29, 3, 12), [](KioskBundle& b) {
        b.event.days.insert(b.event.days.begin(), LocalDate{2014, 3, 30});
        for (auto& z : b.event.zones)
            if (z.id == "organisers_office") z.windows = {{{2014, 3, 30}, 1 * 60 + 30, 4 * 60}};
    });
    const Zone& office = *f.bundle().event.find_zone("organisers_office");
    const std::int64_t change = 1396141200;                             // 2014-03-30T01:00:00Z
    CHECK_FALSE(zone_open_at(f.bundle().event, office, change - 1801)); // 01:29:59 CET
    CHECK(zone_open_at(f.bundle().event, office, change - 1800));       // 01:30 CET
    CHECK(zone_open_at(f.bundle().event, office, change + 3599));       // 03:59:59 CEST
    CHECK_FALSE(zone_open_at(f.bundle().event, office, change + 3600)); // 04:00 CEST
}

TEST_CASE("internal_error: a kiosk without a gate denies", "[scenario]") {
    DecisionInput in; // nothing configured
    in.content = "AC1:whatever";
    const Decision d = decide(in);
    CHECK(d.reason == Reason::internal_error);
    CHECK_FALSE(d.admitted);
}

TEST_CASE("log_unavailable: nothing is granted that cannot be recorded", "[scenario]") {
    GateFixture f(kBundleTime);
    auto& kiosk = f.kiosk("main_gate");
    const auto t = brussels(31, 3, 9);
    // Another process holds the log locked (a backup tool, a stuck reader): writes fail after
    // the busy timeout. (A read-only file would not do: the tests run as root.)
    auto other =
        Database::open(f.dir() + "/kiosk-main_gate/log.db", Database::Mode::read_write_create);
    REQUIRE(other);
    REQUIRE(other->exec("BEGIN EXCLUSIVE"));
    const auto r = kiosk.handle_scan(GateFixture::through_camera(f.credential("D002")), t);
    CHECK(r.decision.reason == Reason::log_unavailable);
    CHECK_FALSE(r.decision.admitted);
    CHECK_FALSE(r.row);
    REQUIRE(other->exec("ROLLBACK"));
    // When the fault clears, the kiosk works again and the chain carries on.
    expect(kiosk.handle_scan(GateFixture::through_camera(f.credential("D002")), t + 5),
           Verdict::granted, Reason::granted);
}

TEST_CASE("log_unavailable at an exit: the person is let out, unrecorded, still counted inside",
          "[scenario]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    auto& exit = f.kiosk("main_gate_exit");
    auto other =
        Database::open(f.dir() + "/kiosk-main_gate_exit/log.db", Database::Mode::read_write_create);
    REQUIRE(other);
    REQUIRE(other->exec("BEGIN EXCLUSIVE"));
    const auto r = exit.handle_scan(GateFixture::through_camera(f.credential("D002")), t);
    REQUIRE(other->exec("ROLLBACK"));
    CHECK(r.decision.verdict == Verdict::attention);
    CHECK(r.decision.reason == Reason::log_unavailable);
    CHECK(r.decision.admitted); // the way out is never blocked by the kiosk
    CHECK_FALSE(r.decision.override_possible);
    CHECK_FALSE(r.row);
    CHECK_THAT(r.decision.detail, Catch::StartsWith("exit not recorded"));
    CHECK(exit.log().head_seq() == 0);
}

TEST_CASE("After a failed write the kiosk reopens its log, but never continues a swapped one",
          "[scenario]") {
    namespace fs = std::filesystem;
    GateFixture f(kBundleTime);
    auto& kiosk = f.kiosk("main_gate");
    const std::string log = f.dir() + "/kiosk-main_gate/log.db";
    // A log is its database file plus, while open, its write-ahead log.
    const auto move_log = [](const std::string& from, const std::string& to, bool copy) {
        fs::remove(to + "-wal");
        fs::remove(to + "-shm");
        for (const char* part : {"", "-wal"}) {
            if (!fs::exists(from + part)) continue;
            if (copy)
                fs::copy_file(from + part, to + part, fs::copy_options::overwrite_existing);
            else
                fs::rename(from + part, to + part);
        }
    };
    const auto t = brussels(31, 3, 9);
    expect(scan(f, "main_gate", f.credential("D002"), t), Verdict::granted, Reason::granted);
    // A copy of the log as it is now (the database file and its write-ahead log).
    move_log(log, f.dir() + "/older.db", true);
    expect(scan(f, "main_gate", f.credential("X001"), t + 1), Verdict::granted, Reason::granted);

    // A write fails (the log locked by another process): the kiosk lets go of the file.
    {
        auto other = Database::open(log, Database::Mode::read_write_create);
        REQUIRE(other);
        REQUIRE(other->exec("BEGIN EXCLUSIVE"));
        CHECK(scan(f, "main_gate", f.credential("X003"), t + 2).decision.reason ==
              Reason::log_unavailable);
        REQUIRE(other->exec("ROLLBACK"));
    }
    CHECK_FALSE(kiosk.log().is_open());
    // Meanwhile the file is replaced by an older copy of itself: reopening finds a log that
    // ends one row short of what this kiosk wrote, and refuses to continue it.
    const std::string newer = f.dir() + "/newer.db";
    move_log(log, newer, false);
    move_log(f.dir() + "/older.db", log, true);
    for (int i = 0; i < 2; ++i)
        CHECK(scan(f, "main_gate", f.credential("X003"), t + 3 + i).decision.reason ==
              Reason::log_unavailable);
    {
        auto older = Database::open(log, Database::Mode::read_only);
        REQUIRE(older);
        auto q = older->prepare("SELECT count(*) FROM entries");
        REQUIRE(q);
        REQUIRE(q->step().value());
        CHECK(q->column_int(0) == 1); // nothing was written to the older copy
    }
    // The right file back: the chain carries on from where this kiosk left it.
    fs::remove(log);
    move_log(newer, log, false);
    const auto back = scan(f, "main_gate", f.credential("X003"), t + 10);
    expect(back, Verdict::granted, Reason::granted);
    CHECK(back.row->seq == 3);
    CHECK(kiosk.log().is_open());
}
