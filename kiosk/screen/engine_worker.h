// The engine's own thread under the screen: takes the scanner's events and the guard's requests,
// decides, logs, and hands results to the drawing thread, which therefore never waits on
// verification, SQLite's fsync or a supervisor's Argon2id PIN check.
#pragma once

#include "kiosk/app/fleet_intake.h"
#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/manual_request.h"
#include "kiosk/screen/gate_status.h"
#include "kiosk/screen/manual_lookup_answer.h"
#include "kiosk/screen/verdict_view.h"
#include "kiosk/sources/scanner.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace accred {

enum class PinPurpose { override_denial, unlock };

struct WorkerResult {
    std::optional<VerdictView> verdict; // a decision to show
    std::optional<PinPurpose> pin_purpose;
    PinCheck pin_result = PinCheck::wrong;
    std::int64_t wait_seconds = 0;      // before the next PIN is checked (must_wait, or wrong)
    std::optional<LookupAnswer> lookup; // the manual lookup's results, or why it decided nothing
};

class EngineWorker {
  public:
    // report is called on the worker thread with each decision (the kiosk prints its JSON line).
    // With a mailbox (the kiosk joined a desk), the worker applies what the sync thread hands
    // over between decisions (FleetIntake) and shows the desk's link in the status; its lines
    // (link changes, updates installed) go to say, on the worker thread.
    // The engine, clock, scanner and mailbox must outlive the worker.
    EngineWorker(GateEngine& engine, const KioskClock& clock, Scanner& scanner,
                 std::function<void(const Reported&, std::int64_t)> report,
                 SyncMailbox* mailbox = nullptr, std::function<void(const std::string&)> say = {});
    ~EngineWorker();
    EngineWorker(const EngineWorker&) = delete;
    EngineWorker& operator=(const EngineWorker&) = delete;

    // A line typed into the window by a handheld scanner.
    void submit_scan(std::string content);
    // A supervisor's PIN from the pad; the worker wipes it after the check.
    void submit_pin(PinPurpose purpose, std::string supervisor_id, std::string pin);
    void request_exit_mode(bool on);
    // Manual lookup (manual_lookup_model.h): the people matching query, answered as a result's
    // lookup; then the decision for the one chosen (GateEngine::decide_by_lookup), answered as a
    // verdict, or as a lookup saying why nothing was decided. The worker wipes the PIN.
    void submit_search(std::string query);
    void submit_lookup(ManualRequest request);
    // While locked, scans are not decided (nobody is there to act on a verdict).
    void set_locked(bool locked);

    // Results since the last call, in order.
    std::vector<WorkerResult> take_results();
    GateStatus status() const;

    // Stops taking work, decides the scans already read, writes the shutdown checkpoint and
    // joins. Returns the checkpoint's error, if any. Idempotent.
    Status stop();

  private:
    struct Request;
    void enqueue(Request request);
    void run();
    void handle(Request request);
    void decide(const std::string& content);
    void decide_lookup(Request& r);
    void refresh_status();
    void desk_status(GateStatus& s) const;
    void recount_today(std::int64_t now);
    void count(const Reported& reported, std::int64_t now);

    GateEngine& engine_;
    const KioskClock& clock_;
    Scanner& scanner_;
    std::function<void(const Reported&, std::int64_t)> report_;
    SyncMailbox* mailbox_ = nullptr;
    std::optional<FleetIntake> intake_; // worker thread only (after construction)

    mutable std::mutex mutex_; // guards requests_, results_, status_
    std::condition_variable wake_;
    std::deque<Request> requests_;
    std::vector<WorkerResult> results_;
    GateStatus status_;

    // Worker thread only.
    bool locked_ = false;
    bool log_ok_ = true;
    std::int64_t today_ = -1; // the event-local day counted, as days since 1970 (-1: none)
    std::uint32_t granted_today_ = 0;
    std::uint32_t denied_today_ = 0;

    std::atomic<bool> stopping_{false};
    bool stopped_ = false;
    Status final_status_ = Done{};
    std::thread thread_;
};

} // namespace accred
