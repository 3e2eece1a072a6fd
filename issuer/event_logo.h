// The event's logo on badges: the file named by the event definition (logo = "file.png"), read
// as hostile input, copied into the desk workspace at issuer init, and read from there after.
#pragma once

#include "crypto/outcome.h"

#include <cstddef>
#include <string>

namespace accred {

class Desk;

inline constexpr std::size_t kMaxLogoBytes = 1024 * 1024;
inline constexpr int kMaxLogoSide = 2048; // pixels: ample for 20 mm at 600 dpi
// The workspace's copy of the logo, beside event.toml.
inline constexpr const char* kDeskLogoFile = "event-logo";

// Where the logo named `logo` in event_file lives: relative to the event file's folder.
std::string logo_path_for(const std::string& event_file, const std::string& logo);

// The logo file at path, checked before any of it is used: at most kMaxLogoBytes, a PNG or JPEG
// by its first bytes, at most kMaxLogoSide pixels a side, and decoding whole. Each refusal names
// the file and the problem ("cannot read", "is not a PNG or JPEG image", "is over 1 MiB"...).
Outcome<std::string> read_logo_file(const std::string& path);

// The desk's copy of the event's logo (read_logo_file, checked again: it is a file in a folder),
// or "" when the event names none or the workspace holds no copy (Desk::create without one).
Outcome<std::string> desk_logo(const Desk& desk);

} // namespace accred
