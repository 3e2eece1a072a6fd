// The audit report as one self-contained HTML file: inline CSS and SVG, no scripts, no external
// references, laid out for A4 print.
#pragma once

#include "issuer/audit/report_data.h"

#include <string>

namespace accred {

// The whole page: verification first, then entries per hour per gate, denials by reason,
// occupancy of each zone, the anomalies (at most max_anomalies listed) and each kiosk's checkpoint
// status, and the desk's operator journal when the data has it. Every text from the logs and the
// journal is escaped.
std::string report_html(const ReportData& data, std::size_t max_anomalies = 300);

} // namespace accred
