#include "y4m_writer.h"

#include <cerrno>
#include <cstring>

namespace accred::test {

void Y4mWriter::FileCloser::operator()(std::FILE* f) const {
    if (f != stdout) std::fclose(f);
}

Y4mWriter::Y4mWriter(std::FILE* file, std::string path, int width, int height)
    : file_(file), path_(std::move(path)), width_(width), height_(height),
      chroma_(2 * static_cast<std::size_t>((width + 1) / 2) *
                  static_cast<std::size_t>((height + 1) / 2),
              128) {}

Outcome<Y4mWriter> Y4mWriter::create(const std::string& path, int width, int height, int fps) {
    if (width <= 0 || height <= 0 || width > 8192 || height > 8192 || fps <= 0)
        return Error{"bad Y4M frame size or rate"};
    std::FILE* f = path == "-" ? stdout : std::fopen(path.c_str(), "wbx");
    if (f == nullptr) return Error{"cannot create " + path + ": " + std::strerror(errno)};
    Y4mWriter writer(f, path, width, height);
    if (std::fprintf(f, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420\n", width, height, fps) < 0)
        return Error{"cannot write " + path};
    return writer;
}

Status Y4mWriter::write_frame(const std::vector<std::uint8_t>& grey) {
    if (grey.size() != static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_))
        return Error{"frame size does not match the stream"};
    if (std::fputs("FRAME\n", file_.get()) < 0 ||
        std::fwrite(grey.data(), 1, grey.size(), file_.get()) != grey.size() ||
        std::fwrite(chroma_.data(), 1, chroma_.size(), file_.get()) != chroma_.size())
        return Error{"cannot write " + path_ + ": " + std::strerror(errno)};
    return success();
}

Status Y4mWriter::close() {
    if (!file_) return success();
    const bool flushed = std::fflush(file_.get()) == 0;
    std::FILE* f = file_.release();
    const bool closed = f == stdout || std::fclose(f) == 0;
    if (!flushed || !closed) return Error{"cannot finish writing " + path_};
    return success();
}

} // namespace accred::test
