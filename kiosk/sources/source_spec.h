// Parsing a --source spec into what to open, without opening anything.
#pragma once

#include "crypto/outcome.h"

#include <string>
#include <vector>

namespace accred {

struct SourceSpec {
    enum class Kind { v4l2, y4m, images, wedge };
    Kind kind = Kind::y4m;
    // v4l2: the device; y4m: the file or "-"; images: files and directories in order;
    // wedge: the file or device the keystrokes arrive on, "-" for standard input.
    std::vector<std::string> paths;
    int width = 0; // v4l2 only: requested size from "@WxH", 0 when not given
    int height = 0;
};

// Accepts "v4l2:DEVICE[@WxH]", "y4m:PATH", "y4m:-", "images:PATH[,PATH...]", "wedge" and
// "wedge:PATH". Errors say what is wrong and list the accepted forms.
Outcome<SourceSpec> parse_source_spec(const std::string& spec);

} // namespace accred
