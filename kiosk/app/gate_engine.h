// The kiosk's engine: decides on each scan, writes the decision durably, and only then reports
// it; keeps presence; signs checkpoints. The clock is passed in with every call.
#pragma once

#include "crypto/signing_key.h"
#include "entrylog/entry_log.h"
#include "entrylog/presence.h"
#include "kiosk/app/decision_row.h"
#include "kiosk/app/gate_log.h"
#include "kiosk/app/kiosk_install.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/app/manual_request.h"
#include "kiosk/app/supervisor_pins.h"
#include "kiosk/engine/decision.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace accred {

struct EngineOptions {
    std::uint64_t checkpoint_every_entries = 100; // N
    std::int64_t checkpoint_every_seconds = 600;  // M minutes
    bool simulated_time = false;                  // marks every row
};

// A decision as reported: only ever after its row is committed (or a log_unavailable denial).
struct Reported {
    Decision decision;
    std::optional<EntryRecord> row; // the committed row; empty when the log failed
    // For the screen: what the credential's codes stand for.
    std::string delegation;
    std::string category;
    std::string colour;
    std::optional<bool> photo_matches; // nullopt: no photo in the bundle for this holder
    std::string photo;                 // the holder's photo file, only when it matches
    std::optional<PinOutcome> pin;     // set by override_last: how the PIN fared
};

class GateEngine {
  public:
    // Opens the log (refusing a damaged one) and rebuilds presence from it.
    static Outcome<GateEngine> start(KioskState state, SigningKey kiosk_key,
                                     const EngineOptions& options);

    // Decides on content (a badge's text) at now, writes the row, and only then reports it;
    // when the row cannot be written, the report is unlogged_decision's (decision_row.h).
    Reported handle_scan(std::string_view content, std::int64_t now);
    // Admits the last denial if it may be overridden and the PIN matches a supervisor of the
    // bundle; the row records the supervisor and the original reason. The PIN goes through
    // check_supervisor_pin first (rate-limited, a wrong one logged), whether or not there is a
    // denial to override, so that the pad cannot be used to guess without limit.
    Reported override_last(const std::string& supervisor_id, std::string_view pin,
                           std::int64_t now);
    // Decides for a holder whose badge will not scan, on the claims the bundle carries for them
    // (decide_manual: the rules of a scan), and logs it as a manual decision naming the
    // supervisor whose PIN allowed it. Where the gate requires a PIN (manual_lookup = "pin"), the
    // PIN goes through check_supervisor_pin first (throttled, a wrong one logged) and a refused
    // PIN is reported with pin set and nothing decided. An Error, with nothing logged, when the
    // gate does not allow manual lookup, the bundle carries no claims, or none for this holder.
    Outcome<Reported> decide_by_lookup(const ManualRequest& request, std::int64_t now);
    // Checks a supervisor's PIN. Costs one Argon2id check (about a second) whether or not the id
    // exists, so that timing does not tell which ids exist. After PinThrottle::kFreeFailures
    // wrong PINs in a row, attempts within the throttle's wait are refused (must_wait) without
    // a check. A wrong PIN writes a pin_rejected row naming the supervisor (no PIN, no holder);
    // a right one resets the count. If the log cannot take the row, a wrong PIN stays wrong.
    [[nodiscard]] PinOutcome check_supervisor_pin(const std::string& supervisor_id,
                                                  std::string_view pin, std::int64_t now);
    // A locked gate's unlock: check_supervisor_pin, and when accepted a supervisor_unlock row.
    [[nodiscard]] PinOutcome unlock(const std::string& supervisor_id, std::string_view pin,
                                    std::int64_t now);
    // Seconds before the next PIN will be checked (0: now).
    std::int64_t pin_wait_seconds(std::int64_t now) const { return pins_.seconds_to_wait(now); }
    // Switches an entry gate whose definition allows it (Gate::exit_mode) to recording exits
    // from its zone, or back. Returns false, changing nothing, where the gate does not allow it.
    [[nodiscard]] bool set_exit_mode(bool on);
    bool exit_mode() const { return exit_mode_; }
    // True while the last decision is a logged denial that a supervisor may override.
    bool has_overridable_denial() const { return last_denial_.has_value(); }
    // Installs a bundle or revocation update handed down by the desk, with kiosk update's checks
    // (install_update_bytes: the pinned event key's signature, the same event, a newer version,
    // this gate in a bundle) and atomic replacement. A refused one changes nothing. what names
    // it in messages. Returns the line saying what was installed. Stages and commits on this
    // thread (kiosk_install.h); the fleet stages on its own thread and calls adopt_update.
    Outcome<std::string> install_update(std::span<const std::uint8_t> bytes,
                                        const std::string& what);
    // Brings an update staged on another thread into force (commit_update): a pointer swap and
    // kiosk.json, between two frames. Returns the line saying what was installed.
    Outcome<std::string> adopt_update(StagedUpdate staged);
    // Applies other kiosks' rows (handed down by the desk, oldest first) to presence, so that a
    // badge admitted at another gate is inside here too. They are never written into this
    // kiosk's log; rows of this kiosk itself are skipped (its own log is their truth), and so is
    // a row older than a change already known for its holder and zone (Presence::apply_peer).
    // Returns how many rows were applied.
    std::size_t apply_peer_rows(std::span<const EntryRecord> rows);
    // Forgets every other kiosk's row applied so far: presence is rebuilt from this kiosk's own
    // log alone, as at start. Called when the desk withdraws a kiosk (a new presence generation):
    // the rows the desk then hands down again no longer include the withdrawn kiosk's. An Error
    // (presence left as it was) when the log cannot be read.
    Status forget_peer_rows();
    // A checkpoint now (also called at shutdown).
    Outcome<Checkpoint> checkpoint(std::int64_t now);

    // The event's time zone, resolved when the bundle was installed (unresolved when the system
    // lacks it: every zone is then closed).
    const ResolvedZone& time_zone() const { return time_zone_; }
    // A bundle put into state() directly keeps the previous bundle's trust store and zone:
    // bundles are installed through install_update or adopt_update.
    KioskState& state() { return state_; }
    const KioskState& state() const { return state_; }
    const Presence& presence() const { return presence_; }
    EntryLog& log() { return log_.entries(); }

  private:
    GateEngine(KioskState state, GateLog log, bool simulated_time)
        : state_(std::move(state)), log_(std::move(log)), simulated_time_(simulated_time) {}
    // decide()'s input at gate (which must outlive it) and now, from the bundle in force.
    DecisionInput decision_input(const Gate& gate, std::int64_t now);
    // Builds what decide() and the screen need from the bundle once, rather than on every scan:
    // the trusted credential keys and the resolved time zone. Called at start
    // and whenever a newer bundle comes into force.
    void adopt_bundle();
    // Writes d's row and applies it to presence; reports d, or (when the row could not be
    // written) unlogged_decision, with the holder described for the screen.
    Reported record(Decision decision, std::string_view content, std::int64_t now,
                    std::optional<std::string> override_by, std::optional<Reason> original);
    // Logs a supervisor action (pin_rejected, supervisor_unlock): no holder, no credential.
    std::optional<EntryRecord> log_supervisor_action(Reason reason, Verdict verdict,
                                                     const std::string& supervisor_id,
                                                     std::int64_t now);
    RowStamp stamp(std::int64_t now) const { return {now, simulated_time_, state_.kiosk_id}; }

    KioskState state_;
    GateLog log_;
    bool simulated_time_ = false; // marks every row; no clock floor from the log
    TrustStore trusted_;          // of state_.bundle.credential_keys (adopt_bundle)
    ResolvedZone time_zone_;      // of state_.bundle.event.time_zone (adopt_bundle)
    Presence presence_;
    SupervisorPins pins_;
    std::optional<EntryRecord> last_pin_row_; // the pin_rejected row of the last check, if any
    bool exit_mode_ = false;
    std::optional<Decision> last_denial_;
    std::string last_denied_content_;
};

} // namespace accred
