#include "gate_engine.h"

#include "crypto/claims.h"

#include <filesystem>
#include <sodium.h>

namespace accred {
namespace {

// Credentials are at most 2048 characters; anything longer is stored cut, flagged by its length.
constexpr std::size_t kMaxStoredContent = 2048;

void describe_holder(const KioskState& state, Reported& r) {
    if (!r.decision.claims) return;
    const Claims& c = *r.decision.claims;
    if (c.org) {
        if (!c.org->code)
            r.delegation = c.org->name;
        else if (auto it = state.bundle.delegations.find(*c.org->code);
                 it != state.bundle.delegations.end())
            r.delegation = it->second;
    }
    if (const Category* cat = state.bundle.event.find_category_code(c.category)) {
        r.category = cat->name;
        r.colour = cat->colour;
    }
    for (const auto& p : state.bundle.photos)
        if (p.holder == c.sub) r.photo_matches = photo_digest(p.bytes) == c.photo;
}

} // namespace

Outcome<GateEngine> GateEngine::start(KioskState state, SigningKey kiosk_key,
                                      const EngineOptions& options) {
    if (kiosk_key.public_key() != state.kiosk_key)
        return Error{"the kiosk key does not match " + state.dir + "/kiosk.pub"};
    auto log = EntryLog::open(state.dir + "/log.db", state.kiosk_id);
    if (!log) return log.error();
    GateEngine engine(std::move(state), std::move(kiosk_key), std::move(log).value(), options);
    engine.adopt_bundle();
    auto rows = engine.log_.rows();
    if (!rows) return rows.error();
    for (const auto& row : rows.value()) {
        engine.presence_.apply(engine.state_.bundle.event, row);
        engine.replay_pin_row(row);
    }
    engine.checkpoint_seq_ = engine.log_.head_seq();
    return engine;
}

void GateEngine::adopt_bundle() {
    trusted_ = TrustStore{};
    for (const auto& key : state_.bundle.credential_keys) trusted_.add(key);
    time_zone_ = ResolvedZone::resolve_or_unknown(state_.bundle.event.time_zone);
}

Reported GateEngine::handle_scan(std::string_view content, std::int64_t now) {
    DecisionInput in;
    in.content = content;
    in.bundle = &state_.bundle;
    in.trusted = &trusted_;
    in.time_zone = &time_zone_;
    in.revocations = &state_.revocations;
    Gate gate = state_.gate();
    if (exit_mode_) {
        gate.direction = GateDirection::exit;
        gate.anti_passback = AntiPassback::none;
    }
    in.gate = &gate;
    in.presence = &presence_;
    in.now = now;
    // A real clock must not run behind what the log already holds; a simulated one (a demo or a
    // test replaying a day) is compared with nothing but the bundle.
    in.last_logged = options_.simulated_time ? 0 : log_.clock_floor().value_or(0);
    Decision d = decide(in);
    Reported r = record(d, content, now, std::nullopt, std::nullopt);
    if (r.row && !r.decision.admitted && r.decision.override_possible) {
        last_denial_ = r.decision;
        last_denied_content_ = std::string(content);
    } else {
        last_denial_.reset();
    }
    return r;
}

Reported GateEngine::override_last(const std::string& supervisor_id, std::string_view pin,
                                   std::int64_t now) {
    Decision refused;
    refused.gate = state_.gate_id;
    refused.zone = state_.gate().zone;
    refused.reason = Reason::internal_error;
    const PinOutcome checked = check_supervisor_pin(supervisor_id, pin, now);
    Reported r{refused, std::nullopt, {}, {}, {}, {}, checked};
    if (checked.result == PinCheck::must_wait) {
        r.decision.reason = Reason::pin_rejected;
        r.decision.detail = "too many wrong PINs: the next one is checked in " +
                            std::to_string(checked.wait_seconds) + " s";
        return r;
    }
    if (checked.result == PinCheck::wrong) {
        r.decision.reason = Reason::pin_rejected;
        r.decision.detail = "wrong supervisor or PIN";
        r.row = last_pin_row_;
        return r;
    }
    if (!last_denial_) {
        r.decision.detail = "there is no denial to override";
        return r;
    }
    auto admitted = override_decision(*last_denial_);
    if (!admitted) {
        r.decision.detail = "this denial cannot be overridden";
        return r;
    }
    const Reason original = last_denial_->reason;
    last_denial_.reset();
    Reported done = record(*admitted, last_denied_content_, now, supervisor_id, original);
    done.pin = checked;
    return done;
}

PinOutcome GateEngine::check_supervisor_pin(const std::string& supervisor_id, std::string_view pin,
                                            std::int64_t now) {
    last_pin_row_.reset();
    if (const std::int64_t wait = pin_throttle_.seconds_to_wait(now); wait > 0)
        return {PinCheck::must_wait, wait};
    const auto& supervisors = state_.bundle.event.supervisors;
    const Supervisor* supervisor = state_.bundle.event.find_supervisor(supervisor_id);
    // An unknown id is checked against the first supervisor's hash anyway: the same cost.
    const Supervisor* checked =
        supervisor ? supervisor : (supervisors.empty() ? nullptr : &supervisors.front());
    const bool hash_ok =
        checked != nullptr &&
        crypto_pwhash_str_verify(checked->pin_hash.c_str(), pin.data(), pin.size()) == 0;
    if (supervisor != nullptr && hash_ok) {
        pin_throttle_.record_success();
        return {PinCheck::accepted, 0};
    }
    pin_throttle_.record_failure(now);
    // The row names a supervisor of the bundle, never text typed by whoever is guessing.
    last_pin_row_ = log_supervisor_action(Reason::pin_rejected, Verdict::denied,
                                          supervisor ? supervisor->id : "(unknown)", now);
    return {PinCheck::wrong, pin_throttle_.seconds_to_wait(now)};
}

PinOutcome GateEngine::unlock(const std::string& supervisor_id, std::string_view pin,
                              std::int64_t now) {
    const PinOutcome checked = check_supervisor_pin(supervisor_id, pin, now);
    if (checked.result == PinCheck::accepted)
        (void)log_supervisor_action(Reason::supervisor_unlock, Verdict::attention, supervisor_id,
                                    now); // the gate unlocks even if the log cannot say so: it
                                          // then denies every entry with log_unavailable
    return checked;
}

void GateEngine::replay_pin_row(const EntryRecord& row) {
    if (row.reason == Reason::pin_rejected)
        pin_throttle_.record_failure(row.time);
    else if (row.reason == Reason::supervisor_unlock || row.reason == Reason::granted_override)
        pin_throttle_.record_success();
}

std::optional<EntryRecord> GateEngine::log_supervisor_action(Reason reason, Verdict verdict,
                                                             const std::string& supervisor_id,
                                                             std::int64_t now) {
    EntryRecord row;
    row.time = now;
    row.simulated_time = options_.simulated_time;
    row.kiosk_id = state_.kiosk_id;
    row.gate = state_.gate_id;
    row.zone = state_.gate().zone;
    row.direction = Direction::entry;
    row.verdict = verdict;
    row.reason = reason;
    row.admitted = false; // a supervisor's action opens no door
    row.override_by = supervisor_id;
    auto committed = append_to_log(row);
    if (!committed) return std::nullopt;
    maybe_checkpoint(now);
    return committed.value();
}

Outcome<std::string> GateEngine::install_update(std::span<const std::uint8_t> bytes,
                                                const std::string& what) {
    auto installed = install_update_bytes(state_, bytes, what);
    if (installed) adopt_bundle(); // a revocation update leaves them as they were: harmless
    return installed;
}

std::size_t GateEngine::apply_peer_rows(std::span<const EntryRecord> rows) {
    std::size_t applied = 0;
    for (const EntryRecord& row : rows) {
        if (row.kiosk_id == state_.kiosk_id) continue;
        if (presence_.apply_peer(state_.bundle.event, row)) ++applied;
    }
    return applied;
}

Status GateEngine::forget_peer_rows() {
    auto rows = log_.rows();
    if (!rows) return rows.error();
    Presence own;
    for (const auto& row : rows.value()) own.apply(state_.bundle.event, row);
    presence_ = std::move(own);
    return success();
}

bool GateEngine::set_exit_mode(bool on) {
    if (on && !state_.gate().exit_mode) return false;
    if (on != exit_mode_) last_denial_.reset(); // an override belongs to the mode it was refused in
    exit_mode_ = on;
    return true;
}

Reported GateEngine::record(Decision d, std::string_view content, std::int64_t now,
                            std::optional<std::string> override_by,
                            std::optional<Reason> original) {
    EntryRecord row;
    row.time = now;
    row.simulated_time = options_.simulated_time;
    row.kiosk_id = state_.kiosk_id;
    row.gate = d.gate;
    row.zone = d.zone;
    row.direction = d.direction;
    row.verdict = d.verdict;
    row.reason = d.reason;
    row.admitted = d.admitted;
    row.other_reasons = d.other_reasons;
    if (d.claims) {
        row.holder = d.claims->sub;
        row.cti = d.claims->cti;
        row.issue = d.claims->issue;
    }
    row.override_by = std::move(override_by);
    row.original_reason = original;
    row.credential = std::string(content.substr(0, kMaxStoredContent));

    Reported r;
    auto committed = append_to_log(row);
    if (!committed) {
        Decision failed = d;
        failed.reason = Reason::log_unavailable;
        failed.override_possible = false;
        if (d.direction == Direction::exit) {
            // Someone leaving is never held back by the kiosk: let them out, say it is not
            // recorded (presence keeps them inside, which only ever makes entry stricter).
            failed.verdict = Verdict::attention;
            failed.admitted = true;
            failed.detail =
                "exit not recorded: the entry log cannot be written: " + committed.error().message;
        } else {
            // Nothing may be granted that is not on record.
            failed.verdict = Verdict::denied;
            failed.admitted = false;
            failed.detail = "the entry log cannot be written: " + committed.error().message;
        }
        r.decision = failed;
        describe_holder(state_, r);
        return r;
    }
    r.decision = std::move(d);
    r.row = committed.value();
    presence_.apply(state_.bundle.event, *r.row);
    describe_holder(state_, r);
    maybe_checkpoint(now);
    return r;
}

Outcome<EntryRecord> GateEngine::append_to_log(const EntryRecord& row) {
    if (log_failed_) reopen_log();
    auto committed = log_.append(row);
    log_failed_ = !committed.ok();
    // Let go of the file at once: see EntryLog::close. The next write opens it again.
    if (log_failed_) log_.close();
    return committed;
}

void GateEngine::reopen_log() {
    // Never create a log here: an empty folder where the log was (a file system not mounted
    // again yet) must stay a failure, not become a fresh chain.
    std::error_code ec;
    if (!std::filesystem::exists(log_.path(), ec)) return;
    auto again = EntryLog::open(log_.path(), state_.kiosk_id);
    if (!again) return;
    // Continue only with the log this kiosk has been writing, to its last row: a file swapped
    // for an older copy, or for another log, is never written to.
    if (again->head_seq() != log_.head_seq() || again->head_hash() != log_.head_hash()) return;
    log_ = std::move(again).value();
}

void GateEngine::maybe_checkpoint(std::int64_t now) {
    if (checkpoint_time_ == 0) checkpoint_time_ = now;
    if (log_.head_seq() - checkpoint_seq_ >= options_.checkpoint_every_entries ||
        now - checkpoint_time_ >= options_.checkpoint_every_seconds)
        (void)checkpoint(now); // a failed checkpoint is retried with the next decision
}

Outcome<Checkpoint> GateEngine::checkpoint(std::int64_t now) {
    if (log_failed_) reopen_log();
    auto cp = log_.checkpoint(key_, now);
    if (cp) {
        checkpoint_seq_ = cp->seq;
        checkpoint_time_ = now;
    }
    return cp;
}

} // namespace accred
