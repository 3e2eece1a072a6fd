# Writes OUT: a C++ file defining accred::web_asset() over the files in FILES (a ;-list), each
# as a raw string literal (issuer/web/web_assets.h). Run at build time by issuer/web/CMakeLists.txt.
set(body "")
foreach(path IN LISTS FILES)
  file(READ "${path}" text)
  get_filename_component(name "${path}" NAME)
  if(text MATCHES "\\)web_asset\"")
    message(FATAL_ERROR "${path} contains the raw string's closing delimiter")
  endif()
  string(APPEND body "    {\"${name}\", R\"web_asset(${text})web_asset\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from issuer/web/assets by cmake/embed_web_assets.cmake: do not edit.
#include \"issuer/web/web_assets.h\"

#include <utility>

namespace accred {
namespace {
const std::pair<std::string_view, std::string_view> kAssets[] = {
${body}};
} // namespace

std::optional<std::string_view> web_asset(std::string_view name) {
    for (const auto& [n, text] : kAssets)
        if (n == name) return text;
    return std::nullopt;
}

} // namespace accred
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
