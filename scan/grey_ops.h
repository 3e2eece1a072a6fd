// The pixel operations the read pipeline (read_pipeline.h) applies to a frame ZXing could not
// read: a region cut out and enlarged, and an unsharp mask. Each reports nothing but its output;
// what it costs is counted by the caller in pixels written.
#pragma once

#include "scan/grey_image.h"

#include <cstdint>

namespace accred {

// A rectangle of a frame, in pixels.
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// A borrowed greyscale frame: width x height pixels, row_stride bytes per row.
struct GreyView {
    const std::uint8_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int row_stride = 0;
};

// The part of the frame inside rect (clipped to the frame), enlarged factor times by bilinear
// interpolation: small codes, whose modules are a pixel or two wide, give ZXing's detector runs
// it can measure. factor 1 is a plain copy.
GreyImage crop_scaled(const GreyView& frame, PixelRect rect, int factor);

// The picture sharpened by an unsharp mask: each pixel pushed away from its Gaussian-blurred
// surroundings (sigma px) by amount times the difference, clamped to 0..255. Undoes part of a
// focus or motion blur's loss of contrast between neighbouring modules.
GreyImage unsharp_mask(const GreyImage& image, double sigma, double amount);

} // namespace accred
