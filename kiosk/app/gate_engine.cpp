#include "gate_engine.h"

#include "kiosk/app/holder_description.h"

namespace accred {
namespace {

// The screen's words for the holder of a verified credential (nothing for an unverified one).
void describe(const KioskState& state, Reported& r) {
    if (!r.decision.claims) return;
    HolderDescription d = describe_holder(state.bundle, state.store.get(), *r.decision.claims);
    r.delegation = std::move(d.delegation);
    r.category = std::move(d.category);
    r.colour = std::move(d.colour);
    r.photo_matches = d.photo_matches;
    r.photo = std::move(d.photo);
}

} // namespace

Outcome<GateEngine> GateEngine::start(KioskState state, SigningKey kiosk_key,
                                      const EngineOptions& options) {
    if (kiosk_key.public_key() != state.kiosk_key)
        return Error{"the kiosk key does not match " + state.dir + "/kiosk.pub"};
    auto log = EntryLog::open(state.dir + "/log.db", state.kiosk_id);
    if (!log) return log.error();
    const CheckpointPolicy policy{options.checkpoint_every_entries,
                                  options.checkpoint_every_seconds};
    GateEngine engine(std::move(state),
                      GateLog(std::move(log).value(), std::move(kiosk_key), policy),
                      options.simulated_time);
    engine.adopt_bundle();
    auto rows = engine.log().rows();
    if (!rows) return rows.error();
    for (const auto& row : rows.value()) {
        engine.presence_.apply(engine.state_.bundle.event, row);
        engine.pins_.replay(row);
    }
    return engine;
}

void GateEngine::adopt_bundle() {
    trusted_ = TrustStore{};
    for (const auto& key : state_.bundle.credential_keys) trusted_.add(key);
    time_zone_ = ResolvedZone::resolve_or_unknown(state_.bundle.event.time_zone);
}

DecisionInput GateEngine::decision_input(const Gate& gate, std::int64_t now) {
    DecisionInput in;
    in.bundle = &state_.bundle;
    in.trusted = &trusted_;
    in.time_zone = &time_zone_;
    in.revocations = &state_.revocations;
    in.gate = &gate;
    in.presence = &presence_;
    in.now = now;
    // A real clock must not run behind what the log already holds; a simulated one (a demo or a
    // test replaying a day) is compared with nothing but the bundle.
    in.last_logged = simulated_time_ ? 0 : log().clock_floor().value_or(0);
    return in;
}

Reported GateEngine::handle_scan(std::string_view content, std::int64_t now) {
    Gate gate = state_.gate();
    if (exit_mode_) {
        gate.direction = Direction::exit;
        gate.anti_passback = AntiPassback::none;
    }
    DecisionInput in = decision_input(gate, now);
    in.content = content;
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
    Reported r;
    r.decision = refused;
    r.pin = checked;
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

Outcome<Reported> GateEngine::decide_by_lookup(const ManualRequest& request, std::int64_t now) {
    const Gate gate = state_.gate();
    if (gate.manual_lookup == ManualLookup::off || exit_mode_)
        return Error{"manual lookup is off at this gate" +
                     std::string(exit_mode_ ? " in exit mode" : "")};
    if (!state_.store) return Error{"this kiosk has no bundle store"};
    auto available = state_.store->manual_lookup_available();
    if (!available) return available.error();
    if (!available.value())
        return Error{"manual lookup is unavailable: this kiosk's bundle carries no holders' "
                     "details (a bundle from an older desk: export and install a new one)"};
    std::optional<std::string> supervisor;
    if (gate.manual_lookup == ManualLookup::pin) {
        const PinOutcome checked = check_supervisor_pin(request.supervisor_id, request.pin, now);
        if (checked.result != PinCheck::accepted) {
            Reported r;
            r.decision.gate = state_.gate_id;
            r.decision.zone = gate.zone;
            r.decision.reason = Reason::pin_rejected;
            r.decision.detail = checked.result == PinCheck::must_wait
                                    ? "too many wrong PINs: the next one is checked in " +
                                          std::to_string(checked.wait_seconds) + " s"
                                    : "wrong supervisor or PIN";
            r.pin = checked;
            r.row = last_pin_row_;
            return r;
        }
        supervisor = request.supervisor_id;
    }
    auto claims = state_.store->claims(request.holder);
    if (!claims) return claims.error();
    if (!claims->has_value())
        return Error{"no current badge for " + request.holder + " in this kiosk's bundle"};
    DecisionInput in = decision_input(gate, now);
    last_denial_.reset();
    Reported r = record(decide_manual(in, **claims), "", now, supervisor, std::nullopt);
    if (supervisor) r.pin = PinOutcome{PinCheck::accepted, 0};
    return r;
}

PinOutcome GateEngine::check_supervisor_pin(const std::string& supervisor_id, std::string_view pin,
                                            std::int64_t now) {
    last_pin_row_.reset();
    const SupervisorPins::Checked checked =
        pins_.check(state_.bundle.event, supervisor_id, pin, now);
    if (checked.outcome.result == PinCheck::wrong)
        last_pin_row_ =
            log_supervisor_action(Reason::pin_rejected, Verdict::denied, checked.named, now);
    return checked.outcome;
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

std::optional<EntryRecord> GateEngine::log_supervisor_action(Reason reason, Verdict verdict,
                                                             const std::string& supervisor_id,
                                                             std::int64_t now) {
    auto committed = log_.append(supervisor_row(reason, verdict, supervisor_id, state_.gate_id,
                                                state_.gate().zone, stamp(now)),
                                 now);
    if (!committed) return std::nullopt;
    return committed.value();
}

Outcome<std::string> GateEngine::install_update(std::span<const std::uint8_t> bytes,
                                                const std::string& what) {
    const std::uint64_t bundle_version = state_.bundle.version;
    auto installed = install_update_bytes(state_, bytes, what);
    // A revocation update leaves the bundle, and so what decide() takes from it, as they were. A
    // new bundle is in force once read, even when saving the configuration after it failed.
    if (state_.bundle.version != bundle_version) adopt_bundle();
    return installed;
}

Outcome<std::string> GateEngine::adopt_update(StagedUpdate staged) {
    const std::uint64_t bundle_version = state_.bundle.version;
    auto installed = commit_update(state_, std::move(staged));
    if (state_.bundle.version != bundle_version) adopt_bundle();
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
    auto rows = log().rows();
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
    Reported r;
    auto committed =
        log_.append(decision_row(d, content, stamp(now), std::move(override_by), original), now);
    if (!committed) {
        r.decision = unlogged_decision(std::move(d), committed.error().message);
        describe(state_, r);
        // As the log does: let go of the bundle store's file too, so that a failed file system
        // can be unmounted and repaired under the running kiosk. The next lookup opens it again.
        if (state_.store) state_.store->release();
        return r;
    }
    r.decision = std::move(d);
    r.row = committed.value();
    presence_.apply(state_.bundle.event, *r.row);
    describe(state_, r);
    return r;
}

Outcome<Checkpoint> GateEngine::checkpoint(std::int64_t now) {
    return log_.checkpoint(now);
}

} // namespace accred
