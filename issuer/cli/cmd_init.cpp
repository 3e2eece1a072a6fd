// issuer init: a new desk workspace for an event; issuer pin-hash: a supervisor PIN's hash.
#include "commands.h"

#include "crypto/count_noun.h"
#include "crypto/file_io.h"
#include "crypto/passphrase.h"
#include "event/event_toml.h"
#include "issuer/desk.h"
#include "issuer/event_logo.h"

#include <iostream>
#include <sodium.h>

namespace accred {
namespace {

constexpr std::size_t kMaxEventFileBytes = 1u << 20;
// Supervisor PINs are short, so their hashes are costly to test: a stolen bundle must not turn
// into a PIN in seconds. MODERATE is ~0.7 s per guess here; the kiosk pays it once per override.
constexpr std::uint64_t kPinOpsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
constexpr std::size_t kPinMemLimit = crypto_pwhash_MEMLIMIT_MODERATE;
constexpr std::size_t kMinPinDigits = 6;

struct InitOptions {
    std::string dir;
    std::string event_file;
    std::string passphrase_file;
    std::string cost = "moderate";
};

int run_init(const InitOptions& o) {
    auto toml = read_small_file(o.event_file, kMaxEventFileBytes);
    if (!toml) return fail_error(toml.error());
    auto event = parse_event_toml(toml.value(), o.event_file);
    if (!event) return fail_usage("the event definition has errors; nothing was created\n" +
                                  event.error().message);
    // The logo is checked before the passphrase is asked for, and kept in the workspace so that
    // badges print the same wherever the event file was.
    std::string logo;
    if (!event->logo.empty()) {
        auto read = read_logo_file(logo_path_for(o.event_file, event->logo));
        if (!read) return fail_usage(read.error().message + "; nothing was created");
        logo = std::move(read).value();
    }
    auto passphrase = obtain_new_passphrase(
        o.passphrase_file.empty() ? std::nullopt : std::optional(o.passphrase_file),
        "New desk passphrase (protects the event signing key): ");
    if (!passphrase) return fail_error(passphrase.error());
    const KdfCost cost = KdfCost::named(o.cost).value_or(KdfCost::moderate());
    auto desk = Desk::create(o.dir, toml.value(), event.value(), passphrase->view(), cost, logo);
    if (!desk) return fail_error(desk.error());
    const auto& e = desk->event();
    std::cout << "Workspace " << o.dir << " created for \"" << e.name << "\" (" << e.id << ")\n"
              << "  " << count_noun(e.days.size(), "day", "days") << ", "
              << count_noun(e.zones.size(), "zone", "zones") << ", "
              << count_noun(e.categories.size(), "category", "categories") << ", "
              << count_noun(e.gates.size(), "gate", "gates") << ", "
              << count_noun(e.supervisors.size(), "supervisor", "supervisors") << "\n"
              << "  event key " << fingerprint(desk->event_public_key()) << " (encrypted in "
              << o.dir << "/event.key)\n"
              << "Next: issuer roster import ROSTER.csv -w " << o.dir << "\n";
    return kExitOk;
}

int run_pin_hash(const std::string& pin_file) {
    PassphraseSource source;
    if (!pin_file.empty()) source.file = pin_file;
    source.prompt = "Supervisor PIN: ";
    source.confirm = true;
    source.env = "ACCRED_PIN"; // never the desk passphrase's variable
    auto pin = obtain_passphrase(source);
    if (!pin) return fail_error(pin.error());
    const std::string_view digits = pin->view();
    if (digits.size() < kMinPinDigits ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return fail_usage("a supervisor PIN is at least 6 digits");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, digits.data(), digits.size(), kPinOpsLimit, kPinMemLimit) != 0)
        return fail_usage("not enough memory to hash the PIN");
    std::cout << hash << "\n";
    return kExitOk;
}

} // namespace

void add_init_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<InitOptions>();
    CLI::App* sub = app.add_subcommand("init", "Create a desk workspace for an event");
    sub->add_option("dir", o->dir, "New workspace folder")->required();
    sub->add_option("-e,--event", o->event_file, "Event definition (TOML)")->required();
    sub->add_option("--passphrase-file", o->passphrase_file,
                    "Read the new desk passphrase from this file (else $ACCRED_PASSPHRASE, else "
                    "prompt)");
    sub->add_option("--kdf-cost", o->cost, "Argon2id cost for the key file")
        ->check(CLI::IsMember({"interactive", "moderate"}))
        ->capture_default_str();
    sub->callback([o, &exit_code] { exit_code = run_init(*o); });

    auto pin_file = std::make_shared<std::string>();
    CLI::App* pin = app.add_subcommand(
        "pin-hash", "Hash a supervisor PIN (Argon2id) for the event definition's pin_hash");
    pin->add_option("--pin-file", *pin_file, "Read the PIN from this file (else $ACCRED_PIN, else prompt)");
    pin->callback([pin_file, &exit_code] { exit_code = run_pin_hash(*pin_file); });
}

} // namespace accred
