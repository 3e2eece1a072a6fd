#include "replace_file.h"

#include "crypto/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace accred {

Status replace_file(const std::string& path, std::span<const std::uint8_t> bytes, unsigned mode) {
    const std::string tmp = path + ".new";
    ::unlink(tmp.c_str()); // a leftover of a cut write; O_EXCL below refuses anything else there
    if (auto s = write_new_file(tmp, bytes, mode); !s) return s;
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return Error{"cannot install " + path};
    }
    // The rename is durable only once the folder is: without this a power cut may bring back
    // the old file (an older bundle or revocation list back in force).
    if (auto s = sync_parent_folder(path); !s)
        return Error{path + " is installed but may not survive a power cut (" + s.error().message +
                     "); restart the kiosk"};
    return success();
}

Status remove_file_durably(const std::string& path) {
    if (::unlink(path.c_str()) != 0) {
        if (errno == ENOENT) return success();
        return Error{"cannot remove " + path + ": " + std::strerror(errno)};
    }
    return sync_parent_folder(path);
}

} // namespace accred
