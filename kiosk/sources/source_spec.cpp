#include "source_spec.h"

#include <charconv>
#include <string_view>

namespace accred {
namespace {

constexpr const char* kForms =
    "expected v4l2:/dev/videoN, y4m:PATH, y4m:-, images:PATH[,PATH...] or wedge[:PATH]";

// A positive decimal of at most 5 digits with nothing else around it.
bool parse_side(std::string_view text, int& out) {
    if (text.empty() || text.size() > 5) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

Outcome<SourceSpec> parse_v4l2(std::string_view rest, const std::string& spec) {
    SourceSpec out;
    out.kind = SourceSpec::Kind::v4l2;
    std::string_view device = rest;
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        device = rest.substr(0, at);
        const std::string_view size = rest.substr(at + 1);
        const auto x = size.find('x');
        if (x == std::string_view::npos || !parse_side(size.substr(0, x), out.width) ||
            !parse_side(size.substr(x + 1), out.height) || out.width > 8192 || out.height > 8192)
            return Error{"bad camera size in source '" + spec + "': expected @WIDTHxHEIGHT, " +
                         "e.g. v4l2:/dev/video0@1280x720"};
    }
    if (device.empty())
        return Error{"source '" + spec + "' names no camera device, e.g. v4l2:/dev/video0"};
    out.paths.emplace_back(device);
    return out;
}

Outcome<SourceSpec> parse_images(std::string_view rest, const std::string& spec) {
    SourceSpec out;
    out.kind = SourceSpec::Kind::images;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view path = rest.substr(0, comma);
        if (path.empty())
            return Error{"source '" + spec + "' has an empty image path; expected " +
                         "images:PATH[,PATH...]"};
        out.paths.emplace_back(path);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

} // namespace

Outcome<SourceSpec> parse_source_spec(const std::string& spec) {
    const std::string_view text = spec;
    const auto colon = text.find(':');
    const std::string_view kind = text.substr(0, colon);
    const bool has_rest = colon != std::string_view::npos;
    const std::string_view rest = has_rest ? text.substr(colon + 1) : std::string_view{};

    if (kind == "v4l2") return parse_v4l2(rest, spec);
    if (kind == "images") return parse_images(rest, spec);
    if (kind == "y4m") {
        if (rest.empty())
            return Error{"source '" + spec + "' names no file: use y4m:PATH, or y4m:- for " +
                         "standard input"};
        return SourceSpec{SourceSpec::Kind::y4m, {std::string(rest)}, 0, 0};
    }
    if (kind == "wedge") {
        if (has_rest && rest.empty())
            return Error{"source '" + spec + "' names no input: use wedge, or wedge:PATH"};
        return SourceSpec{SourceSpec::Kind::wedge, {has_rest ? std::string(rest) : "-"}, 0, 0};
    }
    if (spec.empty()) return Error{std::string("no frame source given: ") + kForms};
    return Error{"unknown source '" + spec + "': " + kForms};
}

} // namespace accred
