#include "csv_writer.h"

namespace accred {

std::string CsvWriter::field(const std::string& value) {
    std::string v = value;
    // Spreadsheets execute such cells; holder ids and details come from logs handed in.
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t'))
        v.insert(v.begin(), '\'');
    const bool quote = v.find_first_of(",\"\r\n") != std::string::npos ||
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
