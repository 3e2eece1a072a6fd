// Where the kiosk finds its assets (kiosk/strings.toml): relative to its own executable, so that
// an installed kiosk (PREFIX/bin/kiosk, PREFIX/share/accred/kiosk/strings.toml) and one run from
// the build tree (build/kiosk/kiosk, build/share/accred/...) both find theirs without --assets.
#pragma once

#include <string>

namespace accred {

// $ACCRED_ASSETS when set; else relative_to_bin (ACCRED_ASSETS_RELATIVE: "../share/accred" for
// the usual layout) resolved against the folder of /proc/self/exe. The folder is returned even
// when it does not exist: the screen's loader names the missing file.
std::string default_assets_dir(const std::string& relative_to_bin);

} // namespace accred
