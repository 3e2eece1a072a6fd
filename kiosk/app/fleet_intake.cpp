#include "fleet_intake.h"

namespace accred {

FleetIntake::FleetIntake(SyncMailbox& mailbox, std::function<void(const std::string&)> say)
    : mailbox_(mailbox), say_(std::move(say)) {}

void FleetIntake::publish(const GateEngine& engine) {
    const KioskState& state = engine.state();
    mailbox_.publish({state.bundle.version, state.revocations.version, state.revocations.issued_at,
                      install_basis(state)});
}

bool FleetIntake::drain(GateEngine& engine) {
    say_link_change();
    bool changed = false;
    for (SyncDelivery& d : mailbox_.take()) {
        // The bundle first: a revocation update handed down with it may be newer than the
        // bundle's own list, and is then still installed after it.
        if (d.bundle) {
            auto installed = engine.adopt_update(std::move(*d.bundle));
            changed |= report(engine, installed,
                              "kiosk: " + (installed ? *installed : "") + " from the desk");
        } else if (!d.bundle_refusal.empty()) {
            report(engine, Error{d.bundle_refusal}, "");
        }
        if (d.revocations) {
            auto installed = engine.install_update(*d.revocations, "the desk's revocation update");
            const KioskState& state = engine.state();
            changed |= report(engine, installed,
                              "kiosk: installed revocation update version " +
                                  std::to_string(state.revocations.version) + " from the desk (" +
                                  std::to_string(state.revocations.revoked.size()) + " revoked)");
        }
        if (d.forget_peer_rows) {
            if (auto s = engine.forget_peer_rows(); !s)
                say_("kiosk: cannot forget a withdrawn kiosk's rows: " + s.error().message);
            else
                say_("kiosk: the desk withdrew a kiosk; presence rebuilt without its rows");
            changed = true;
        }
        if (engine.apply_peer_rows(d.presence) > 0) changed = true;
    }
    return changed;
}

bool FleetIntake::report(const GateEngine& engine, const Outcome<std::string>& installed,
                         const std::string& line) {
    if (installed) {
        say_(line);
        last_refusal_.clear();
        publish(engine);
        return true;
    }
    if (installed.error().message != last_refusal_) {
        last_refusal_ = installed.error().message;
        say_("kiosk: " + last_refusal_);
    }
    return false;
}

void FleetIntake::say_link_change() {
    const DeskLink link = mailbox_.link();
    if (!link.tried) return;
    // Said again when the reason for being offline changes (the network came back but the desk
    // now refuses this kiosk, say), not on every failed attempt.
    if (said_online_ == link.last_ok && (link.last_ok || said_error_ == link.last_error)) return;
    said_online_ = link.last_ok;
    said_error_ = link.last_ok ? std::string() : link.last_error;
    if (link.last_ok)
        say_("kiosk: desk online; it holds this kiosk's rows up to " +
             std::to_string(link.acked_seq) + " of " + std::to_string(link.log_seq));
    else
        say_("kiosk: desk offline (" + link.last_error + "); deciding alone");
}

} // namespace accred
