// Frames from a YUV4MPEG2 stream: a file, or standard input fed by e.g.
//   ffmpeg -f v4l2 -i /dev/video0 -pix_fmt gray -f yuv4mpegpipe -
#pragma once

#include "kiosk/sources/cancel_signal.h"
#include "kiosk/sources/fd_reader.h"
#include "kiosk/sources/frame_source.h"
#include "kiosk/sources/y4m_format.h"

#include <memory>
#include <string>
#include <vector>

namespace accred {

class Y4mSource final : public FrameSource {
  public:
    // Opens path ("-" = standard input) and reads the stream header, so a file that is not
    // YUV4MPEG2 fails here rather than at the first frame.
    static Outcome<std::unique_ptr<Y4mSource>> open(const std::string& path);

    // Reads from fd, which the source closes at the end when owns_fd. name is for messages.
    static Outcome<std::unique_ptr<Y4mSource>> from_fd(int fd, bool owns_fd, std::string name);

    ~Y4mSource() override;
    Y4mSource(const Y4mSource&) = delete;
    Y4mSource& operator=(const Y4mSource&) = delete;

    // Each frame's luma plane; chroma is read and dropped. A stream that ends cleanly after a
    // frame gives nullopt; a truncated frame or anything but a FRAME line is an error, and so is
    // every call after it.
    Outcome<std::optional<Frame>> next() override;
    std::string describe() const override;
    void cancel() override { cancel_.raise(); }

    const Y4mFormat& format() const { return format_; }

  private:
    Y4mSource(int fd, bool owns_fd, std::string name);
    Status read_header();

    int fd_;
    bool owns_fd_;
    std::string name_;
    CancelSignal cancel_;
    FdReader reader_;
    Y4mFormat format_;
    std::vector<std::uint8_t> chroma_; // scratch for the planes we skip
    std::uint64_t index_ = 0;
    std::optional<Error> failed_; // once set, the stream is over
    bool ended_ = false;
};

} // namespace accred
