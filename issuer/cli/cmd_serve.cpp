// issuer serve: the desk's fleet service over mutual TLS until SIGINT or SIGTERM (docs/fleet.md).
#include "crypto/passphrase.h"
#include "fleet/protocol/sync_messages.h"
#include "fleet/tls/fleet_server.h"
#include "issuer/audit/audit_time.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/fleet/fleet_service.h"

#include <charconv>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <sodium.h>

namespace accred {
namespace {

struct ServeOptions {
    DeskOptions desk;
    std::string listen = "0.0.0.0:8443";
};

// Lines on stderr, each after the event-local time, whole even when threads say them at once.
FleetService::Say timestamped_say(const std::string& time_zone) {
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(time_zone);
    auto say_mutex = std::make_shared<std::mutex>();
    return [say_mutex, tz](const std::string& line) {
        std::lock_guard lock(*say_mutex);
        std::cerr << format_audit_time(tz, static_cast<std::int64_t>(std::time(nullptr))) << "  "
                  << line << "\n";
    };
}

struct Serving {
    std::unique_ptr<FleetService> service;
    std::unique_ptr<FleetServer> server; // admits the kiosks service admits; not started yet
};

// Asks for the desk's passphrase and opens the service (with the event key) and the TLS server
// (with the server key). The passphrase is held only while the keys are decrypted.
Outcome<Serving> open_serving(Desk& desk, const ServeOptions& o,
                              const FleetService::DeskClock& clock, const FleetService::Say& say) {
    PassphraseSource source;
    if (!o.desk.passphrase_file.empty()) source.file = o.desk.passphrase_file;
    source.prompt = "Desk passphrase for " + desk.dir() + ": ";
    auto passphrase = obtain_passphrase(source);
    if (!passphrase) return passphrase.error();
    auto key = desk.unlock_event_key(passphrase->view());
    if (!key) return key.error();
    auto opened = FleetService::open(desk.dir(), std::move(key).value(), clock, say);
    if (!opened) return opened.error();
    Serving serving;
    serving.service = std::move(opened).value();
    FleetServerConfig config;
    config.desk_dir = desk.dir();
    config.passphrase_for_server_key = std::string(passphrase->view());
    FleetService* s = serving.service.get();
    config.admit = [s](const PeerIdentity& peer) { return s->admit(peer.kiosk_id); };
    auto created = FleetServer::create(config);
    sodium_memzero(config.passphrase_for_server_key.data(),
                   config.passphrase_for_server_key.size());
    if (!created) return created.error();
    serving.server = std::move(created).value();
    return serving;
}

// The two requests a kiosk makes: its sync, and the desk's bundle.
void route(FleetServer& server, FleetService& service) {
    FleetService* s = &service;
    server.on_post(kSyncPath, [s](const FleetRequest& r) {
        const ServiceReply reply = s->sync(r.peer.kiosk_id, r.body);
        return FleetResponse{reply.status, reply.body, reply.content_type};
    });
    server.on_post(kBundlePath, [s](const FleetRequest& r) {
        const ServiceReply reply = s->bundle(r.peer.kiosk_id);
        return FleetResponse{reply.status, reply.body, reply.content_type};
    });
}

int run_serve(const ServeOptions& o) {
    auto address = parse_listen(o.listen);
    if (!address) return fail_error(address.error());
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto start_time = desk_now(desk.value(), o.desk);
    if (!start_time) return fail_error(start_time.error());
    const bool simulated = !o.desk.now.empty();
    const FleetService::DeskClock clock =
        running_desk_clock(simulated, static_cast<std::int64_t>(start_time.value()));
    const FleetService::Say say = timestamped_say(desk->event().time_zone);

    // Signals are taken by sigtimedwait below, never by a handler: blocked before any thread
    // starts, so every server thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto serving = open_serving(desk.value(), o, clock, say);
    if (!serving) return fail_error(serving.error());
    FleetServer& server = *serving->server;
    FleetService& service = *serving->service;
    route(server, service);
    auto port = server.start(address->host, address->port);
    if (!port) return fail_error(port.error());
    say("listening on " + address->host + ":" + std::to_string(port.value()) + " for event " +
        desk->event().id + (simulated ? " (simulated desk clock from " + o.desk.now + ")" : ""));

    const timespec tick{0, 500'000'000}; // revocations reach the kiosks within a second or two
    while (true) {
        const int got = sigtimedwait(&stop_signals, nullptr, &tick);
        if (got == SIGINT || got == SIGTERM) break;
        if (auto polled = service.poll(); !polled) say("desk.db: " + polled.error().message);
    }
    server.stop();
    say("stopped");
    return kExitOk;
}

} // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* serve = app.add_subcommand(
        "serve", "Serve the fleet over mutual TLS: kiosks' rows up, bundles, revocations and "
                 "presence down (until Ctrl-C)");
    add_desk_options(serve, o->desk, false);
    serve->add_option("--listen", o->listen, "Address to listen on, HOST:PORT (port 0: any)")
        ->capture_default_str();
    serve->callback([o, &exit_code] { exit_code = run_serve(*o); });
}

} // namespace accred
