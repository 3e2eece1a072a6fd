// The web desk's templates, style sheet and script, compiled into the binary from
// issuer/web/assets/ (cmake/embed_web_assets.cmake): the desk needs no files beside it, and an
// installed issuer cannot pick up a stale or tampered template from the disk.
#pragma once

#include <optional>
#include <string_view>

namespace accred {

// The file's text, or nullopt when there is no asset of that name.
std::optional<std::string_view> web_asset(std::string_view name);

} // namespace accred
