#include "engine_worker.h"

#include "event/calendar.h"
#include "event/event_window.h"
#include "event/local_time.h"
#include "kiosk/screen/manual_lookup_model.h"
#include "kiosk/screen/manual_lookup_search.h"

#include <cstdio>
#include <sodium.h>

namespace accred {
namespace {

// How long the worker waits for a scan before looking at the guard's requests again: short
// enough that a PIN or a mode switch feels immediate.
constexpr std::chrono::milliseconds kPollInterval{20};

// The event-local day of a UTC time as one comparable number (YYYYMMDD), -1 if unknown.
std::int64_t local_day(const ResolvedZone& tz, std::int64_t utc) {
    const auto local = utc_to_local(tz, utc);
    if (!local) return -1;
    return local->date.year * 10000LL + local->date.month * 100LL + local->date.day;
}

// The status bar's "granted" counts everyone let through: admitted entries and recorded exits.
bool counts_as_granted(const EntryRecord& row) {
    return row.admitted && !is_supervisor_action(row);
}

} // namespace

struct EngineWorker::Request {
    enum class Kind { scan, pin, exit_mode, lock, search, lookup } kind = Kind::scan;
    std::string text; // the scanned line, the supervisor id, the query or the holder looked up
    std::string pin;  // wiped once checked
    PinPurpose purpose = PinPurpose::override_denial;
    bool flag = false;      // exit mode on / locked
    std::string supervisor; // a manual lookup's supervisor id
};

EngineWorker::EngineWorker(GateEngine& engine, const KioskClock& clock, Scanner& scanner,
                           std::function<void(const Reported&, std::int64_t)> report,
                           SyncMailbox* mailbox, std::function<void(const std::string&)> say)
    : engine_(engine), clock_(clock), scanner_(scanner), report_(std::move(report)),
      mailbox_(mailbox) {
    if (mailbox_) {
        if (!say) say = [](const std::string&) {};
        intake_.emplace(*mailbox_, std::move(say));
        intake_->publish(engine_);
    }
    recount_today(clock_.now());
    refresh_status();
    thread_ = std::thread([this] { run(); });
}

EngineWorker::~EngineWorker() {
    (void)stop();
}

void EngineWorker::enqueue(Request request) {
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
    wake_.notify_all();
}

void EngineWorker::submit_scan(std::string content) {
    enqueue({Request::Kind::scan, std::move(content), {}, PinPurpose::override_denial, false, {}});
}

void EngineWorker::submit_pin(PinPurpose purpose, std::string supervisor_id, std::string pin) {
    enqueue({Request::Kind::pin, std::move(supervisor_id), std::move(pin), purpose, false, {}});
}

void EngineWorker::request_exit_mode(bool on) {
    enqueue({Request::Kind::exit_mode, {}, {}, PinPurpose::override_denial, on, {}});
}

void EngineWorker::set_locked(bool locked) {
    enqueue({Request::Kind::lock, {}, {}, PinPurpose::override_denial, locked, {}});
}

void EngineWorker::submit_search(std::string query) {
    enqueue({Request::Kind::search, std::move(query), {}, PinPurpose::override_denial, false, {}});
}

void EngineWorker::submit_lookup(ManualRequest request) {
    enqueue({Request::Kind::lookup, std::move(request.holder), std::move(request.pin),
             PinPurpose::override_denial, false, std::move(request.supervisor_id)});
}

std::vector<WorkerResult> EngineWorker::take_results() {
    std::lock_guard lock(mutex_);
    std::vector<WorkerResult> out;
    out.swap(results_);
    return out;
}

GateStatus EngineWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void EngineWorker::run() {
    while (!stopping_) {
        std::deque<Request> requests;
        {
            std::lock_guard lock(mutex_);
            requests.swap(requests_);
        }
        for (auto& r : requests)
            handle(std::move(r));
        // Between decisions: updates and peers' presence from the desk (never waits on it).
        if (intake_) (void)intake_->drain(engine_);
        if (auto event = scanner_.wait_next(kPollInterval)) {
            if (!locked_) decide(event->content);
        } else if (scanner_.finished()) {
            // Nothing more will come from the camera: wait for the guard's requests only.
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kPollInterval,
                           [this] { return !requests_.empty() || stopping_.load(); });
        }
        refresh_status();
    }
}

void EngineWorker::handle(Request r) {
    switch (r.kind) {
    case Request::Kind::scan:
        if (!locked_) decide(r.text);
        break;
    case Request::Kind::exit_mode:
        (void)engine_.set_exit_mode(r.flag); // the status shows whether it took
        break;
    case Request::Kind::lock:
        locked_ = r.flag;
        break;
    case Request::Kind::search: {
        WorkerResult result;
        result.lookup = find_holders(engine_.state(), r.text, ManualLookupModel::kMaxResults);
        std::lock_guard lock(mutex_);
        results_.push_back(std::move(result));
        break;
    }
    case Request::Kind::lookup:
        decide_lookup(r);
        break;
    case Request::Kind::pin: {
        WorkerResult result;
        result.pin_purpose = r.purpose;
        const std::int64_t now = clock_.now();
        if (r.purpose == PinPurpose::unlock) {
            const PinOutcome checked = engine_.unlock(r.text, r.pin, now);
            result.pin_result = checked.result;
            result.wait_seconds = checked.wait_seconds;
            if (checked.result == PinCheck::accepted) locked_ = false;
        } else if (!engine_.has_overridable_denial()) {
            result.pin_result = PinCheck::nothing_to_override; // no PIN checked, none counted
        } else {
            Reported reported = engine_.override_last(r.text, r.pin, now);
            const PinOutcome checked = reported.pin.value_or(PinOutcome{});
            result.wait_seconds = checked.wait_seconds;
            if (checked.result != PinCheck::accepted) {
                // A wrong PIN's pin_rejected row is in the log; report_ prints decisions on
                // badges only (as for an unlock).
                result.pin_result = checked.result;
                if (checked.result == PinCheck::wrong) log_ok_ = reported.row.has_value();
            } else if (reported.row || reported.decision.reason == Reason::log_unavailable) {
                result.pin_result = reported.row ? PinCheck::accepted : PinCheck::not_possible;
                count(reported, now);
                report_(reported, now);
                result.verdict =
                    make_verdict_view(reported, engine_.state(), engine_.time_zone(), now);
            } else {
                result.pin_result = PinCheck::not_possible;
            }
        }
        sodium_memzero(r.pin.data(), r.pin.size());
        refresh_status(); // the screen draws the result with the status that goes with it
        std::lock_guard lock(mutex_);
        results_.push_back(std::move(result));
        break;
    }
    }
}

void EngineWorker::decide(const std::string& content) {
    const std::int64_t now = clock_.now();
    Reported reported = engine_.handle_scan(content, now);
    count(reported, now);
    report_(reported, now);
    WorkerResult result;
    result.verdict = make_verdict_view(reported, engine_.state(), engine_.time_zone(), now);
    refresh_status();
    std::lock_guard lock(mutex_);
    results_.push_back(std::move(result));
}

void EngineWorker::decide_lookup(Request& r) {
    const std::int64_t now = clock_.now();
    ManualRequest request{r.text, r.supervisor, std::move(r.pin)};
    auto reported = engine_.decide_by_lookup(request, now);
    sodium_memzero(request.pin.data(), request.pin.size());
    WorkerResult result;
    if (!reported) {
        result.lookup = LookupAnswer{};
        result.lookup->error = reported.error().message;
    } else if (reported->pin && reported->pin->result != PinCheck::accepted) {
        // A wrong PIN's pin_rejected row is in the log; nothing was decided.
        result.lookup = LookupAnswer{};
        result.lookup->pin = reported->pin->result;
        result.lookup->wait_seconds = reported->pin->wait_seconds;
    } else {
        count(*reported, now);
        report_(*reported, now);
        result.verdict = make_verdict_view(*reported, engine_.state(), engine_.time_zone(), now);
    }
    refresh_status();
    std::lock_guard lock(mutex_);
    results_.push_back(std::move(result));
}

void EngineWorker::count(const Reported& reported, std::int64_t now) {
    log_ok_ = reported.row.has_value();
    if (!reported.row || is_supervisor_action(*reported.row)) return;
    const std::int64_t day = local_day(engine_.time_zone(), reported.row->time);
    if (day != today_)
        recount_today(now); // the new day's first entry is already in the log
    else if (counts_as_granted(*reported.row))
        ++granted_today_;
    else
        ++denied_today_;
}

void EngineWorker::recount_today(std::int64_t now) {
    const ResolvedZone& tz = engine_.time_zone();
    today_ = local_day(tz, now);
    granted_today_ = denied_today_ = 0;
    auto rows = engine_.log().rows();
    if (!rows) return;
    for (const auto& row : rows.value()) {
        if (local_day(tz, row.time) != today_ || is_supervisor_action(row)) continue;
        if (counts_as_granted(row))
            ++granted_today_;
        else
            ++denied_today_;
    }
}

void EngineWorker::refresh_status() {
    const KioskState& state = engine_.state();
    const Gate& gate = state.gate();
    GateStatus s;
    s.time_zone = engine_.time_zone();
    s.gate_name = ShownName::of(gate);
    const Zone* zone = state.bundle.event.find_zone(gate.zone);
    s.zone_name = zone ? ShownName::of(*zone) : ShownName{gate.zone, {}, {}};
    s.kiosk_id = state.kiosk_id;
    s.bundle_version = state.bundle.version;
    s.bundle_issued_at = state.bundle.issued_at;
    s.revocations_issued_at = state.revocations.issued_at;
    s.revocations_max_age_minutes = state.revocations.max_age_minutes;
    s.clock_floor = engine_.log().clock_floor().value_or(0);
    s.simulated_time = clock_.is_simulated();
    s.log_ok = log_ok_;
    s.log_head = engine_.log().head_seq();
    s.granted_today = granted_today_;
    s.denied_today = denied_today_;
    s.inside = engine_.presence().occupancy(
        gate.zone, presence_reset_before(state.bundle.event, engine_.time_zone(), clock_.now()));
    s.exit_mode = engine_.exit_mode();
    s.exit_mode_allowed = gate.exit_mode;
    s.override_possible = engine_.has_overridable_denial();
    s.locked = locked_;
    for (const auto& sup : state.bundle.event.supervisors)
        s.supervisors.emplace_back(sup.id, sup.name);
    s.lookup_allowed = gate.manual_lookup != ManualLookup::off;
    s.lookup_needs_pin = gate.manual_lookup == ManualLookup::pin;
    desk_status(s);
    std::lock_guard lock(mutex_);
    status_ = std::move(s);
}

void EngineWorker::desk_status(GateStatus& s) const {
    if (!mailbox_) return;
    const DeskLink link = mailbox_->link();
    s.fleet = true;
    s.desk_tried = link.tried;
    s.desk_online = link.online(std::chrono::steady_clock::now());
    // How far the desk holds the log is known only once it has answered.
    const std::uint64_t head = engine_.log().head_seq();
    if (link.successes > 0 && head > link.acked_seq) s.rows_unsent = head - link.acked_seq;
    s.desk_lagging = link.log_seq > link.acked_seq;
    // Offline since the first failure, or (when the last exchange still hangs, or the sync holds
    // back) since the last success.
    const std::int64_t since = link.offline_since > 0 ? link.offline_since : link.last_success_at;
    if (since > 0) {
        const auto local = utc_to_local(engine_.time_zone(), since);
        const int minute = local ? local->minute : static_cast<int>(since / 60 % 1440);
        s.desk_offline_since = format_hh_mm(minute);
    }
}

Status EngineWorker::stop() {
    if (stopped_) return final_status_;
    stopped_ = true;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    // Lines typed into the window before the stop were handed over like camera scans: decide
    // them; PINs not yet checked are only wiped.
    std::deque<Request> requests;
    {
        std::lock_guard lock(mutex_);
        requests.swap(requests_);
    }
    for (auto& r : requests) {
        if (r.kind == Request::Kind::scan && !locked_) decide(r.text);
        if (!r.pin.empty()) sodium_memzero(r.pin.data(), r.pin.size());
    }
    scanner_.stop();
    // Scans the scanner read before the stop were shown to the gate: decide them too.
    while (auto event = scanner_.wait_next(std::chrono::milliseconds(0)))
        if (!locked_) decide(event->content);
    auto cp = engine_.checkpoint(clock_.now());
    if (!cp) final_status_ = cp.error();
    return final_status_;
}

} // namespace accred
