// fuzz_y4m: the YUV4MPEG2 reader on a byte stream: parse_y4m_header and is_y4m_frame_line on the
// input's lines, then the real Y4mSource (header, FRAME lines, luma and chroma planes) reading the
// input from a memfd until the stream ends or fails.
// Must hold: no crash, leak or UB (frame_time_us included, at any frame index); an accepted header is within kMaxY4mSide with
// luma_bytes == width * height; every frame has exactly that many bytes; after an error every
// call is the same error.
#include "fuzz_common.h"

#include "kiosk/sources/y4m_format.h"
#include "kiosk/sources/y4m_source.h"

#include <algorithm>
#include <sys/mman.h>
#include <unistd.h>

using namespace accred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);

    // The line parsers alone, on every line (without its newline).
    std::size_t start = 0;
    for (int n = 0; start <= text.size() && n < 16; ++n) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        if (n == 0) {
            if (auto format = parse_y4m_header(line)) {
                FUZZ_CHECK(format->width > 0 && format->width <= kMaxY4mSide);
                FUZZ_CHECK(format->height > 0 && format->height <= kMaxY4mSide);
                FUZZ_CHECK(format->luma_bytes ==
                           static_cast<std::size_t>(format->width) * static_cast<std::size_t>(format->height));
                FUZZ_CHECK(format->rate_num > 0 && format->rate_den > 0);
                // Capture times never go backwards, over any index a stream can reach (a 1x1
                // mono frame is 7 bytes, so a few MB reach a million frames).
                std::int64_t last = format->frame_time_us(0);
                FUZZ_CHECK(last == 0);
                for (const std::uint64_t index : {std::uint64_t{1}, std::uint64_t{1000}, std::uint64_t{1} << 20,
                                                  std::uint64_t{1} << 40, std::uint64_t{UINT64_MAX}}) {
                    const std::int64_t t = format->frame_time_us(index);
                    FUZZ_CHECK(t >= last);
                    last = t;
                }
            }
        } else {
            (void)is_y4m_frame_line(line);
        }
        start = end + 1;
    }

    // The real source, reading a file descriptor.
    const int fd = memfd_create("fuzz-y4m", MFD_CLOEXEC);
    if (fd < 0) __builtin_trap();
    std::size_t written = 0;
    while (written < size) {
        const ssize_t n = ::write(fd, data + written, size - written);
        if (n <= 0) __builtin_trap();
        written += static_cast<std::size_t>(n);
    }
    if (::lseek(fd, 0, SEEK_SET) != 0) __builtin_trap();
    auto source = Y4mSource::from_fd(fd, true, "fuzz.y4m"); // closes fd when done
    if (!source) {
        FUZZ_CHECK(!source.error().message.empty());
        return 0;
    }
    Y4mSource& y4m = **source;
    (void)y4m.describe();
    for (;;) { // ends: every frame takes at least 7 bytes of the input
        auto frame = y4m.next();
        if (!frame) {
            auto again = y4m.next();
            FUZZ_CHECK(!again.ok() && again.error().message == frame.error().message);
            break;
        }
        if (!frame->has_value()) break;
        FUZZ_CHECK((*frame)->grey.size() == y4m.format().luma_bytes);
        FUZZ_CHECK((*frame)->width == y4m.format().width && (*frame)->height == y4m.format().height);
    }
    return 0;
}
