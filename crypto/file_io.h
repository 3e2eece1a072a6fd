// Small, careful file operations shared by the tools.
#pragma once

#include "outcome.h"
#include "secret_buffer.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace accred {

// Creates path with the given mode and writes bytes, refusing to overwrite anything: O_EXCL so an
// existing file (or a planted one) is an error, O_NOFOLLOW so a symlink is never followed. The data
// is fsync'ed before returning. On a failed write the partial file is removed.
Status write_new_file(const std::string& path, std::span<const std::uint8_t> bytes, unsigned mode);

// fsync()s the folder that holds path, so that a file just created or renamed there is still
// there after a power cut (fsync of the file itself does not make its name durable).
Status sync_parent_folder(const std::string& path);

// Whether reading a path may follow a symbolic link in its last component.
enum class Symlinks { follow, refuse };
// Reads a whole regular file of at most max_bytes. Larger files, directories, FIFOs and devices
// (refused without waiting for a writer), unreadable paths and, with Symlinks::refuse, a
// symbolic link are errors naming the path.
Outcome<std::string> read_small_file(const std::string& path, std::size_t max_bytes,
                                     Symlinks symlinks = Symlinks::follow);

// As read_small_file, into wiped memory: for passphrase files.
Outcome<SecretBuffer> read_secret_file(const std::string& path, std::size_t max_bytes);

inline std::span<const std::uint8_t> as_bytes(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

} // namespace accred
