#include "assets_dir.h"

#include <cstdlib>
#include <filesystem>

namespace accred {

std::string default_assets_dir(const std::string& relative_to_bin) {
    if (const char* env = std::getenv("ACCRED_ASSETS"); env && *env) return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return relative_to_bin; // no /proc: relative to the working folder, named in errors
    return (exe.parent_path() / relative_to_bin).lexically_normal().string();
}

} // namespace accred
