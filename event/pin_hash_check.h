// The check of a supervisor's PIN hash in the event definition, before any kiosk has to verify a
// PIN with it.
#pragma once

#include <string>

namespace accred {

// Empty when `hash` is an acceptable Argon2id string in crypto_pwhash_str format, else why not
// (a phrase to follow "\"pin_hash\" of supervisor X"). Bounds the hash's own cost parameters.
std::string pin_hash_problem(const std::string& hash);

} // namespace accred
