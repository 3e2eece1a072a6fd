// The baseline JPEG encoder of roster photos: the bytes stb_image_write's stbi_write_jpg writes,
// about three times faster (issue 18: at 100,000 people, encoding was most of the import).
#pragma once

#include <cstddef>
#include <string>

namespace accred {

// Encodes width x height RGB pixels (3 bytes each, rows top to bottom, no padding) as baseline
// JPEG at quality (1-90: chroma subsampled 2x2, as stb_image_write does at those qualities),
// byte for byte what stbi_write_jpg_to_func(..., 3, rgb, quality) writes. That identity matters:
// a normalised photo's digest is signed into every badge, so re-importing an unchanged roster
// must give the same bytes as every earlier import did (tests/issuer/jpeg_writer_test.cpp
// compares the two). It holds because every floating-point operation is stb's, in stb's order,
// in single precision without fused multiply-adds (the file is compiled with -ffp-contract=off).
// width and height: 1-65535.
std::string write_baseline_jpeg(const unsigned char* rgb, int width, int height, int quality);

} // namespace accred
