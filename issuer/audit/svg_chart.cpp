#include "svg_chart.h"

#include "issuer/audit/html_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace accred {
namespace {

constexpr double kWidth = 720;
constexpr double kHeight = 250;
constexpr double kLeft = 48;
constexpr double kRight = 12;
constexpr double kTop = 12;
constexpr double kBottom = 46;

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

// 1, 2 or 5 times a power of ten, at least v (and at least 1).
double round_up(double v) {
    if (v <= 1) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v) return m * p;
    return 10 * p;
}

std::string open_svg(double width, double height) {
    return "<svg viewBox=\"0 0 " + num(width) + " " + num(height) +
           "\" width=\"100%\" role=\"img\" font-family=\"DejaVu Sans, sans-serif\" "
           "font-size=\"10\">";
}

} // namespace

std::string chart_colour(std::size_t i) {
    static const char* palette[] = {"#1f4e9c", "#c0392b", "#1e8449", "#b9770e", "#6c3483",
                                    "#117a8b", "#7b241c", "#515a5a", "#d35400", "#2e86c1"};
    return palette[i % (sizeof palette / sizeof palette[0])];
}

std::string svg_line_chart(const std::vector<std::string>& labels,
                           const std::vector<ChartSeries>& series, bool step,
                           const std::string& y_title) {
    double top = 0;
    for (const auto& s : series)
        for (double v : s.values)
            top = std::max(top, v);
    top = round_up(top);
    const double plot_w = kWidth - kLeft - kRight;
    const double plot_h = kHeight - kTop - kBottom;
    const std::size_t n = std::max<std::size_t>(labels.size(), 1);
    const auto x = [&](std::size_t i) {
        return kLeft + plot_w * (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    };
    const auto y = [&](double v) { return kTop + plot_h * (1 - v / top); };
    std::string svg = open_svg(kWidth, kHeight);
    for (int t = 0; t <= 4; ++t) { // grid and y labels
        const double v = top * t / 4;
        svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" +
               num(y(v)) + "\" y2=\"" + num(y(v)) + "\" stroke=\"#ccc\" stroke-width=\"0.5\"/>";
        svg += "<text x=\"" + num(kLeft - 4) + "\" y=\"" + num(y(v) + 3) +
               "\" text-anchor=\"end\">" + num(v).substr(0, num(v).size() - 2) + "</text>";
    }
    svg += "<text x=\"10\" y=\"" + num(kTop + plot_h / 2) + "\" transform=\"rotate(-90 10 " +
           num(kTop + plot_h / 2) + ")\" text-anchor=\"middle\">" + html_escape(y_title) +
           "</text>";
    const std::size_t every = std::max<std::size_t>(1, (labels.size() + 11) / 12);
    for (std::size_t i = 0; i < labels.size(); i += every)
        svg += "<text x=\"" + num(x(i)) + "\" y=\"" + num(kHeight - kBottom + 12) +
               "\" text-anchor=\"end\" transform=\"rotate(-30 " + num(x(i)) + " " +
               num(kHeight - kBottom + 12) + ")\">" + html_escape(labels[i]) + "</text>";
    for (std::size_t s = 0; s < series.size(); ++s) {
        std::string points;
        const auto& v = series[s].values;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (step && i > 0) points += num(x(i)) + "," + num(y(v[i - 1])) + " ";
            points += num(x(i)) + "," + num(y(v[i])) + " ";
        }
        svg += "<polyline fill=\"none\" stroke=\"" + chart_colour(s) +
               "\" stroke-width=\"1.6\" points=\"" + points + "\"/>";
    }
    svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kLeft) + "\" y1=\"" + num(kTop) +
           "\" y2=\"" + num(kTop + plot_h) + "\" stroke=\"#333\"/>";
    return svg + "</svg>";
}

std::string svg_bar_chart(const std::vector<std::pair<std::string, double>>& bars,
                          const std::string& x_title) {
    constexpr double kLabel = 170;
    constexpr double kRow = 18;
    const double height =
        kTop + kRow * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 30;
    double top = 0;
    for (const auto& [label, v] : bars)
        top = std::max(top, v);
    top = round_up(top);
    const double plot_w = kWidth - kLabel - kRight - 40;
    std::string svg = open_svg(kWidth, height);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double y = kTop + kRow * static_cast<double>(i);
        const double w = plot_w * bars[i].second / top;
        svg += "<text x=\"" + num(kLabel - 6) + "\" y=\"" + num(y + 12) +
               "\" text-anchor=\"end\">" + html_escape(bars[i].first) + "</text>";
        svg += "<rect x=\"" + num(kLabel) + "\" y=\"" + num(y + 3) + "\" width=\"" + num(w) +
               "\" height=\"" + num(kRow - 6) + "\" fill=\"" + chart_colour(1) + "\"/>";
        svg += "<text x=\"" + num(kLabel + w + 4) + "\" y=\"" + num(y + 12) + "\">" +
               num(bars[i].second).substr(0, num(bars[i].second).size() - 2) + "</text>";
    }
    if (bars.empty())
        svg += "<text x=\"" + num(kLabel) + "\" y=\"" + num(kTop + 12) + "\">none</text>";
    svg += "<text x=\"" + num(kLabel + plot_w / 2) + "\" y=\"" + num(height - 8) +
           "\" text-anchor=\"middle\">" + html_escape(x_title) + "</text>";
    return svg + "</svg>";
}

std::string html_legend(const std::vector<ChartSeries>& series) {
    std::string out = "<p class=\"legend\">";
    for (std::size_t i = 0; i < series.size(); ++i)
        out += "<span><i style=\"background:" + chart_colour(i) + "\"></i>" +
               html_escape(series[i].name) + "</span> ";
    return out + "</p>";
}

} // namespace accred
