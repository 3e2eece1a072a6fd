// One still camera frame of a badge (or a phone showing a QR code) under chosen conditions:
// pose (perspective, rotation, size in frame), lighting (contrast, shading, glare), optics and
// sensor (focus blur, motion blur, noise) and transport (JPEG compression). Unlike CameraSim,
// which draws random poses for a video stream, every parameter here is given, so a corpus can
// sweep one condition at chosen severities.
#pragma once

#include "scan/grey_image.h"

#include <cstdint>

namespace accred::bench {

struct FrameConditions {
    int width = 1280;
    int height = 720;
    double fill = 0.7;         // the subject's longer side, face on, as a fraction of height
    double cx = 0.5, cy = 0.5; // its centre, as fractions of the frame
    double yaw_deg = 0, pitch_deg = 0, roll_deg = 0;
    double black = 40, white = 200;  // grey levels of the subject's black and white
    double shade_x = 0, shade_y = 0; // lighting falloff across the subject (fraction per width)
    double glare_amp = 0;            // a specular highlight: peak grey levels added
    double glare_u = 0.5, glare_v = 0.5, glare_r = 0.1; // where and how wide, subject fractions
    double focus_sigma = 0.6;                           // Gaussian defocus, pixels
    double motion_px = 0;                               // length of linear motion blur, pixels
    double motion_deg = 0;                              // its direction
    double noise_sigma = 3;                             // sensor noise, grey levels
    int jpeg_quality = 0; // 1-100: compressed and decompressed once; 0: not
    bool person = true;   // the dark clothes of whoever holds it, behind it
};

// Renders the frame; the same subject, conditions and seed always give the same pixels. The
// seed only moves the background scene and the noise.
GreyImage render_frame(const GreyImage& subject, const FrameConditions& c, std::uint64_t seed);

} // namespace accred::bench
