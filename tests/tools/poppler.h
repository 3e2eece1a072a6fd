// Looking at a PDF as a printer would, with poppler's command-line tools (Debian poppler-utils):
// page sizes (pdfinfo), pages as PNG (pdftoppm), text and word boxes (pdftotext). Header-only, for
// the badge tests. Paths are passed in single quotes: they must not contain one.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace accred::test {

// A command's standard output, or nullopt when it cannot start or exits non-zero.
inline std::optional<std::string> run_command(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    if (pclose(pipe) != 0) return std::nullopt;
    return out;
}

// Rasterises every page of pdf at dpi into dir (greyscale PNG) and returns the files in page
// order; nullopt when pdftoppm fails.
inline std::optional<std::vector<std::string>> rasterise_pdf(const std::string& pdf,
                                                             const std::string& dir, int dpi) {
    const std::string prefix = (std::filesystem::path(dir) / "page").string();
    if (!run_command("pdftoppm -r " + std::to_string(dpi) + " -gray -png '" + pdf + "' '" + prefix +
                     "'"))
        return std::nullopt;
    std::vector<std::string> pages;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().starts_with("page-")) pages.push_back(entry.path());
    std::sort(pages.begin(), pages.end()); // pdftoppm zero-pads the page numbers
    return pages;
}

// A rectangle in PDF points, from the top-left corner of its page.
struct PdfBox {
    double x0 = 0;
    double y0 = 0;
    double x1 = 0;
    double y1 = 0;
    std::string text; // the word, for pdf_words
};

// The MediaBox of every page, as pdfinfo reports it (two decimals).
inline std::optional<std::vector<PdfBox>> pdf_media_boxes(const std::string& pdf) {
    const auto info = run_command("pdfinfo -box -f 1 -l 100000 '" + pdf + "'");
    if (!info) return std::nullopt;
    const std::regex line(R"(Page +\d+ MediaBox: +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+))");
    std::vector<PdfBox> boxes;
    for (std::sregex_iterator it(info->begin(), info->end(), line), end; it != end; ++it)
        boxes.push_back({std::stod((*it)[1]),
                         std::stod((*it)[2]),
                         std::stod((*it)[3]),
                         std::stod((*it)[4]),
                         {}});
    return boxes;
}

// Every word pdftotext finds, with its bounding box (the font's ascent to descent).
inline std::optional<std::vector<PdfBox>> pdf_words(const std::string& pdf) {
    const auto html = run_command("pdftotext -bbox '" + pdf + "' -");
    if (!html) return std::nullopt;
    const std::regex word(
        R"rx(xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<)rx");
    std::vector<PdfBox> words;
    for (std::sregex_iterator it(html->begin(), html->end(), word), end; it != end; ++it)
        words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                         std::stod((*it)[4]), (*it)[5]});
    return words;
}

} // namespace accred::test
