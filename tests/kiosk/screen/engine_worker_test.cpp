// The engine's thread under the screen, with the real engine (demo event, SQLite log), a scanner
// without camera or wedge (scans arrive typed, as from a handheld scanner into the window) and a
// simulated clock: decisions come back as verdicts and are reported once, the status follows the
// log, a locked gate decides nothing, supervisors' PINs unlock and override, exit mode switches
// only where allowed, and stopping writes the shutdown checkpoint.
#include "kiosk/gate_fixture.h"
#include "kiosk/screen/engine_worker.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

using namespace accred;
using namespace std::chrono_literals;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600; // as in gate_scenarios_test

// A bound on every wait: decisions take milliseconds, a PIN check about a second (more under
// the sanitizers).
constexpr auto kPatience = 15s;

KioskClock simulated(const std::string& spec) {
    auto clock = KioskClock::simulated(spec, ResolvedZone{});
    INFO((clock ? std::string() : clock.error().message));
    REQUIRE(clock);
    return std::move(clock).value();
}

// What the report callback saw, on the worker's thread.
struct Reports {
    std::mutex mutex;
    std::vector<Reason> reasons;
    std::vector<std::uint64_t> seqs;

    std::function<void(const Reported&, std::int64_t)> callback() {
        return [this](const Reported& r, std::int64_t) {
            std::lock_guard lock(mutex);
            reasons.push_back(r.decision.reason);
            seqs.push_back(r.row ? r.row->seq : 0);
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return reasons.size();
    }
};

// Takes results until there are n (or the patience runs out).
std::vector<WorkerResult> wait_results(EngineWorker& worker, std::size_t n) {
    std::vector<WorkerResult> all;
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (all.size() < n && std::chrono::steady_clock::now() < deadline) {
        for (auto& r : worker.take_results())
            all.push_back(std::move(r));
        if (all.size() < n) std::this_thread::sleep_for(5ms);
    }
    REQUIRE(all.size() == n);
    return all;
}

WorkerResult wait_result(EngineWorker& worker) {
    return wait_results(worker, 1).front();
}

// Waits until the status satisfies done (the worker refreshes it after each request).
GateStatus wait_status(EngineWorker& worker, const std::function<bool(const GateStatus&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    GateStatus s = worker.status();
    while (!done(s) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
        s = worker.status();
    }
    REQUIRE(done(s));
    return s;
}

GateStatus wait_head(EngineWorker& worker, std::uint64_t head) {
    return wait_status(worker, [head](const GateStatus& s) { return s.log_head == head; });
}

// Asks for something the worker answers (a PIN check that needs no Argon2id when there is
// nothing to override), so everything submitted before it has been handled.
void drain(EngineWorker& worker, std::vector<WorkerResult>* before = nullptr) {
    worker.submit_pin(PinPurpose::override_denial, "duty_officer", "0");
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    std::vector<WorkerResult> results;
    while (std::chrono::steady_clock::now() < deadline) {
        for (auto& r : worker.take_results())
            results.push_back(std::move(r));
        if (!results.empty() && results.back().pin_purpose) break;
        std::this_thread::sleep_for(5ms);
    }
    REQUIRE_FALSE(results.empty());
    REQUIRE(results.back().pin_purpose);
    results.pop_back();
    if (before) *before = std::move(results);
}

} // namespace

TEST_CASE("Scans are decided on the worker and reported once; the status follows the log",
          "[screen][worker]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate");
    const KioskClock clock = simulated("2014-03-31T07:00:00Z"); // 09:00 in Brussels, day one
    const std::int64_t start = clock.now();
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    EngineWorker worker(engine, clock, scanner, reports.callback());

    const GateStatus initial = worker.status();
    CHECK(initial.gate_name.name == f.bundle().event.find_gate("main_gate")->name);
    CHECK(initial.log_head == 0);
    CHECK(initial.granted_today == 0);
    CHECK(initial.denied_today == 0);
    CHECK(initial.inside == 0);
    CHECK(initial.simulated_time);
    CHECK_FALSE(initial.exit_mode_allowed);
    CHECK_FALSE(initial.locked);
    CHECK(initial.supervisors.size() == f.bundle().event.supervisors.size());
    CHECK(initial.bundle_issued_at == static_cast<std::uint64_t>(kBundleTime));

    worker.submit_scan(f.credential("D002"));
    const WorkerResult granted = wait_result(worker);
    REQUIRE(granted.verdict);
    CHECK_FALSE(granted.pin_purpose);
    CHECK(granted.verdict->kind == Verdict::granted);
    CHECK(granted.verdict->title_key == "verdict.granted");
    CHECK(granted.verdict->holder == "D002");
    CHECK(granted.verdict->log_seq == 1);
    GateStatus s = wait_head(worker, 1);
    CHECK(s.granted_today == 1);
    CHECK(s.denied_today == 0);
    CHECK(s.inside == 1);
    CHECK(s.log_ok);

    // The same badge again at a hard anti-passback gate, and a forged one.
    worker.submit_scan(f.credential("D002"));
    std::string forged = f.credential("D005");
    forged[50] = forged[50] == 'A' ? 'B' : 'A';
    worker.submit_scan(forged);
    const auto refused = wait_results(worker, 2);
    REQUIRE(refused[0].verdict);
    REQUIRE(refused[1].verdict);
    CHECK(refused[0].verdict->reason == Reason::already_inside);
    CHECK(refused[0].verdict->kind == Verdict::denied);
    CHECK(refused[1].verdict->reason == Reason::bad_signature);
    CHECK(refused[1].verdict->log_seq == 3);
    s = wait_head(worker, 3);
    CHECK(s.granted_today == 1);
    CHECK(s.denied_today == 2);
    CHECK(s.inside == 1);
    CHECK_FALSE(s.override_possible); // a forged badge is never overridden

    // One report per decision, in order, each after its row was written.
    {
        std::lock_guard lock(reports.mutex);
        CHECK(reports.reasons ==
              std::vector<Reason>{Reason::granted, Reason::already_inside, Reason::bad_signature});
        CHECK(reports.seqs == std::vector<std::uint64_t>{1, 2, 3});
    }

    REQUIRE(worker.stop());
    CHECK(worker.stop()); // idempotent
    const auto cp = engine.log().latest_checkpoint();
    REQUIRE(cp);
    CHECK(cp->seq == 3);
    CHECK(cp->seq == engine.log().head_seq());
    CHECK(cp->time >= start);
    CHECK(cp->time <= clock.now());
    CHECK(reports.count() == 3);

    // A new worker on the same log counts the day's decisions already in it.
    EngineWorker again(engine, clock, scanner, reports.callback());
    const GateStatus recounted = again.status();
    CHECK(recounted.log_head == 3);
    CHECK(recounted.granted_today == 1);
    CHECK(recounted.denied_today == 2);
    CHECK(recounted.inside == 1);
}

TEST_CASE("A locked gate decides nothing until a supervisor's PIN unlocks it", "[screen][worker]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate");
    const KioskClock clock = simulated("2014-03-31T07:00:00Z");
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    EngineWorker worker(engine, clock, scanner, reports.callback());

    worker.set_locked(true);
    worker.submit_scan(f.credential("D002"));
    std::vector<WorkerResult> before;
    drain(worker, &before);
    CHECK(before.empty()); // no verdict for the scan
    std::this_thread::sleep_for(100ms);
    CHECK(worker.take_results().empty());
    const GateStatus locked = wait_status(worker, [](const GateStatus& s) { return s.locked; });
    CHECK(locked.log_head == 0);
    CHECK(locked.granted_today == 0);
    CHECK(locked.denied_today == 0);
    CHECK(reports.count() == 0);

    worker.submit_pin(PinPurpose::unlock, "duty_officer", "246810");
    const WorkerResult unlocked = wait_result(worker);
    REQUIRE(unlocked.pin_purpose);
    CHECK(*unlocked.pin_purpose == PinPurpose::unlock);
    CHECK(unlocked.pin_result == PinCheck::accepted);
    CHECK_FALSE(unlocked.verdict);
    const GateStatus open = wait_status(worker, [](const GateStatus& s) { return !s.locked; });
    CHECK(open.granted_today == 0); // the unlock's row is not a grant

    // The scan refused while locked stays forgotten; a new one is decided.
    CHECK(reports.count() == 0);
    worker.submit_scan(f.credential("D002"));
    const WorkerResult decided = wait_result(worker);
    REQUIRE(decided.verdict);
    CHECK(decided.verdict->kind == Verdict::granted);
    CHECK(decided.verdict->log_seq == 2); // after the unlock's row
    CHECK(reports.count() == 1);
    REQUIRE(worker.stop());
    REQUIRE(engine.log().head_seq() == 2);
    const auto rows = engine.log().rows().value();
    CHECK(rows[0].reason == Reason::supervisor_unlock);
    CHECK(rows[0].verdict == Verdict::attention);
    CHECK(rows[0].override_by == "duty_officer");
    CHECK_FALSE(rows[0].holder);
}

TEST_CASE("A supervisor overrides the last denial; a wrong PIN changes nothing",
          "[screen][worker]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("hls_door");
    // 10:00 in Brussels on 1 April: the High Level Session room is still closed.
    const KioskClock clock = simulated("2014-04-01T08:00:00Z");
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    EngineWorker worker(engine, clock, scanner, reports.callback());

    // Nothing to override yet (answered without a PIN check).
    worker.submit_pin(PinPurpose::override_denial, "duty_officer", "246810");
    const WorkerResult nothing = wait_result(worker);
    REQUIRE(nothing.pin_purpose);
    CHECK(nothing.pin_result == PinCheck::nothing_to_override);
    CHECK_FALSE(nothing.verdict);

    worker.submit_scan(f.credential("P002"));
    const WorkerResult denied = wait_result(worker);
    REQUIRE(denied.verdict);
    REQUIRE(denied.verdict->reason == Reason::zone_closed);
    CHECK(denied.verdict->override_possible);
    CHECK(wait_head(worker, 1).override_possible);

    worker.submit_pin(PinPurpose::override_denial, "duty_officer", "000000");
    const WorkerResult wrong = wait_result(worker);
    REQUIRE(wrong.pin_purpose);
    CHECK(*wrong.pin_purpose == PinPurpose::override_denial);
    CHECK(wrong.pin_result == PinCheck::wrong);
    CHECK(wrong.wait_seconds == 0); // a first mistake costs no wait
    CHECK_FALSE(wrong.verdict);
    GateStatus s = wait_head(worker, 2); // the wrong PIN's pin_rejected row
    CHECK(s.override_possible);          // still there for the right PIN
    CHECK(s.denied_today == 1);          // a wrong PIN is not a denied badge
    CHECK(reports.count() == 1);         // and the output has decisions on badges only

    worker.submit_pin(PinPurpose::override_denial, "duty_officer", "246810");
    const WorkerResult accepted = wait_result(worker);
    REQUIRE(accepted.pin_purpose);
    CHECK(accepted.pin_result == PinCheck::accepted);
    REQUIRE(accepted.verdict);
    CHECK(accepted.verdict->title_key == "verdict.override");
    CHECK(accepted.verdict->kind == Verdict::granted);
    CHECK(accepted.verdict->override_by == f.bundle().event.find_supervisor("duty_officer")->name);
    CHECK(accepted.verdict->holder == "P002");
    CHECK(accepted.verdict->log_seq == 3);
    s = wait_head(worker, 3);
    CHECK_FALSE(s.override_possible);
    CHECK(s.granted_today == 1);
    CHECK(s.denied_today == 1);
    CHECK(s.inside == 1);
    CHECK(reports.count() == 2);
    REQUIRE(worker.stop());
}

TEST_CASE("Exit mode switches only where the gate allows it, and then records exits",
          "[screen][worker]") {
    GateFixture f(kBundleTime);
    const KioskClock clock = simulated("2014-03-31T07:00:00Z");
    Scanner scanner(nullptr, {}, -1);
    Reports reports;

    SECTION("the main gate has no exit mode") {
        EngineWorker worker(f.kiosk("main_gate"), clock, scanner, reports.callback());
        CHECK_FALSE(worker.status().exit_mode_allowed);
        worker.request_exit_mode(true);
        worker.submit_scan(f.credential("D002"));
        const WorkerResult r = wait_result(worker);
        REQUIRE(r.verdict);
        CHECK(r.verdict->title_key == "verdict.granted");
        CHECK(r.verdict->entering);
        const GateStatus s = wait_head(worker, 1);
        CHECK_FALSE(s.exit_mode);
        CHECK(s.inside == 1);
        REQUIRE(worker.stop());
    }
    SECTION("the building door records exits in exit mode, and entries again after") {
        EngineWorker worker(f.kiosk("building_door"), clock, scanner, reports.callback());
        CHECK(worker.status().exit_mode_allowed);
        CHECK_FALSE(worker.status().exit_mode);
        worker.submit_scan(f.credential("D002"));
        CHECK(wait_result(worker).verdict->title_key == "verdict.granted");
        CHECK(wait_head(worker, 1).inside == 1);

        worker.request_exit_mode(true);
        wait_status(worker, [](const GateStatus& s) { return s.exit_mode; });
        worker.submit_scan(f.credential("D002"));
        const WorkerResult out = wait_result(worker);
        REQUIRE(out.verdict);
        CHECK(out.verdict->title_key == "verdict.exit");
        CHECK(out.verdict->reason == Reason::exit_recorded);
        CHECK_FALSE(out.verdict->entering);
        GateStatus s = wait_head(worker, 2);
        CHECK(s.inside == 0);
        CHECK(s.exit_mode);

        worker.request_exit_mode(false);
        wait_status(worker, [](const GateStatus& st) { return !st.exit_mode; });
        worker.submit_scan(f.credential("D002"));
        const WorkerResult back = wait_result(worker);
        REQUIRE(back.verdict);
        CHECK(back.verdict->title_key == "verdict.granted");
        CHECK(back.verdict->entering);
        REQUIRE(worker.stop());
    }
}

TEST_CASE("A recorded exit counts with the day's grants, not with its refusals",
          "[screen][worker]") {
    // GateStatus::granted_today is "admitted entries and recorded exits", but EngineWorker's
    // count() and recount_today() sort rows with row_admits(), which is false for every exit
    // row: each exit recorded at an exit gate (or in exit mode) shows up as one more denial.
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate_exit");
    const KioskClock clock = simulated("2014-03-31T16:00:00Z"); // 18:00 in Brussels
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    {
        EngineWorker worker(engine, clock, scanner, reports.callback());
        worker.submit_scan(f.credential("D002"));
        worker.submit_scan(f.credential("D005"));
        const auto results = wait_results(worker, 2);
        for (const auto& r : results) {
            REQUIRE(r.verdict);
            CHECK(r.verdict->reason == Reason::exit_recorded);
            CHECK(r.verdict->admitted);
        }
        const GateStatus s = wait_head(worker, 2);
        CHECK(s.granted_today == 2);
        CHECK(s.denied_today == 0);
        REQUIRE(worker.stop());
    }
    // The same when the day is counted again from the log.
    EngineWorker again(engine, clock, scanner, reports.callback());
    CHECK(again.status().granted_today == 2);
    CHECK(again.status().denied_today == 0);
}

TEST_CASE("Stopping writes the shutdown checkpoint even with nothing decided", "[screen][worker]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("press_door");
    const KioskClock clock = simulated("2014-03-31T07:00:00Z");
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    {
        EngineWorker worker(engine, clock, scanner, reports.callback());
        CHECK(worker.status().log_head == 0);
        // Destroying the worker stops it.
    }
    const auto cp = engine.log().latest_checkpoint();
    REQUIRE(cp);
    CHECK(cp->seq == 0);
    CHECK(cp->time >= brussels(31, 3, 9));
    CHECK(reports.count() == 0);
}

TEST_CASE("A scan typed just before the stop is decided, like a scan the camera read",
          "[screen][worker]") {
    // EngineWorker::stop() decides the scanner's pending events ("they were shown to the gate")
    // but drops scans already submitted through submit_scan() that the worker thread has not yet
    // taken: the loop exits on stopping_ without handling requests_. Here the worker is busy with
    // a PIN check (Argon2id, about a second) when the badge is typed and the kiosk is stopped.
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate");
    const KioskClock clock = simulated("2014-03-31T07:00:00Z");
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    EngineWorker worker(engine, clock, scanner, reports.callback());
    worker.submit_pin(PinPurpose::unlock, "duty_officer", "000000");
    std::this_thread::sleep_for(200ms); // the worker has taken the PIN and is checking it
    worker.submit_scan(f.credential("D002"));
    REQUIRE(worker.stop());
    CHECK(reports.count() == 1);
    CHECK(engine.log().head_seq() == 2); // the wrong PIN's row, then the decision
}

TEST_CASE("With a desk, the worker applies the sync's deliveries and shows the link",
          "[screen][worker]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate");
    GateEngine& plenary = f.kiosk("plenary_door");
    const KioskClock clock = simulated("2014-03-31T07:00:00Z");
    // Another kiosk's row, as the desk hands it down: D002 entered the plenary hall.
    const Reported peer =
        plenary.handle_scan(GateFixture::through_camera(f.credential("D002")), clock.now());
    REQUIRE(peer.row);
    Scanner scanner(nullptr, {}, -1);
    Reports reports;
    SyncMailbox mailbox;
    std::mutex said_mutex;
    std::vector<std::string> said;
    EngineWorker worker(engine, clock, scanner, reports.callback(), &mailbox,
                        [&](const std::string& line) {
                            std::lock_guard lock(said_mutex);
                            said.push_back(line);
                        });
    REQUIRE(mailbox.snapshot()); // published at once for the sync thread
    CHECK(mailbox.snapshot()->bundle_version == f.bundle().version);
    GateStatus s = worker.status();
    CHECK(s.fleet);
    CHECK_FALSE(s.desk_tried);
    CHECK_FALSE(s.desk_online);

    DeskLink link;
    link.tried = true;
    link.offline_since = clock.now(); // 09:00 in Brussels
    link.last_error = "connection refused";
    mailbox.set_link(link);
    SyncDelivery d;
    d.presence = {*peer.row};
    mailbox.post(std::move(d));
    s = wait_status(worker, [](const GateStatus& st) { return st.desk_tried; });
    CHECK_FALSE(s.desk_online);
    CHECK(s.desk_offline_since == "09:00");
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (mailbox.pending() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    CHECK(mailbox.pending() == 0);
    drain(worker);
    CHECK(worker.stop()); // the engine is the test's again
    CHECK(engine.presence().inside_since("D002", "plenary", 0) == peer.row->time);
    CHECK(engine.log().head_seq() == 0); // the peer's row is never logged here
    REQUIRE_FALSE(said.empty());
    CHECK(said.front() == "kiosk: desk offline (connection refused); deciding alone");
}
