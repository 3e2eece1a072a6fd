// Where a passphrase comes from: a file, an environment variable (for scripts), or the terminal.
#pragma once

#include "outcome.h"
#include "secret_buffer.h"

#include <optional>
#include <string>

namespace accred {

// The environment variable scripts may set instead of typing the passphrase.
inline constexpr const char* kPassphraseEnv = "ACCRED_PASSPHRASE";

struct PassphraseSource {
    std::optional<std::string> file; // --passphrase-file: first line, trailing newline removed
    std::string prompt = "Passphrase: ";
    bool confirm = false; // ask twice on the terminal (when creating a key)
    const char* env = kPassphraseEnv; // environment variable to read, or nullptr for none
};

// Resolves the passphrase: the file if given, else the environment variable, else a no-echo prompt on
// /dev/tty. An empty passphrase is an error. The result lives in wiped memory. A passphrase taken
// from the environment is wiped from the process's environment and the variable unset, so it is
// read once per process and no child process inherits it.
Outcome<SecretBuffer> obtain_passphrase(const PassphraseSource& source);

// For a new key: asks twice on a terminal (file and environment as above) and refuses a
// passphrase shorter than kMinNewPassphraseLength.
Outcome<SecretBuffer> obtain_new_passphrase(const std::optional<std::string>& file,
                                            const std::string& prompt);

// A new key's passphrase must be at least this long: Argon2id slows guessing, it cannot make a
// four-letter word safe.
inline constexpr std::size_t kMinNewPassphraseLength = 8;

// The error a secret key file gives for a passphrase that does not open it (read_secret_key_file):
// a refusal (ErrorKind::refusal), which the commands exit 1 for, not a failure to read (2).
Error wrong_passphrase_error();

} // namespace accred
