// A file written a piece at a time and put in place only when complete: written under a
// temporary name (created exclusively), flushed to disk, then linked to its name, which must
// not exist, or (Overwrite::replace, a command's --force) renamed over it. A file given up (or
// not finished) leaves nothing behind, and never a half-written file under its name.
#pragma once

#include "crypto/file_io.h"
#include "crypto/outcome.h"

#include <cstdint>
#include <span>
#include <string>

namespace accred {

class ExportFile {
  public:
    // Creates path + ".part" (mode); refuses when path exists, unless overwrite is replace.
    static Outcome<ExportFile> create(const std::string& path, unsigned mode = 0644,
                                      Overwrite overwrite = Overwrite::refuse);
    ExportFile(ExportFile&& other) noexcept;
    ExportFile& operator=(ExportFile&&) = delete;
    ExportFile(const ExportFile&) = delete;
    ExportFile& operator=(const ExportFile&) = delete;
    ~ExportFile(); // gives up an unfinished file

    [[nodiscard]] Status write(std::span<const std::uint8_t> bytes);
    // Flushes and links the file to its name; an Error (nothing left) when either fails.
    [[nodiscard]] Status finish() { return finish_as(path_); }
    // The same, linked to final_path instead (a name known only once the content is written).
    [[nodiscard]] Status finish_as(const std::string& final_path);
    const std::string& path() const { return path_; }

  private:
    ExportFile(std::string path, int fd, Overwrite overwrite)
        : path_(std::move(path)), fd_(fd), overwrite_(overwrite) {}
    void give_up();

    std::string path_;
    int fd_ = -1;
    Overwrite overwrite_ = Overwrite::refuse;
};

} // namespace accred
