// kiosk: the gate. enroll / csr / join / update / run (screen or headless) / checkpoint /
// lookup.
#include "crypto/core_dumps.h"
#include "crypto/hex.h"
#include "crypto/key_file.h"
#include "crypto/passphrase.h"
#include "event/local_time.h"
#include "kiosk/app/assets_dir.h"
#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/app/run_loop.h"
#include "kiosk/cli/fleet_commands.h"
#include "kiosk/cli/lookup_command.h"
#include "kiosk/screen/screen_app.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <iostream>
#include <sodium.h>

namespace {

using namespace accred;

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;
// The kiosk key's passphrase: kiosks start unattended, so a file or this variable usually.
constexpr const char* kKioskPassphraseEnv = "ACCRED_KIOSK_PASSPHRASE";
// The screen's fonts: DejaVu (Debian's fonts-dejavu-core) covers the accents of French and Dutch
// and most scripts of the delegates' names.
constexpr const char* kDefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDefaultBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

int fail(const std::string& message) {
    std::cerr << "kiosk: " << message << "\n";
    return kExitUsage;
}

// An error reading the kiosk key: a wrong passphrase is a denial (1), anything else 2.
int fail_key(const Error& error) {
    std::cerr << "kiosk: " << error.message << "\n";
    return error.kind == ErrorKind::refusal ? kExitRefused : kExitUsage;
}

Outcome<SecretBuffer> kiosk_passphrase(const std::string& file, bool confirm) {
    PassphraseSource source;
    if (!file.empty()) source.file = file;
    source.env = kKioskPassphraseEnv;
    source.prompt = "Kiosk key passphrase: ";
    source.confirm = confirm;
    return obtain_passphrase(source);
}

struct Options {
    std::string state;
    std::string bundle;
    std::string gate;
    std::string event_key;
    std::string file;
    std::string passphrase_file;
    std::string kdf = "moderate";
    RunOptions run;
    HeadlessOptions headless;
    ScreenOptions screen;
    JoinOptions join;
};

int run_enroll(const Options& o) {
    auto event_key = read_public_key_file(o.event_key);
    if (!event_key) return fail(event_key.error().message);
    auto passphrase = kiosk_passphrase(o.passphrase_file, true);
    if (!passphrase) return fail(passphrase.error().message);
    if (passphrase->size() < kMinNewPassphraseLength)
        return fail("the kiosk passphrase must be at least 8 characters");
    const SigningKey key = SigningKey::generate();
    auto state = enroll_kiosk(o.state, o.bundle, event_key.value(), o.gate, passphrase->view(),
                              KdfCost::named(o.kdf).value_or(KdfCost::moderate()), key);
    if (!state) return fail(state.error().message);
    auto csr = write_kiosk_csr(state.value(), key);
    if (!csr)
        return fail("enrolled, but the certificate request could not be written (" +
                    csr.error().message + "); kiosk csr --state " + o.state + " prints it");
    const Gate& gate = state->gate();
    std::cout << "Kiosk enrolled in " << o.state << " at gate " << gate.id << " (" << gate.name
              << ", " << (gate.direction == Direction::entry ? "entry into " : "exit from ")
              << gate.zone << ")\n"
              << "  event " << state->bundle.event.id << ", bundle version "
              << state->bundle.version << "\n"
              << "  kiosk key fingerprint " << state->kiosk_id
              << "  <- give this to the desk for its register\n"
              << "  certificate request " << csr.value()
              << "  <- for a networked fleet, take it to the desk: issuer fleet approve "
              << csr.value() << " --out KIOSK.crt, then kiosk join\n";
    return kExitOk;
}

int run_csr(const Options& o) {
    auto state = load_kiosk(o.state);
    if (!state) return fail(state.error().message);
    auto passphrase = kiosk_passphrase(o.passphrase_file, false);
    if (!passphrase) return fail(passphrase.error().message);
    auto key = read_secret_key_file(o.state + "/kiosk.key", passphrase->view());
    if (!key) return fail_key(key.error());
    auto csr = kiosk_csr(state.value(), key.value());
    if (!csr) return fail(csr.error().message);
    std::cout << csr.value();
    return kExitOk;
}

int run_update(const Options& o) {
    auto state = load_kiosk(o.state);
    if (!state) return fail(state.error().message);
    auto installed = update_kiosk(state.value(), o.file);
    if (!installed) {
        std::cerr << "kiosk: " << installed.error().message << "\n";
        return kExitRefused; // the file did not verify or is not newer
    }
    std::cout << installed.value() << "\n";
    return kExitOk;
}

int run_checkpoint(const Options& o) {
    auto state = load_kiosk(o.state);
    if (!state) return fail(state.error().message);
    auto log = EntryLog::open(o.state + "/log.db", state->kiosk_id);
    if (!log) return fail(log.error().message);
    auto cp = log->latest_checkpoint();
    if (!cp) { // nothing found, as grep: 1 (docs/cli-conventions.md)
        std::cerr << "kiosk: no checkpoint yet: the kiosk writes one every 100 entries, every 10 "
                     "minutes and at shutdown\n";
        return kExitRefused;
    }
    std::cout << checkpoint_to_text(*cp) << "\n";
    return kExitOk;
}

int run_run(Options o) {
    auto state = load_kiosk(o.state);
    if (!state) return fail(state.error().message);
    auto passphrase = kiosk_passphrase(o.passphrase_file, false);
    if (!passphrase) return fail(passphrase.error().message);
    auto key = read_secret_key_file(o.state + "/kiosk.key", passphrase->view());
    if (!key) return fail_key(key.error());
    KioskClock clock;
    if (!o.run.now.empty()) {
        auto simulated = KioskClock::simulated(
            o.run.now, ResolvedZone::resolve_or_unknown(state->bundle.event.time_zone));
        if (!simulated) return fail(simulated.error().message);
        clock = simulated.value();
    }
    EngineOptions engine_options;
    engine_options.simulated_time = clock.is_simulated();
    engine_options.checkpoint_every_entries = o.run.checkpoint_every;
    engine_options.checkpoint_every_seconds = o.run.checkpoint_minutes * 60;
    // The sync with the desk, when the kiosk joined one. Made before the key goes to the engine
    // (the TLS client takes its own copy); a broken fleet setup never keeps the gate from
    // deciding: the kiosk says so and runs offline only.
    SyncMailbox mailbox;
    auto sync = fleet_sync_for(state.value(), key.value(), mailbox, clock, o.run.sync_interval_ms);
    if (!sync) {
        std::cerr << "kiosk: the desk's sync is off: " << sync.error().message << "\n";
        sync = std::unique_ptr<SyncClient>{};
    }
    auto engine =
        GateEngine::start(std::move(state).value(), std::move(key).value(), engine_options);
    if (!engine) return fail(engine.error().message);
    SyncMailbox* const link = sync.value() ? &mailbox : nullptr;
    if (sync.value()) sync.value()->start();
    const int code = o.run.headless
                         ? run_headless(engine.value(), clock, o.run, o.headless, link)
                         : run_screen(engine.value(), clock, o.run, o.screen, link);
    if (sync.value()) {
        sync.value()->stop();
        // The shutdown checkpoint and the last rows up too, if the desk is there.
        if (mailbox.link().online(std::chrono::steady_clock::now()))
            (void)sync.value()->sync_once();
    }
    return code;
}

// kiosk enroll, csr, join, update and checkpoint: each sets code when it has run.
void add_setup_commands(CLI::App& app, Options& o, int& code) {
    auto* enroll = app.add_subcommand("enroll", "Enrol this kiosk at a gate with a signed bundle");
    enroll->add_option("--bundle", o.bundle, "Kiosk bundle from the desk")->required();
    enroll->add_option("--event-key", o.event_key, "The event's public key file (event.pub)")
        ->required();
    enroll->add_option("--gate", o.gate, "Gate id from the event definition")->required();
    enroll->add_option("--state", o.state, "State folder to create")->required();
    enroll->add_option("--passphrase-file", o.passphrase_file,
                       "Kiosk key passphrase file (else $ACCRED_KIOSK_PASSPHRASE, else prompt)");
    enroll->add_option("--kdf-cost", o.kdf, "Argon2id cost for the kiosk key")
        ->check(CLI::IsMember({"interactive", "moderate"}))
        ->capture_default_str();
    enroll->callback([&] { code = run_enroll(o); });

    auto* csr = app.add_subcommand("csr", "Print this kiosk's certificate request for the desk");
    csr->add_option("--state", o.state, "Kiosk state folder")->required();
    csr->add_option("--passphrase-file", o.passphrase_file,
                    "Kiosk key passphrase file (else $ACCRED_KIOSK_PASSPHRASE, else prompt)");
    csr->callback([&] { code = run_csr(o); });

    auto* join = app.add_subcommand("join", "Join the desk's fleet with the certificate it issued "
                                            "(or leave it)");
    join->add_option("--state", o.join.state, "Kiosk state folder")->required();
    auto* desk = join->add_option("--desk", o.join.desk, "The desk's address, https://HOST:PORT");
    auto* cert = join->add_option("--cert", o.join.cert,
                                  "This kiosk's certificate (issuer fleet approve --out)");
    auto* ca = join->add_option("--ca", o.join.ca, "The fleet CA certificate (desk fleet/ca.crt)");
    auto* leave =
        join->add_flag("--leave", o.join.leave, "Remove the fleet files: back to offline only");
    leave->excludes(desk)->excludes(cert)->excludes(ca);
    join->callback([&] { code = join_fleet(o.join); });

    auto* update = app.add_subcommand("update", "Install a newer bundle or revocation update");
    update->add_option("--state", o.state, "Kiosk state folder")->required();
    update->add_option("file", o.file, "Bundle or revocation update file")->required();
    update->callback([&] { code = run_update(o); });

    auto* checkpoint = app.add_subcommand("checkpoint", "Print the latest signed log checkpoint");
    checkpoint->add_option("--state", o.state, "Kiosk state folder")->required();
    checkpoint->callback([&] { code = run_checkpoint(o); });
}

// kiosk run's screen options (the help lists them in this order, before the common ones).
void add_screen_options(CLI::App& run, ScreenOptions& screen) {
    screen.assets_dir = default_assets_dir(ACCRED_ASSETS_RELATIVE);
    screen.font_regular = kDefaultFont;
    screen.font_bold = kDefaultBoldFont;
    run.add_flag("--fullscreen", screen.fullscreen, "Screen: fill the display");
    run.add_option("--window", screen.window_size, "Screen: window size, 800x480 to 3840x2160")
        ->capture_default_str();
    run.add_option("--screenshot-dir", screen.screenshot_dir,
                   "Screen: save every verdict shown (and F12) as PNG in this folder");
    run.add_flag("--exit-when-done", screen.exit_when_done,
                 "Screen: close once a file source has ended and the last verdict was shown");
    run.add_flag("--show-each", screen.show_each,
                 "Screen: show every verdict its full time before the next (demos)");
    run.add_option("--language", screen.language, "Screen: first language (en, fr, nl); F1 cycles");
    run.add_option("--assets", screen.assets_dir, "Folder holding kiosk/strings.toml")
        ->capture_default_str();
    run.add_option("--font", screen.font_regular, "Screen: regular TrueType font")
        ->capture_default_str();
    run.add_option("--font-bold", screen.font_bold, "Screen: bold TrueType font")
        ->capture_default_str();
}

// kiosk run: the gate, on the screen or headless.
void add_run_command(CLI::App& app, Options& o, int& code) {
    auto* run = app.add_subcommand("run", "Run the gate");
    run->add_option("--state", o.state, "Kiosk state folder")->required();
    run->add_option(
           "--source", o.run.source,
           "v4l2:/dev/videoN[@WxH] | y4m:PATH|- | images:DIR|FILE[,FILE...] | wedge[:DEVICE]")
        ->required();
    run->add_flag("--headless", o.run.headless, "No screen: one JSON line per decision");
    add_screen_options(*run, o.screen);
    run->add_flag("--human", o.run.human, "Readable lines instead of JSON on stdout");
    run->add_option("--now", o.run.now,
                    "Run a simulated clock from TIME[,SPEED] (2014-03-31T06:00:00Z, "
                    "2014-03-31T08:00+02:00 or local '2014-03-31 08:00'; marked in the log)");
    run->add_option("--debounce-ms", o.run.debounce_ms, "The same badge within this is one scan")
        ->capture_default_str();
    run->add_option("--commands", o.headless.commands,
                    "Read supervisor commands ('override SUPERVISOR PIN') from this file or fifo");
    run->add_option("--passphrase-file", o.passphrase_file,
                    "Kiosk key passphrase file (else $ACCRED_KIOSK_PASSPHRASE, else prompt)");
    run->add_option("--checkpoint-every", o.run.checkpoint_every,
                    "Sign a log checkpoint every N entries")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    run->add_option("--checkpoint-minutes", o.run.checkpoint_minutes,
                    "...and every M minutes (and always at shutdown)")
        ->check(CLI::Range(1, 1440))
        ->capture_default_str();
    run->add_option("--sync-interval-ms", o.run.sync_interval_ms,
                    "With a desk (kiosk join): one sync this often")
        ->check(CLI::Range(100, 600000))
        ->capture_default_str();
    run->callback([&] { code = run_run(o); });
}

} // namespace

int main(int argc, char** argv) {
    keep_secrets_out_of_core_dumps(); // before the kiosk key or its passphrase is read
    if (sodium_init() < 0) return fail("libsodium could not be initialised");
    CLI::App app{"kiosk - the gate: scans badges, verifies them offline, decides, logs"};
    app.require_subcommand(1);
    Options o;
    int code = kExitUsage;
    add_setup_commands(app, o, code);
    add_run_command(app, o, code);
    add_lookup_command(app, code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // A script that asked for --json (kiosk lookup) reads its usage error as JSON too, on
        // stdout, as issuer's are (docs/cli-conventions.md).
        const bool json = std::any_of(argv + 1, argv + argc,
                                      [](const char* a) { return std::string_view(a) == "--json"; });
        if (json)
            std::cout << nlohmann::json{{"code", kExitUsage}, {"error", e.what()}}.dump() << "\n";
        else
            std::cerr << "kiosk: " << e.what() << "\n(run 'kiosk --help' for usage)\n";
        return kExitUsage;
    }
    return code;
}
