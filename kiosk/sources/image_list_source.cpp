#include "image_list_source.h"

#include "scan/grey_image.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace accred {
namespace {

namespace fs = std::filesystem;

bool has_image_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

Status add_directory(const std::string& dir, std::vector<std::string>& out) {
    std::error_code ec;
    std::vector<std::string> found;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && has_image_extension(it->path()))
            found.push_back(it->path().string());
    }
    if (ec) return Error{"cannot list " + dir + ": " + ec.message()};
    // Byte order of the names, not the directory's order, so a run is reproducible.
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
    return success();
}

} // namespace

Outcome<std::unique_ptr<ImageListSource>>
ImageListSource::open(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        const fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st)) return Error{"image source " + path + " does not exist"};
        if (fs::is_directory(st)) {
            if (auto added = add_directory(path, files); !added) return added.error();
        } else {
            files.push_back(path);
        }
    }
    if (files.empty()) return Error{"no PNG or JPEG images found in the image source"};
    return std::unique_ptr<ImageListSource>(new ImageListSource(std::move(files)));
}

Outcome<std::optional<Frame>> ImageListSource::next() {
    if (cancelled_ || position_ >= files_.size()) return std::optional<Frame>();
    const std::size_t index = position_++;
    auto image = load_grey_image(files_[index]);
    if (!image) return image.error();
    Frame frame;
    frame.width = image->width;
    frame.height = image->height;
    frame.grey = std::move(image->pixels);
    frame.index = index;
    frame.captured_us =
        static_cast<std::int64_t>(index) *
        std::chrono::duration_cast<std::chrono::microseconds>(kFrameSpacing).count();
    return std::optional<Frame>(std::move(frame));
}

std::string ImageListSource::describe() const {
    if (files_.size() == 1) return "image " + files_.front();
    return std::to_string(files_.size()) + " images from " + files_.front();
}

} // namespace accred
