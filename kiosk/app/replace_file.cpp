#include "replace_file.h"

#include "crypto/file_io.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace accred {

Status remove_file_durably(const std::string& path) {
    if (::unlink(path.c_str()) != 0) {
        if (errno == ENOENT) return success();
        return Error{"cannot remove " + path + ": " + std::strerror(errno)};
    }
    return sync_parent_folder(path);
}

} // namespace accred
