// issuer keygen: a new event signing key pair; the secret half encrypted with a passphrase.
#include "commands.h"

#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "crypto/passphrase.h"

#include <iostream>
#include <sodium.h>
#include <unistd.h>

namespace accred {

namespace {

struct KeygenOptions {
    std::string secret_path = "event.key";
    std::string public_path = "event.pub";
    std::string passphrase_file;
    std::string cost = "moderate";
};

int run_keygen(const KeygenOptions& o) {
    // Check both paths first so that a refused overwrite leaves no half-made pair behind. A key
    // is never replaced (no --force): the old one may sign badges still in use.
    for (const auto& path : {o.secret_path, o.public_path})
        if (::access(path.c_str(), F_OK) == 0)
            return fail_usage(file_exists_error(path, false).message);
    const KdfCost cost = KdfCost::named(o.cost).value_or(KdfCost::moderate());
    auto passphrase = obtain_new_passphrase(
        o.passphrase_file.empty() ? std::nullopt : std::optional(o.passphrase_file),
        "Passphrase for the new key: ");
    if (!passphrase) return fail_error(passphrase.error());

    const SigningKey key = SigningKey::generate();
    if (auto s = write_secret_key_file(o.secret_path, key, passphrase->view(), cost); !s)
        return fail_error(s.error());
    if (auto s = write_public_key_file(o.public_path, key.public_key()); !s) {
        ::unlink(o.secret_path.c_str());
        return fail_error(s.error());
    }
    std::cout << "secret key: " << o.secret_path << " (encrypted, mode 0600)\n"
              << "public key: " << o.public_path << "\n"
              << "key id:     " << fingerprint(key.public_key()) << "\n";
    return kExitOk;
}

} // namespace

void add_keygen_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<KeygenOptions>();
    CLI::App* sub = app.add_subcommand("keygen", "Create an event signing key pair");
    sub->add_option("-s,--secret-key", options->secret_path, "Secret key file to create")
        ->capture_default_str();
    sub->add_option("-p,--public-key", options->public_path, "Public key file to create")
        ->capture_default_str();
    sub->add_option("--passphrase-file", options->passphrase_file,
                    "Read the passphrase from this file (else $ACCRED_PASSPHRASE, else prompt)");
    sub->add_option("--kdf-cost", options->cost,
                    "Argon2id cost: interactive (64 MiB), moderate (256 MiB), sensitive (1 GiB)")
        ->check(CLI::IsMember({"interactive", "moderate", "sensitive"}))
        ->capture_default_str();
    sub->callback([options, &exit_code] { exit_code = run_keygen(*options); });
}

} // namespace accred
