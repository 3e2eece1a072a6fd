// How the issuer reports an error, in one place for every command (docs/cli-conventions.md):
// "issuer: MESSAGE" on stderr, or, when the command line holds --json, one JSON object
// {"error": MESSAGE, "code": N} on stdout, where the script that asked for JSON reads.
#pragma once

#include "crypto/outcome.h"

#include <string>

namespace accred {

// Whether errors are written as JSON: main sets it from the command line before parsing, so
// that CLI11's own usage errors are JSON too when --json was given.
void set_json_errors(bool on);
bool json_errors();
// True when args (argv without the program name) holds --json, before anything is parsed.
bool asks_for_json(int argc, const char* const* argv);

// Reports message with exit code code and returns code.
int fail_with(const std::string& message, int code);
// Prints "issuer: message" to stderr (or the JSON object) and returns kExitUsage: for I/O and
// usage errors.
int fail_usage(const std::string& message);
// The same with kExitRefused: verification failed, a denial, a refusal.
int fail_refused(const std::string& message);
// An Error with its own code: 1 when it is a denial (a wrong passphrase), else 2.
int fail_error(const Error& error);

} // namespace accred
