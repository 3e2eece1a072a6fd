#include "issuer/export_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace accred {

Outcome<ExportFile> ExportFile::create(const std::string& path, unsigned mode,
                                       Overwrite overwrite) {
    if (auto s = check_output_path(path, overwrite); !s) return s.error();
    const std::string part = path + ".part";
    (void)::unlink(part.c_str()); // left by an export that was interrupted
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return Error{"cannot create " + part + ": " + std::strerror(errno)};
    return ExportFile(path, fd, overwrite);
}

ExportFile::ExportFile(ExportFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)),
      overwrite_(other.overwrite_) {}

ExportFile::~ExportFile() {
    give_up();
}

void ExportFile::give_up() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    (void)::unlink((path_ + ".part").c_str());
}

Status ExportFile::write(std::span<const std::uint8_t> bytes) {
    if (fd_ < 0) return Error{"cannot write " + path_ + ": already closed"};
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{"cannot write " + path_ + ": " + std::strerror(errno)};
        done += static_cast<std::size_t>(n);
    }
    return success();
}

Status ExportFile::finish_as(const std::string& final_path) {
    if (fd_ < 0) return Error{"cannot finish " + path_ + ": already closed"};
    const std::string part = path_ + ".part";
    if (::fsync(fd_) != 0) {
        const int e = errno;
        give_up();
        return Error{"cannot flush " + part + ": " + std::strerror(e)};
    }
    ::close(fd_);
    fd_ = -1;
    if (overwrite_ == Overwrite::replace) return install_file(part, final_path);
    // link, not rename: an existing file of that name (made meanwhile) is never replaced.
    const bool linked = ::link(part.c_str(), final_path.c_str()) == 0;
    const int link_errno = errno;
    (void)::unlink(part.c_str());
    if (!linked && link_errno == EEXIST) return file_exists_error(final_path);
    if (!linked) return Error{"cannot create " + final_path + ": " + std::strerror(link_errno)};
    return success();
}

} // namespace accred
