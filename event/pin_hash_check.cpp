#include "pin_hash_check.h"

#include <sodium.h>

namespace accred {

namespace {

// A kiosk verifies a supervisor PIN with the hash's own parameters: cap them so that a doctored
// definition cannot make a gate allocate gigabytes or stall for minutes. 256 MiB and 10 passes
// are above libsodium's MODERATE level; INTERACTIVE (64 MiB, 2 passes) is the expected one.
constexpr unsigned long long kMaxPinMemoryKiB = 256 * 1024;
constexpr unsigned long long kMaxPinPasses = 10;

// Reads the decimal number after `prefix` at `pos` in `text` and moves past it.
bool read_param(std::string_view text, std::size_t& pos, std::string_view prefix,
                unsigned long long& value) {
    if (text.substr(pos, prefix.size()) != prefix) return false;
    pos += prefix.size();
    const std::size_t start = pos;
    value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 12)
        value = value * 10 + static_cast<unsigned long long>(text[pos++] - '0');
    return pos > start;
}

} // namespace

std::string pin_hash_problem(const std::string& hash) {
    const std::string_view text = hash;
    if (text.substr(0, 10) != "$argon2id$")
        return "must be an Argon2id hash from crypto_pwhash_str, starting \"$argon2id$\"";
    if (hash.size() >= crypto_pwhash_STRBYTES) return "is too long for an Argon2id hash";
    std::size_t pos = 10;
    unsigned long long version = 0, memory = 0, passes = 0, lanes = 0;
    if (!read_param(text, pos, "v=", version) || !read_param(text, pos, "$m=", memory) ||
        !read_param(text, pos, ",t=", passes) || !read_param(text, pos, ",p=", lanes) ||
        version != 19)
        return "is not a well-formed Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$...)";
    if (memory > kMaxPinMemoryKiB || passes > kMaxPinPasses)
        return "asks for more than 256 MiB or 10 passes: a kiosk would stall checking a PIN";
    // needs_rehash decodes the whole string (parameters, salt and hash) and returns -1 when it is
    // not a valid hash for this algorithm: the format check that crypto_pwhash_str_verify does.
    if (sodium_init() < 0) return "cannot be checked (libsodium did not initialise)";
    if (crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
        return "is not a valid Argon2id hash (bad salt or hash encoding)";
    return {};
}

} // namespace accred
