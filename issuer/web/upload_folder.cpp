#include "upload_folder.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace accred {

Outcome<UploadFolder> UploadFolder::create() {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "accred-upload-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) // mkdtemp makes it 0700
        return Error{"cannot make a temporary folder in " + base.string() + ": " +
                     std::strerror(errno)};
    return UploadFolder(pattern);
}

UploadFolder::~UploadFolder() {
    if (path_.empty()) return;
    std::error_code ignored; // nothing to do about it here; the folder is private
    std::filesystem::remove_all(path_, ignored);
}

Status UploadFolder::write(const std::string& sub, const std::string& name,
                           std::string_view bytes) {
    if (!upload_name_problem(name).empty()) return Error{"not a plain file name: " + name};
    std::filesystem::path dir = sub.empty() ? path_ : path_ / sub;
    std::error_code ec;
    std::filesystem::create_directory(dir, ec);
    if (ec) return Error{"cannot make " + dir.string() + ": " + ec.message()};
    const std::string file = (dir / name).string();
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return Error{"cannot write " + name + ": " + std::strerror(errno)};
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            return Error{"cannot write " + name + ": " + why};
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return Error{"cannot write " + name + ": " + std::strerror(errno)};
    return success();
}

std::string upload_name_problem(std::string_view name) {
    if (name.empty()) return "upload_name_empty";
    if (name.size() > 255) return "upload_name_long";
    if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
        return "upload_name_folder";
    if (name.front() == '.') return "upload_name_dot";
    for (unsigned char ch : name)
        if (ch < 0x20 || ch == 0x7f) return "upload_name_control";
    return "";
}

} // namespace accred
