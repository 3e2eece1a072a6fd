#include "file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {
namespace {

std::string describe_errno(const std::string& path, const char* action) {
    return std::string("cannot ") + action + " " + path + ": " + std::strerror(errno);
}

// Opens path for reading and checks it is a regular file of at most max_bytes.
// O_NONBLOCK: opening a FIFO (or a device) would otherwise wait for a writer for ever; a regular
// file ignores the flag. With Symlinks::refuse the last component may not be a symbolic link
// (a roster's photo must be the file in the photos folder, not whatever a link points to).
Outcome<int> open_bounded(const std::string& path, std::size_t max_bytes, std::size_t& size,
                          Symlinks symlinks = Symlinks::follow) {
    const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                      (symlinks == Symlinks::refuse ? O_NOFOLLOW : 0);
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0 && errno == ELOOP && symlinks == Symlinks::refuse)
        return Error{path + " is a symbolic link, not a file"};
    if (fd < 0) return Error{describe_errno(path, "open")};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        Error e{describe_errno(path, "inspect")};
        ::close(fd);
        return e;
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return Error{path + " is not a regular file"};
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return Error{path + " is too large (" + std::to_string(st.st_size) + " bytes; at most " +
                     std::to_string(max_bytes) + " expected)"};
    }
    size = static_cast<std::size_t>(st.st_size);
    return fd;
}

// Reads exactly size bytes (fewer if the file shrank); returns the count or -1.
ssize_t read_fully(int fd, std::uint8_t* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, out + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

} // namespace

Status write_new_file(const std::string& path, std::span<const std::uint8_t> bytes, unsigned mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          static_cast<mode_t>(mode));
    if (fd < 0) {
        if (errno == EEXIST) return file_exists_error(path, false);
        return Error{describe_errno(path, "create")};
    }
    // The umask may have removed bits but can never add any; fchmod pins the exact mode.
    bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
    std::size_t done = 0;
    while (ok && done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            ok = false;
        else
            done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    Error failure{describe_errno(path, "write")};
    ok = (::close(fd) == 0) && ok;
    if (!ok) {
        ::unlink(path.c_str());
        return failure;
    }
    if (auto synced = sync_parent_folder(path); !synced) {
        ::unlink(path.c_str());
        return synced;
    }
    return success();
}

Error file_exists_error(const std::string& path, bool force_helps) {
    if (force_helps) return Error{path + " exists; add --force to replace it"};
    return Error{path + " exists and is never replaced; move it away first"};
}

Status check_output_path(const std::string& path, Overwrite overwrite) {
    struct stat st {};
    if (overwrite == Overwrite::refuse && ::lstat(path.c_str(), &st) == 0)
        return file_exists_error(path);
    return success();
}

Status write_output_file(const std::string& path, std::span<const std::uint8_t> bytes,
                         unsigned mode, Overwrite overwrite) {
    if (auto s = check_output_path(path, overwrite); !s) return s;
    if (overwrite == Overwrite::replace) return replace_file(path, bytes, mode);
    auto written = write_new_file(path, bytes, mode);
    // Made between the check and the write: still the one wording.
    if (!written && ::access(path.c_str(), F_OK) == 0) return file_exists_error(path);
    return written;
}

Status replace_file(const std::string& path, std::span<const std::uint8_t> bytes, unsigned mode) {
    const std::string tmp = path + ".new";
    ::unlink(tmp.c_str()); // a leftover of a cut write; O_EXCL below refuses anything else there
    if (auto s = write_new_file(tmp, bytes, mode); !s) return s;
    return install_file(tmp, path);
}

Status install_file(const std::string& temp, const std::string& path) {
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const Error failure{describe_errno(path, "replace")};
        ::unlink(temp.c_str());
        return failure;
    }
    // The rename is durable only once the folder is: without this a power cut may bring back
    // the old file.
    if (auto s = sync_parent_folder(path); !s)
        return Error{path + " is in place but may not survive a power cut (" + s.error().message +
                     ")"};
    return success();
}

Status sync_parent_folder(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "."
                               : slash == 0               ? "/"
                                                          : path.substr(0, slash);
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Error{describe_errno(folder, "open")};
    const bool ok = ::fsync(fd) == 0;
    Error failure{describe_errno(folder, "sync")};
    ::close(fd);
    if (!ok) return failure;
    return success();
}

Outcome<std::string> read_small_file(const std::string& path, std::size_t max_bytes,
                                     Symlinks symlinks) {
    std::size_t size = 0;
    auto fd = open_bounded(path, max_bytes, size, symlinks);
    if (!fd) return fd.error();
    std::string data(size, '\0');
    const ssize_t n = read_fully(fd.value(), reinterpret_cast<std::uint8_t*>(data.data()), size);
    Error failure{describe_errno(path, "read")};
    ::close(fd.value());
    if (n < 0) return failure;
    data.resize(static_cast<std::size_t>(n));
    return data;
}

Outcome<SecretBuffer> read_secret_file(const std::string& path, std::size_t max_bytes) {
    std::size_t size = 0;
    auto fd = open_bounded(path, max_bytes, size);
    if (!fd) return fd.error();
    SecretBuffer data(size);
    const ssize_t n = read_fully(fd.value(), data.data(), size);
    Error failure{describe_errno(path, "read")};
    ::close(fd.value());
    if (n < 0) return failure;
    data.truncate(static_cast<std::size_t>(n));
    return data;
}

} // namespace accred
