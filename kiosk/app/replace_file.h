// Replacing a file atomically: the kiosk's files in force (bundle, revocations, kiosk.json, the
// fleet certificates) are either the old or the new one after a power cut, never half of one.
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <span>
#include <string>

namespace accred {

// Writes bytes to path + ".new" (fsync'ed, mode), renames it over path and fsyncs the folder so
// the rename itself survives a power cut. On failure the old file stays in force.
Status replace_file(const std::string& path, std::span<const std::uint8_t> bytes,
                    unsigned mode = 0644);

// Removes path if it exists and makes the removal durable. Absent is not an error.
Status remove_file_durably(const std::string& path);

} // namespace accred
