// The kiosk's engine: decides on each scan, writes the decision durably, and only then reports
// it; keeps presence; signs checkpoints. The clock is passed in with every call.
#pragma once

#include "crypto/signing_key.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/engine/decision.h"
#include "kiosk/engine/presence.h"
#include "kiosk/log/entry_log.h"

#include <cstdint>
#include <optional>
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
};

class GateEngine {
  public:
    // Opens the log (refusing a damaged one) and rebuilds presence from it.
    static Outcome<GateEngine> start(KioskState state, SigningKey kiosk_key,
                                     const EngineOptions& options);

    Reported handle_scan(std::string_view content, std::int64_t now);
    // Admits the last denial if it may be overridden and the PIN matches a supervisor of the
    // bundle; the row records the supervisor and the original reason.
    Reported override_last(const std::string& supervisor_id, std::string_view pin,
                           std::int64_t now);
    // True when pin is the PIN of supervisor_id. Costs one Argon2id check (about a second)
    // whether or not the id exists, so that timing does not tell which ids exist.
    [[nodiscard]] bool check_supervisor_pin(const std::string& supervisor_id,
                                            std::string_view pin) const;
    // Switches an entry gate whose definition allows it (Gate::exit_mode) to recording exits
    // from its zone, or back. Returns false, changing nothing, where the gate does not allow it.
    [[nodiscard]] bool set_exit_mode(bool on);
    bool exit_mode() const { return exit_mode_; }
    // True while the last decision is a logged denial that a supervisor may override.
    bool has_overridable_denial() const { return last_denial_.has_value(); }
    // A checkpoint now (also called at shutdown).
    Outcome<Checkpoint> checkpoint(std::int64_t now);

    KioskState& state() { return state_; }
    const KioskState& state() const { return state_; }
    const Presence& presence() const { return presence_; }
    EntryLog& log() { return log_; }

  private:
    GateEngine(KioskState state, SigningKey key, EntryLog log, const EngineOptions& options)
        : state_(std::move(state)), key_(std::move(key)), log_(std::move(log)), options_(options) {}
    Reported record(Decision decision, std::string_view content, std::int64_t now,
                    std::optional<std::string> override_by, std::optional<Reason> original);
    void maybe_checkpoint(std::int64_t now);

    KioskState state_;
    SigningKey key_;
    EntryLog log_;
    EngineOptions options_;
    Presence presence_;
    bool exit_mode_ = false;
    std::optional<Decision> last_denial_;
    std::string last_denied_content_;
    std::uint64_t checkpoint_seq_ = 0;
    std::int64_t checkpoint_time_ = 0;
};

} // namespace accred
