// Badges for the scanner tests: real AC1 credentials as QR images, and camera-like Y4M streams
// of them made with the camera simulator.
#pragma once

#include "camera_sim.h"
#include "scan/grey_image.h"

#include <string>
#include <vector>

namespace accred::test {

// A signed AC1 text, different for each label (a typical delegate's claims, signed with a key
// derived from the label).
std::string credential_text(const std::string& label);

// The credential as a printed QR code (error correction Q, 4-pixel modules, quiet zone), on a
// white card with margin_fraction of the symbol's side added around it.
GreyImage qr_card(const std::string& text, double margin_fraction = 0.15);

// Renders shots with the simulator into a new Y4M file at path (30 fps).
void write_camera_y4m(const std::string& path, const std::vector<Shot>& shots,
                      const CameraSimOptions& options);

} // namespace accred::test
