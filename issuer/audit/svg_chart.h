// Small inline SVG charts for the audit report: no scripts, no external references, readable
// in print (thin strokes, dark text, a legend in words).
#pragma once

#include <string>
#include <vector>

namespace accred {

struct ChartSeries {
    std::string name;
    std::vector<double> values; // one per x label
};

// The colour of series i (a fixed palette that stays distinct in greyscale print).
std::string chart_colour(std::size_t i);

// Lines over labelled x positions (stepped when step is true, for occupancy), with a y axis
// from 0 to a round maximum. Every series must have labels.size() values.
std::string svg_line_chart(const std::vector<std::string>& labels,
                           const std::vector<ChartSeries>& series, bool step,
                           const std::string& y_title);

// Horizontal bars, one per (label, value), largest first as given.
std::string svg_bar_chart(const std::vector<std::pair<std::string, double>>& bars,
                          const std::string& x_title);

// A legend: a colour square and the series name for each series.
std::string html_legend(const std::vector<ChartSeries>& series);

} // namespace accred
