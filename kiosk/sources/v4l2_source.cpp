#include "v4l2_source.h"

#include "kiosk/sources/v4l2_luma.h"
#include "kiosk/sources/y4m_format.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {
namespace {

using Clock = std::chrono::steady_clock;

// ioctl through libv4l2, retried when a signal interrupts it.
int xioctl(int fd, unsigned long request, void* arg) {
    int r = 0;
    do {
        r = v4l2_ioctl(fd, request, arg);
    } while (r == -1 && errno == EINTR);
    return r;
}

std::string errno_text() {
    return std::strerror(errno);
}

std::int64_t now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
        .count();
}

// Opens device with plain system calls and checks it is a streaming capture device before
// libv4l2 sees it, so a wrong path gets a clear message instead of libv4l2's log lines.
Outcome<int> open_capture_device(const std::string& device, std::string& card) {
    struct stat st {};
    if (::stat(device.c_str(), &st) != 0)
        return Error{"cannot open camera " + device + ": " + errno_text()};
    if (!S_ISCHR(st.st_mode)) return Error{device + " is not a camera (not a video device node)"};
    const int fd = ::open(device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return Error{"cannot open camera " + device + ": " + errno_text()};
    v4l2_capability cap{};
    if (::ioctl(fd, VIDIOC_QUERYCAP, &cap) != 0) {
        ::close(fd);
        return Error{device + " is not a V4L2 video device"};
    }
    const std::uint32_t caps =
        (cap.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? cap.device_caps : cap.capabilities;
    std::string problem;
    if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0)
        // USB cameras usually have a second node for metadata that cannot capture.
        problem = device + " cannot capture video (try the camera's other /dev/video node)";
    else if ((caps & V4L2_CAP_STREAMING) == 0)
        problem = device + " does not support streaming capture";
    if (!problem.empty()) {
        ::close(fd);
        return Error{problem};
    }
    card.assign(reinterpret_cast<const char*>(cap.card),
                strnlen(reinterpret_cast<const char*>(cap.card), sizeof cap.card));
    if (v4l2_fd_open(fd, 0) < 0) {
        ::close(fd);
        return Error{"libv4l2 cannot use camera " + device + ": " + errno_text()};
    }
    return fd;
}

} // namespace

Outcome<std::unique_ptr<V4l2Source>> V4l2Source::open(const std::string& device,
                                                      const V4l2Options& options) {
    if (options.width <= 0 || options.height <= 0 || options.width > kMaxY4mSide ||
        options.height > kMaxY4mSide || options.fps <= 0 || options.buffers < 2 ||
        options.buffers > 32 || options.frame_timeout.count() <= 0)
        return Error{"bad camera settings for " + device};
    std::unique_ptr<V4l2Source> source(new V4l2Source(device, options));
    if (auto started = source->start(); !started) return started.error();
    return source;
}

V4l2Source::~V4l2Source() {
    stop_streaming();
}

Status V4l2Source::start() {
    auto fd = open_capture_device(device_, card_);
    if (!fd) return fd.error();
    fd_ = *fd;
    Status status = negotiate_format();
    if (status) status = start_streaming();
    if (!status) stop_streaming();
    return status;
}

Status V4l2Source::negotiate_format() {
    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = static_cast<std::uint32_t>(options_.width);
    fmt.fmt.pix.height = static_cast<std::uint32_t>(options_.height);
    fmt.fmt.pix.field = V4L2_FIELD_ANY;
    // A camera that sends grey natively needs no conversion at all; anything else is asked for
    // YUV 4:2:0, which libv4l2 can make from YUYV, MJPEG and the rest, and whose first plane is
    // the luma. The driver may still answer with another format: extract_luma reads several.
    fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_GREY;
    v4l2_format tried = fmt;
    if (xioctl(fd_, VIDIOC_TRY_FMT, &tried) != 0 || tried.fmt.pix.pixelformat != V4L2_PIX_FMT_GREY)
        fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
    if (xioctl(fd_, VIDIOC_S_FMT, &fmt) != 0)
        return Error{"camera " + device_ + " refuses the capture format: " + errno_text()};
    const v4l2_pix_format& pix = fmt.fmt.pix;
    if (!has_luma_reader(pix.pixelformat))
        return Error{"camera " + device_ + " delivers " + fourcc_text(pix.pixelformat) +
                     ", which cannot be turned into grey"};
    if (pix.width == 0 || pix.height == 0 || pix.width > kMaxY4mSide || pix.height > kMaxY4mSide)
        return Error{"camera " + device_ + " reports an unusable frame size"};
    fourcc_ = pix.pixelformat;
    width_ = static_cast<int>(pix.width);
    height_ = static_cast<int>(pix.height);
    stride_ = pix.bytesperline;

    // The frame rate is a wish: many drivers ignore it or lower it in poor light.
    v4l2_streamparm parm{};
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_G_PARM, &parm) == 0 &&
        (parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME) != 0) {
        parm.parm.capture.timeperframe.numerator = 1;
        parm.parm.capture.timeperframe.denominator = static_cast<std::uint32_t>(options_.fps);
        (void)xioctl(fd_, VIDIOC_S_PARM, &parm);
    }
    return success();
}

Status V4l2Source::start_streaming() {
    v4l2_requestbuffers req{};
    req.count = options_.buffers;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_REQBUFS, &req) != 0)
        return Error{"camera " + device_ + " cannot allocate buffers: " + errno_text()};
    if (req.count < 2) return Error{"camera " + device_ + " gave too few buffers"};
    for (std::uint32_t i = 0; i < req.count; ++i) {
        v4l2_buffer buf{};
        buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buf.memory = V4L2_MEMORY_MMAP;
        buf.index = i;
        if (xioctl(fd_, VIDIOC_QUERYBUF, &buf) != 0)
            return Error{"camera " + device_ + " buffer query failed: " + errno_text()};
        void* start =
            v4l2_mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buf.m.offset);
        if (start == MAP_FAILED)
            return Error{"cannot map camera " + device_ + " buffers: " + errno_text()};
        buffers_.push_back({start, buf.length});
        if (xioctl(fd_, VIDIOC_QBUF, &buf) != 0)
            return Error{"camera " + device_ + " buffer queueing failed: " + errno_text()};
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_STREAMON, &type) != 0)
        return Error{"camera " + device_ + " does not start: " + errno_text()};
    streaming_ = true;
    return success();
}

void V4l2Source::stop_streaming() {
    if (fd_ < 0) return;
    if (streaming_) {
        int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        (void)xioctl(fd_, VIDIOC_STREAMOFF, &type);
        streaming_ = false;
    }
    for (const Mapping& m : buffers_)
        v4l2_munmap(m.start, m.length);
    buffers_.clear();
    v4l2_close(fd_);
    fd_ = -1;
}

Outcome<std::optional<Frame>> V4l2Source::next() {
    if (cancel_.raised()) return std::optional<Frame>();
    if (fd_ < 0) {
        // Unplugged earlier: a replugged camera usually comes back under the same node.
        if (auto started = start(); !started)
            return Error{"camera lost: " + started.error().message};
    }
    const auto deadline = Clock::now() + options_.frame_timeout;
    while (!cancel_.raised()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        // poll() rather than select(): same readiness, no FD_SETSIZE limit on descriptor numbers.
        pollfd fds[2] = {{fd_, POLLIN, 0}, {cancel_.fd(), POLLIN, 0}};
        const int ready = ::poll(fds, cancel_.fd() >= 0 ? 2 : 1,
                                 static_cast<int>(std::min<long long>(left.count(), 250)));
        if (ready < 0 && errno != EINTR) return Error{"camera lost: " + errno_text()};
        if (ready <= 0 || fds[0].revents == 0) continue;
        auto frame = dequeue();
        if (!frame || frame->has_value()) return frame;
    }
    if (cancel_.raised()) return std::optional<Frame>();
    return Error{"camera lost: no picture from " + device_ + " for " +
                 std::to_string(options_.frame_timeout.count()) + " ms"};
}

// One DQBUF: a frame, nullopt when nothing was ready after all, or an error.
Outcome<std::optional<Frame>> V4l2Source::dequeue() {
    v4l2_buffer buf{};
    buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buf.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_DQBUF, &buf) != 0) {
        if (errno == EAGAIN) return std::optional<Frame>();
        // EIO is a passing fault (the V4L2 spec: "temporary problems like signal loss").
        if (errno == EIO) return Error{"camera " + device_ + " reports an I/O error"};
        const std::string why = errno == ENODEV ? "disconnected" : errno_text();
        stop_streaming();
        return Error{"camera lost: " + device_ + " " + why};
    }
    Frame frame;
    Status copied = success();
    if (buf.index >= buffers_.size()) {
        copied = Error{"camera " + device_ + " returned an unknown buffer"};
    } else if ((buf.flags & V4L2_BUF_FLAG_ERROR) == 0) {
        const Mapping& m = buffers_[buf.index];
        const std::size_t used = buf.bytesused != 0 ? buf.bytesused : m.length;
        const V4l2ImageView view{static_cast<const std::uint8_t*>(m.start),
                                 std::min(used, m.length),
                                 fourcc_,
                                 width_,
                                 height_,
                                 stride_};
        copied = extract_luma(view, frame.grey);
    }
    const bool corrupt = (buf.flags & V4L2_BUF_FLAG_ERROR) != 0;
    // The buffer goes back to the driver before anything else, or capture would run dry.
    if (buf.index < buffers_.size() && xioctl(fd_, VIDIOC_QBUF, &buf) != 0) {
        stop_streaming();
        return Error{"camera lost: " + device_ + " cannot requeue a buffer"};
    }
    if (!copied) return copied.error();
    if (corrupt) return std::optional<Frame>(); // a damaged frame is skipped, not an error
    frame.width = width_;
    frame.height = height_;
    frame.index = index_++;
    frame.captured_us = now_us();
    return std::optional<Frame>(std::move(frame));
}

std::string V4l2Source::describe() const {
    std::string text = "V4L2 camera " + device_;
    if (!card_.empty()) text += " \"" + card_ + "\"";
    return text + " (" + std::to_string(width_) + "x" + std::to_string(height_) + " " +
           fourcc_text(fourcc_) + ")";
}

} // namespace accred
