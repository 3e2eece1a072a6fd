// The picture a failed frame is decoded from a second time. ZXing 1.4's QR detector misses
// codes it would read at another angle (measured on the camera-condition corpus: about a third of
// its failures are read once the frame is turned 45 degrees), and its local binarizer treats
// low-contrast blocks as flat; turning the frame and stretching its contrast recovers both.
#pragma once

#include "scan/grey_image.h"

namespace accred {

inline constexpr double kSecondLookDegrees = 45;

// The frame (width x height, row stride in bytes) turned kSecondLookDegrees counter-clockwise
// about its centre, same size (corners from outside the frame mid grey), then its grey levels
// stretched so that the frame's 1st and 99th percentiles become black and white.
GreyImage second_look(const std::uint8_t* pixels, int width, int height, int row_stride);

// Maps a point of the second_look image back to the frame it was made from.
void second_look_to_frame(double x, double y, int width, int height, double& fx, double& fy);

} // namespace accred
