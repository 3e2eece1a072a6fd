// The print log in desk.db: each badge the desk printed, to a printer queue or handed to a
// browser to print, with who did it (docs/desk-web.md, "Printing").
#pragma once

#include "crypto/outcome.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

struct PrintRecord {
    std::int64_t seq = 0; // set by desk.db
    std::int64_t at = 0;
    std::string holder;
    std::uint32_t issue = 0; // the credential's issue printed
    std::string operator_name;
    std::string destination; // the CUPS queue, or "browser" for a PDF handed to the page
    std::string job;         // the CUPS job id; empty for the browser
};

inline constexpr const char* kBrowserPrintDestination = "browser";

[[nodiscard]] Status record_print(Database& db, const PrintRecord& record);
// The newest first, at most limit; only holder's when holder is not empty.
Outcome<std::vector<PrintRecord>> print_records(Database& db, const std::string& holder,
                                                std::size_t limit);

} // namespace accred
