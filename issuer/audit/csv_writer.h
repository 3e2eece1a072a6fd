// RFC 4180 CSV for the audit's query output: every field quoted when it must be.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accred {

class CsvWriter {
  public:
    explicit CsvWriter(std::ostream& out) : out_(out) {}
    // Writes one record, CRLF-terminated as RFC 4180 says. Control characters and bidi
    // overrides in a field are escaped (escape_for_terminal), so a field never holds a line
    // break; a field holding a comma, a quote or surrounding spaces is quoted with inner quotes
    // doubled; one a spreadsheet would run as a formula (starting with = + - or @) gets a
    // leading apostrophe.
    void row(const std::vector<std::string>& fields);
    // The single field as it would be written.
    static std::string field(const std::string& value);

  private:
    std::ostream& out_;
};

} // namespace accred
