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

// Decodes a PNG (stb_image) or JPEG (libjpeg-turbo's TurboJPEG), scales it down (never up) to
// fit 360 x 450 keeping its proportions, and re-encodes it with TurboJPEG as baseline JPEG:
// YCbCr with 4:2:0 chroma, the standard Huffman tables, a JFIF header and no other metadata (no
// EXIF, no ICC profile, no comment). Deterministic: the same input gives the same bytes with the
// same libjpeg-turbo (Debian 12's 2.1.5), so re-importing an unchanged roster changes nothing;
// another version of the library may encode differently (docs/roster-format.md). Errors say
// what is wrong with the image: declared dimensions over kMaxImageSide are refused before any
// pixel is allocated, and a truncated or corrupt JPEG is refused, not decoded in part. Refuses
// to encode while one of TurboJPEG's TJ_* encoder environment variables is set. Safe to call on
// several threads at once (the roster import does: photo_pipeline.h).
Outcome<std::string> normalize_photo(const std::string& file_bytes);

} // namespace accred
