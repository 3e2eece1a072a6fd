#include "y4m_source.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {

Outcome<std::unique_ptr<Y4mSource>> Y4mSource::open(const std::string& path) {
    if (path == "-") return from_fd(STDIN_FILENO, false, "standard input");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{"cannot open " + path + ": " + std::strerror(errno)};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return Error{path + " is a directory, not a YUV4MPEG2 file"};
    }
    return from_fd(fd, true, path);
}

Outcome<std::unique_ptr<Y4mSource>> Y4mSource::from_fd(int fd, bool owns_fd, std::string name) {
    std::unique_ptr<Y4mSource> source(new Y4mSource(fd, owns_fd, std::move(name)));
    if (auto header = source->read_header(); !header) return header.error();
    return source;
}

Y4mSource::Y4mSource(int fd, bool owns_fd, std::string name)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)), reader_(fd, cancel_) {}

Y4mSource::~Y4mSource() {
    if (owns_fd_) ::close(fd_);
}

Status Y4mSource::read_header() {
    std::string line;
    switch (reader_.read_line(line, kMaxY4mLine)) {
    case FdReader::Result::ok:
        break;
    case FdReader::Result::end:
        return Error{name_ + " is empty, not a YUV4MPEG2 stream"};
    case FdReader::Result::error:
        return Error{name_ + ": " + reader_.error_text()};
    case FdReader::Result::cancelled:
        return Error{name_ + ": cancelled"};
    default:
        return Error{name_ + " is not a YUV4MPEG2 stream (no header line)"};
    }
    auto format = parse_y4m_header(line);
    if (!format) return Error{name_ + ": " + format.error().message};
    format_ = *format;
    chroma_.resize(format_.chroma_bytes);
    return success();
}

Outcome<std::optional<Frame>> Y4mSource::next() {
    if (failed_) return *failed_;
    if (ended_) return std::optional<Frame>();
    const std::string where = name_ + ", frame " + std::to_string(index_);
    auto fail = [&](const std::string& what) -> Outcome<std::optional<Frame>> {
        failed_ = Error{where + ": " + what};
        return *failed_;
    };

    std::string line;
    switch (reader_.read_line(line, kMaxY4mLine)) {
    case FdReader::Result::ok:
        break;
    case FdReader::Result::end:
        ended_ = true;
        return std::optional<Frame>();
    case FdReader::Result::cancelled:
        ended_ = true;
        return std::optional<Frame>();
    case FdReader::Result::error:
        return fail(reader_.error_text());
    case FdReader::Result::truncated:
        return fail("truncated frame header");
    case FdReader::Result::too_long:
        return fail("garbage where a FRAME header was expected");
    }
    if (!is_y4m_frame_line(line)) return fail("garbage where a FRAME header was expected");

    Frame frame;
    frame.width = format_.width;
    frame.height = format_.height;
    frame.grey.resize(format_.luma_bytes);
    frame.index = index_;
    frame.captured_us = format_.frame_time_us(index_);
    FdReader::Result got = reader_.read_exact(frame.grey.data(), frame.grey.size());
    if (got == FdReader::Result::ok && !chroma_.empty())
        got = reader_.read_exact(chroma_.data(), chroma_.size());
    switch (got) {
    case FdReader::Result::ok:
        break;
    case FdReader::Result::cancelled:
        ended_ = true;
        return std::optional<Frame>();
    case FdReader::Result::error:
        return fail(reader_.error_text());
    default:
        return fail("truncated frame (the stream ends inside it; each frame is " +
                    std::to_string(format_.frame_bytes()) + " bytes)");
    }
    ++index_;
    return std::optional<Frame>(std::move(frame));
}

std::string Y4mSource::describe() const {
    return "YUV4MPEG2 " + name_ + " (" + std::to_string(format_.width) + "x" +
           std::to_string(format_.height) + ", " + std::to_string(format_.rate_num) + "/" +
           std::to_string(format_.rate_den) + " fps, C" + format_.colour_space + ")";
}

} // namespace accred
