// Roster photos are normalised once, at import: one format and one bounded size for everything
// downstream (the credential's photo digest, the bundle, the badge, the kiosk screen).
#pragma once

#include "crypto/outcome.h"

#include <string>

namespace accred {

// A badge photo is shown at about 30 x 37 mm on the badge and a few centimetres on the kiosk
// screen: 360 x 450 pixels is 300 dpi at that size.
inline constexpr int kPhotoMaxWidth = 360;
inline constexpr int kPhotoMaxHeight = 450;
// JPEG quality 88: no visible loss on a face at that size, about 25 KB.
inline constexpr int kPhotoJpegQuality = 88;

// Decodes a PNG or JPEG, scales it down (never up) to fit 360 x 450 keeping its proportions,
// and re-encodes it as baseline JPEG. Deterministic: the same input gives the same bytes, so
// re-importing an unchanged roster changes nothing. Errors say what is wrong with the image.
// Safe to call on several threads at once (the roster import does: photo_pipeline.h).
Outcome<std::string> normalize_photo(const std::string& file_bytes);

} // namespace accred
