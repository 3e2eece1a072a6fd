#include "screen_setup.h"

#include <chrono>
#include <filesystem>
#include <system_error>

namespace accred {
namespace {

// The index of the language code in the strings file; the first language when code is empty.
Outcome<std::size_t> first_language(const ScreenText& text, const std::string& code) {
    if (code.empty()) return std::size_t{0};
    for (std::size_t i = 0; i < text.language_count(); ++i)
        if (text.language_code(i) == code) return i;
    return Error{"--language " + code + " is not in the strings file"};
}

Status make_screenshot_dir(const std::string& dir) {
    if (dir.empty()) return success();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error{"cannot create " + dir + ": " + ec.message()};
    return success();
}

} // namespace

Outcome<ScreenSetup> open_screen_setup(const Gate& gate, const RunOptions& run,
                                       const ScreenOptions& options) {
    auto size = parse_window_size(options.window_size);
    if (!size)
        return Error{"--window must be WIDTHxHEIGHT between 800x480 and 3840x2160, not " +
                     options.window_size};
    auto text =
        ScreenText::load(options.assets_dir + "/kiosk/strings.toml", screen_required_keys());
    if (!text) return text.error();
    auto language = first_language(text.value(), options.language);
    if (!language) return language.error();
    size->fullscreen = options.fullscreen;
    size->title = "accred kiosk - " + gate.name;
    auto window = ScreenWindow::open(*size);
    if (!window) return window.error();
    auto painter =
        Painter::create((*window)->renderer(), {options.font_regular, options.font_bold});
    if (!painter) return painter.error();
    if (auto made = make_screenshot_dir(options.screenshot_dir); !made) return made.error();
    ScannerOptions scanner_options;
    scanner_options.debounce = std::chrono::milliseconds(run.debounce_ms);
    scanner_options.preview = true;
    auto input = open_scanner(run.source, scanner_options);
    if (!input) return input.error();
    return ScreenSetup{std::move(text).value(), language.value(), *size,
                       std::move(window).value(), std::move(painter).value(),
                       std::move(input).value()};
}

} // namespace accred
