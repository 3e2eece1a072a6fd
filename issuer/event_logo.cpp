#include "event_logo.h"

#include "badge_photo.h"
#include "crypto/file_io.h"
#include "issuer/desk.h"

#include <filesystem>

namespace accred {

std::string logo_path_for(const std::string& event_file, const std::string& logo) {
    return (std::filesystem::path(event_file).parent_path() / logo).string();
}

Outcome<std::string> read_logo_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return Error{"the event's logo " + path + " does not exist"};
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxLogoBytes)
        return Error{"the event's logo " + path + " is over 1 MiB (" + std::to_string(size) +
                     " bytes): use a smaller PNG or JPEG"};
    auto bytes = read_small_file(path, kMaxLogoBytes);
    if (!bytes) return Error{"cannot read the event's logo: " + bytes.error().message};
    if (auto problem = badge::image_problem(bytes.value(), kMaxLogoSide))
        return Error{"the event's logo " + path + " " + *problem};
    return bytes;
}

Outcome<std::string> desk_logo(const Desk& desk) {
    const std::string copy = desk.dir() + "/" + kDeskLogoFile;
    std::error_code ec;
    // A workspace made without it (by a library caller that gave no logo) prints without one.
    if (desk.event().logo.empty() || !std::filesystem::exists(copy, ec)) return std::string();
    return read_logo_file(copy);
}

} // namespace accred
