// The engine thread's side of the sync with the desk: between decisions it takes what the sync
// thread handed over (SyncMailbox) and applies it through the engine: signed updates installed
// with kiosk update's checks, other kiosks' rows applied to presence. It also publishes what is
// in force for the sync thread and says (one line each) when the desk's link comes or goes and
// when an update is installed or refused.
#pragma once

#include "kiosk/app/gate_engine.h"
#include "kiosk/app/sync_mailbox.h"

#include <functional>
#include <optional>
#include <string>

namespace accred {

class FleetIntake {
  public:
    // say is called on the engine thread with one line for the operator (the kiosk's stderr).
    FleetIntake(SyncMailbox& mailbox, std::function<void(const std::string&)> say);

    // Publishes what engine has in force. Call once before the sync thread starts.
    void publish(const GateEngine& engine);
    // Applies every waiting delivery, oldest first, and reports a changed link. Never waits on
    // the network: the mailbox is a mutex held for a copy. Returns true when anything was
    // installed or applied (the status is then worth refreshing).
    bool drain(GateEngine& engine);

  private:
    void say_link_change();
    // Says line when installed, else its refusal (once while it repeats); publishes what is in
    // force after an install. True when something was installed.
    bool report(const GateEngine& engine, const Outcome<std::string>& installed,
                const std::string& line);

    SyncMailbox& mailbox_;
    std::function<void(const std::string&)> say_;
    std::optional<bool> said_online_; // the link state last said (nullopt: nothing yet)
    std::string said_error_;          // and why it was offline
    std::string last_refusal_;        // not repeated while the desk keeps offering the same
};

} // namespace accred
