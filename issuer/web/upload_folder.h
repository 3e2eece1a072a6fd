// Files uploaded to the web desk (a roster and its photos) are read by the same code as files on
// disk (issuer roster import): they are saved into a private temporary folder first, readable
// only by the desk's user and removed afterwards whatever happens.
#pragma once

#include "crypto/outcome.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace accred {

class UploadFolder {
  public:
    // A new folder (mkdtemp, mode 0700) under the system's temporary folder.
    static Outcome<UploadFolder> create();
    UploadFolder(UploadFolder&& other) noexcept : path_(std::move(other.path_)) {
        other.path_.clear();
    }
    UploadFolder& operator=(UploadFolder&&) = delete;
    // Removes the folder and everything in it.
    ~UploadFolder();

    const std::filesystem::path& path() const { return path_; }
    // Writes bytes as the new file path()/sub/name (mode 0600), making sub when needed. name must
    // pass upload_name_problem; an existing file is an Error, never overwritten.
    Status write(const std::string& sub, const std::string& name, std::string_view bytes);

  private:
    explicit UploadFolder(std::filesystem::path path) : path_(std::move(path)) {}
    std::filesystem::path path_;
};

// Why an uploaded file's name cannot be saved as it is, as a text key of the roster page
// ("upload_name_folder": it holds a folder, "upload_name_dot": a dot file or "." / "..",
// "upload_name_empty", "upload_name_long": over 255 bytes, "upload_name_control"), or "" when
// it is a plain file name.
std::string upload_name_problem(std::string_view name);

} // namespace accred
