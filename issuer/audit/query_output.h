// How the audit's queries print: CSV by default (RFC 4180), JSON with --json; times in the
// event's time zone with the offset, plus UTC seconds in JSON for scripts.
#pragma once

#include "issuer/audit/anomalies.h"
#include "issuer/audit/audit_queries.h"

#include <ostream>
#include <string>
#include <vector>

namespace accred {

void print_rows(std::ostream& out, const std::string& tz, const std::vector<EntryRecord>& rows,
                bool json);
void print_occupants(std::ostream& out, const std::string& tz, const std::string& zone,
                     std::int64_t at, const std::vector<Occupant>& occupants, bool json);
void print_anomalies(std::ostream& out, const std::string& tz,
                     const std::vector<Anomaly>& anomalies, bool json);

} // namespace accred
