#include "csv_writer.h"

#include "issuer/audit/terminal_text.h"

namespace accred {

std::string CsvWriter::field(const std::string& value) {
    // Printed to a terminal first of all: no control character or bidi override gets through
    // (a line break in a field could draw a line of its own).
    std::string v = escape_for_terminal(value);
    // Spreadsheets execute such cells; holder ids and details come from logs handed in.
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t'))
        v.insert(v.begin(), '\'');
    const bool quote = v.find_first_of(",\"") != std::string::npos ||
                       (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!quote) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void CsvWriter::row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i)
        out_ << (i ? "," : "") << field(fields[i]);
    out_ << "\r\n";
}

} // namespace accred
