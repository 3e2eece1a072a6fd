#include "kiosk/cli/lookup_command.h"

#include "crypto/key_file.h"
#include "crypto/passphrase.h"
#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/run_loop.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;
// Where the PIN comes from when no file is named: never the command line, which others can read.
constexpr const char* kPinEnv = "ACCRED_SUPERVISOR_PIN";

struct LookupOptions {
    std::string state;
    std::string query;
    std::string decide; // the holder to decide for; empty: search only
    std::string supervisor;
    std::string pin_file;
    std::string passphrase_file;
    std::string now;
    std::size_t limit = 20;
    bool json = false;
};

// Under --json the error is the one object on stdout, as issuer's are (docs/cli-conventions.md).
int fail(const LookupOptions& o, const std::string& message, int code = kExitUsage) {
    if (o.json)
        std::cout << nlohmann::json{{"code", code}, {"error", message}}.dump() << "\n";
    else
        std::cerr << "kiosk: " << message << "\n";
    return code;
}

int search(const LookupOptions& o, KioskState& state) {
    auto available = state.store->manual_lookup_available();
    if (!available) return fail(o, available.error().message);
    if (!available.value())
        return fail(o, "manual lookup is unavailable: this kiosk's bundle carries no holders' "
                       "details (a bundle from an older desk: export and install a new one)");
    auto found = state.store->search(o.query, o.limit);
    if (!found) return fail(o, found.error().message);
    if (o.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& m : found.value())
            list.push_back({{"holder", m.holder}, {"name", m.name}});
        std::cout << list.dump() << "\n";
    } else {
        for (const auto& m : found.value())
            std::cout << m.holder << "  " << m.name << "\n";
        if (found->empty()) std::cerr << "kiosk: nobody matches \"" << o.query << "\"\n";
    }
    return found->empty() ? kExitRefused : kExitOk;
}

int decide(const LookupOptions& o, KioskState state) {
    PassphraseSource kiosk;
    if (!o.passphrase_file.empty()) kiosk.file = o.passphrase_file;
    kiosk.env = "ACCRED_KIOSK_PASSPHRASE";
    kiosk.prompt = "Kiosk key passphrase: ";
    auto passphrase = obtain_passphrase(kiosk);
    if (!passphrase) return fail(o, passphrase.error().message);
    auto key = read_secret_key_file(o.state + "/kiosk.key", passphrase->view());
    if (!key)
        return fail(o, key.error().message,
                    key.error().kind == ErrorKind::refusal ? kExitRefused : kExitUsage);
    ManualRequest request{o.decide, o.supervisor, {}};
    if (state.gate().manual_lookup == ManualLookup::pin) {
        if (o.supervisor.empty())
            return fail(o, "gate " + state.gate_id +
                               " needs a supervisor's PIN for manual "
                               "lookup: give --supervisor ID (and the PIN)");
        PassphraseSource pin;
        if (!o.pin_file.empty()) pin.file = o.pin_file;
        pin.env = kPinEnv;
        pin.prompt = "Supervisor PIN: ";
        auto typed = obtain_passphrase(pin);
        if (!typed) return fail(o, typed.error().message);
        request.pin = std::string(typed->view());
    }
    KioskClock clock;
    if (!o.now.empty()) {
        auto simulated = KioskClock::simulated(
            o.now, ResolvedZone::resolve_or_unknown(state.bundle.event.time_zone));
        if (!simulated) return fail(o, simulated.error().message);
        clock = simulated.value();
    }
    EngineOptions options;
    options.simulated_time = clock.is_simulated();
    auto engine = GateEngine::start(std::move(state), std::move(key).value(), options);
    if (!engine) return fail(o, engine.error().message);
    const std::int64_t now = clock.now();
    auto reported = engine->decide_by_lookup(request, now);
    if (!reported) return fail(o, reported.error().message);
    std::cout << (o.json ? decision_json(engine.value(), reported.value(), now)
                         : decision_line(engine.value(), reported.value(), now))
              << "\n";
    (void)engine->checkpoint(now); // as at a kiosk's shutdown: the row is covered at once
    return reported->decision.admitted && reported->row ? kExitOk : kExitRefused;
}

int run_lookup(const LookupOptions& o) {
    if (o.query.empty() == o.decide.empty())
        return fail(o, "give either a search (QUERY) or --decide HOLDER, not both");
    auto state = load_kiosk(o.state);
    if (!state) return fail(o, state.error().message);
    if (!state->store) return fail(o, "this kiosk has no bundle store");
    if (state->gate().manual_lookup == ManualLookup::off)
        return fail(o, "manual lookup is off at gate " + state->gate_id);
    return o.decide.empty() ? search(o, state.value()) : decide(o, std::move(state).value());
}

} // namespace

void add_lookup_command(CLI::App& app, int& code) {
    auto o = std::make_shared<LookupOptions>();
    auto* lookup = app.add_subcommand(
        "lookup", "Manual lookup for a badge that will not scan: find a holder, or decide and log");
    lookup->add_option("--state", o->state, "Kiosk state folder")->required();
    lookup->add_option("query", o->query, "Holder id, or words of the name, to search for");
    lookup->add_option("--decide", o->decide,
                       "Decide for this holder id and log it as a manual decision");
    lookup->add_option("--supervisor", o->supervisor,
                       "Supervisor id (at a gate whose manual_lookup is \"pin\")");
    lookup->add_option("--pin-file", o->pin_file,
                       "Supervisor PIN file (else $ACCRED_SUPERVISOR_PIN, else prompt)");
    lookup->add_option("--passphrase-file", o->passphrase_file,
                       "Kiosk key passphrase file (else $ACCRED_KIOSK_PASSPHRASE, else prompt)");
    lookup->add_option("--now", o->now,
                       "Decide at this moment instead of the clock (UTC, an offset or the event's "
                       "local time; marked in the log)");
    lookup->add_option("--limit", o->limit, "At most this many people found")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    lookup->add_flag("--json", o->json, "JSON on stdout");
    lookup->callback([o, &code] { code = run_lookup(*o); });
}

} // namespace accred
