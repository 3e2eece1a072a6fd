// Replacing a file atomically (replace_file, crypto/file_io.h): the kiosk's files in force (bundle,
// revocations, kiosk.json, the fleet certificates) are either the old or the new one after a power
// cut, never half of one.
#pragma once

#include "crypto/file_io.h" // replace_file
#include "crypto/outcome.h"

#include <cstdint>
#include <span>
#include <string>

namespace accred {

// Removes path if it exists and makes the removal durable. Absent is not an error.
Status remove_file_durably(const std::string& path);

} // namespace accred
