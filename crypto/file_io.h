// Small, careful file operations shared by the tools.
#pragma once

#include "outcome.h"
#include "secret_buffer.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace accred {

// The overwrite policy of every command that writes an output file (docs/cli-conventions.md):
// an existing file is refused unless the command was given --force, and then it is replaced
// atomically (replace_file). Keys and other secrets are never replaced, --force or not.
enum class Overwrite { refuse, replace };

// The one refusal for an output file in the way, worded the same by every command:
// "PATH exists; add --force to replace it", or, for a file no option replaces (a key, say),
// "PATH exists and is never replaced; move it away first".
Error file_exists_error(const std::string& path, bool force_helps = true);

// Refuses, with file_exists_error, when something (a symlink too) is at path and overwrite is
// refuse; success when nothing is there or the caller may replace it. Checked before long work
// so that a refusal costs nothing.
[[nodiscard]] Status check_output_path(const std::string& path, Overwrite overwrite);

// Writes an output file: with refuse, as write_new_file but refusing with the --force wording;
// with replace, through replace_file (the old file stays whole until the new one is complete).
Status write_output_file(const std::string& path, std::span<const std::uint8_t> bytes,
                         unsigned mode, Overwrite overwrite);

// Writes bytes to path + ".new" (fsync'ed, mode), renames it over path and fsyncs the folder so
// the rename itself survives a power cut. On failure the old file stays in force: whoever reads
// path sees the old file or the new one, never half of one.
Status replace_file(const std::string& path, std::span<const std::uint8_t> bytes,
                    unsigned mode = 0644);

// Puts a finished, fsync'ed file (temp, beside path) in place of path: rename, then fsync the
// folder. temp is removed when the rename fails.
Status install_file(const std::string& temp, const std::string& path);

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
