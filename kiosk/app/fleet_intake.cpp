#include "fleet_intake.h"

namespace accred {

FleetIntake::FleetIntake(SyncMailbox& mailbox, std::function<void(const std::string&)> say)
    : mailbox_(mailbox), say_(std::move(say)) {}

void FleetIntake::publish(const GateEngine& engine) {
    const KioskState& state = engine.state();
    mailbox_.publish(
        {state.bundle.version, state.revocations.version, state.revocations.issued_at});
}

bool FleetIntake::drain(GateEngine& engine) {
    say_link_change();
    bool changed = false;
    for (SyncDelivery& d : mailbox_.take()) {
        // The bundle first: a revocation update handed down with it may be newer than the
        // bundle's own list, and is then still installed after it.
        std::vector<std::pair<bool, const std::vector<std::uint8_t>*>> files; // (is bundle, bytes)
        if (d.bundle) files.emplace_back(true, &*d.bundle);
        if (d.revocations) files.emplace_back(false, &*d.revocations);
        for (const auto& [is_bundle, bytes] : files) {
            const std::string what =
                is_bundle ? "the desk's bundle version " + std::to_string(d.bundle_version)
                          : "the desk's revocation update";
            auto installed = engine.install_update(*bytes, what);
            if (installed) {
                const KioskState& state = engine.state();
                say_(is_bundle
                         ? "kiosk: installed bundle version " +
                               std::to_string(state.bundle.version) + " from the desk"
                         : "kiosk: installed revocation update version " +
                               std::to_string(state.revocations.version) + " from the desk (" +
                               std::to_string(state.revocations.revoked.size()) + " revoked)");
                last_refusal_.clear();
                changed = true;
                publish(engine);
            } else if (installed.error().message != last_refusal_) {
                last_refusal_ = installed.error().message;
                say_("kiosk: " + last_refusal_);
            }
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
