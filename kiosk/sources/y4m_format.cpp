#include "y4m_format.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace accred {
namespace {

constexpr std::string_view kMagic = "YUV4MPEG2";
constexpr int kMaxRateTerm = 1'000'000;

bool parse_int(std::string_view text, int& out) {
    if (text.empty() || text.size() > 9) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

// "N:D" with both terms in 0..kMaxRateTerm.
bool parse_ratio(std::string_view text, int& num, int& den) {
    const auto colon = text.find(':');
    return colon != std::string_view::npos && parse_int(text.substr(0, colon), num) &&
           parse_int(text.substr(colon + 1), den) && num <= kMaxRateTerm && den <= kMaxRateTerm;
}

// Bytes of the planes after luma, or false for a colour space we do not read.
bool chroma_bytes(std::string_view cs, std::size_t w, std::size_t h, std::size_t& out) {
    const std::size_t half_w = (w + 1) / 2, half_h = (h + 1) / 2;
    if (cs == "420jpeg" || cs == "420paldv" || cs == "420mpeg2" || cs == "420")
        out = 2 * half_w * half_h;
    else if (cs == "411")
        out = 2 * ((w + 3) / 4) * h;
    else if (cs == "422")
        out = 2 * half_w * h;
    else if (cs == "444")
        out = 2 * w * h;
    else if (cs == "444alpha")
        out = 3 * w * h;
    else if (cs == "mono")
        out = 0;
    else
        return false;
    return true;
}

} // namespace

std::int64_t Y4mFormat::frame_time_us(std::uint64_t index) const {
    // double keeps this simple and exact enough: 2^53 us is 285 years of video.
    const double us = static_cast<double>(index) * 1e6 * rate_den / rate_num;
    // With a crafted rate (F1:1000000, a frame per 11.6 days) it passes int64 after 9.2 million
    // frames, 64 MB of 1x1 frames; converting that double is undefined behaviour, so saturate
    // (at 2^62 us, 146 000 years).
    constexpr double kMaxUs = 4611686018427387904.0; // 2^62
    return us < kMaxUs ? static_cast<std::int64_t>(us) : std::int64_t{1} << 62;
}

Outcome<Y4mFormat> parse_y4m_header(std::string_view line) {
    if (line.substr(0, kMagic.size()) != kMagic)
        return Error{"not a YUV4MPEG2 stream (it does not start with YUV4MPEG2)"};
    line.remove_prefix(kMagic.size());
    if (line.size() > kMaxY4mLine) return Error{"YUV4MPEG2 header too long"};

    Y4mFormat f;
    std::string seen;
    while (!line.empty()) {
        if (line.front() != ' ') return Error{"malformed YUV4MPEG2 header (expected a space)"};
        line.remove_prefix(1);
        const std::string_view token = line.substr(0, line.find(' '));
        line.remove_prefix(token.size());
        if (token.empty()) return Error{"malformed YUV4MPEG2 header (empty parameter)"};
        const char tag = token.front();
        const std::string_view value = token.substr(1);
        if (tag != 'X' && seen.find(tag) != std::string::npos)
            return Error{std::string("YUV4MPEG2 header repeats parameter ") + tag};
        seen.push_back(tag);
        bool good = true;
        int ignored_num = 0, ignored_den = 0;
        switch (tag) {
        case 'W':
            good = parse_int(value, f.width);
            break;
        case 'H':
            good = parse_int(value, f.height);
            break;
        case 'F':
            good = parse_ratio(value, f.rate_num, f.rate_den);
            break;
        case 'A':
            good = parse_ratio(value, ignored_num, ignored_den);
            break;
        case 'I':
            good = value.size() == 1 &&
                   std::string_view("ptbm?").find(value[0]) != std::string_view::npos;
            break;
        case 'C':
            f.colour_space = std::string(value);
            break;
        case 'X':
            break; // extensions (ffmpeg writes XYSCSS=..., XCOLORRANGE=...) carry nothing we need
        default:
            return Error{std::string("unknown YUV4MPEG2 header parameter ") + tag};
        }
        if (!good) return Error{"bad YUV4MPEG2 header parameter '" + std::string(token) + "'"};
    }
    if (f.width <= 0 || f.height <= 0)
        return Error{"YUV4MPEG2 header lacks a frame size (W and H)"};
    if (f.width > kMaxY4mSide || f.height > kMaxY4mSide)
        return Error{"YUV4MPEG2 frame size " + std::to_string(f.width) + "x" +
                     std::to_string(f.height) + " is too large (at most " +
                     std::to_string(kMaxY4mSide) + " per side)"};
    if (f.rate_num == 0 || f.rate_den == 0) { // 0:0 means unknown
        f.rate_num = 30;
        f.rate_den = 1;
    }
    const auto w = static_cast<std::size_t>(f.width), h = static_cast<std::size_t>(f.height);
    f.luma_bytes = w * h;
    if (!chroma_bytes(f.colour_space, w, h, f.chroma_bytes))
        return Error{"unsupported YUV4MPEG2 colour space C" + f.colour_space +
                     " (8-bit 420, 422, 444 or mono only)"};
    return f;
}

bool is_y4m_frame_line(std::string_view line) {
    constexpr std::string_view kFrame = "FRAME";
    if (line.substr(0, kFrame.size()) != kFrame || line.size() > kMaxY4mLine) return false;
    line.remove_prefix(kFrame.size());
    // Frame parameters are allowed and ignored, but each is a space and a non-empty token.
    while (!line.empty()) {
        if (line.front() != ' ' || line.size() < 2 || line[1] == ' ') return false;
        line.remove_prefix(1);
        line.remove_prefix(std::min(line.size(), line.find(' ')));
    }
    return true;
}

} // namespace accred
