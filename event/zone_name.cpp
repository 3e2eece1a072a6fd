#include "zone_name.h"

namespace accred {

bool is_valid_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    // Files in the zone directory that are not zones: "localtime" follows the host's setting
    // (not the event's), "posixrules" and "Factory" are not places.
    for (std::string_view reserved : {"localtime", "posixrules", "leapseconds", "Factory"})
        if (name == reserved) return false;
    std::size_t component = 0; // length of the current component
    for (const char c : name) {
        if (c == '/') {
            if (component == 0) return false; // leading '/' or "//"
            component = 0;
            continue;
        }
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
        if (!ok) return false; // this also excludes "." and "..", and every "*.tab" file
        ++component;
    }
    return component != 0; // no trailing '/'
}

} // namespace accred
