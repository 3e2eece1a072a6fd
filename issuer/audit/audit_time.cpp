#include "audit_time.h"

#include "event/local_time.h"

namespace accred {

std::string format_audit_time(const ResolvedZone& tz, std::int64_t utc) {
    // Without the zone, still true rather than nothing: the UTC instant with "+00:00".
    return format_utc_as_local_seconds(tz, utc).value_or(std::to_string(utc));
}

std::string format_audit_time(const std::string& tz, std::int64_t utc) {
    return format_audit_time(ResolvedZone::resolve_or_unknown(tz), utc);
}

} // namespace accred
