#include "cli_errors.h"

#include "commands.h"
#include "crypto/passphrase.h"

#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

bool json_mode = false;

} // namespace

void set_json_errors(bool on) {
    json_mode = on;
}

bool json_errors() {
    return json_mode;
}

bool asks_for_json(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0) return false; // what follows are operands
        if (std::strcmp(argv[i], "--json") == 0) return true;
    }
    return false;
}

int fail_with(const std::string& message, int code) {
    if (json_mode) {
        // Invalid UTF-8 (a path, a row's text) is replaced rather than thrown on.
        std::cout << nlohmann::json{{"error", message}, {"code", code}}.dump(
                         -1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n"
                  << std::flush;
    } else {
        std::cerr << "issuer: " << message << "\n";
    }
    return code;
}

int fail_usage(const std::string& message) {
    return fail_with(message, kExitUsage);
}

int fail_refused(const std::string& message) {
    return fail_with(message, kExitRefused);
}

int fail_error(const Error& error) {
    return fail_with(error.message,
                     error.kind == ErrorKind::refusal ? kExitRefused : kExitUsage);
}

} // namespace accred
