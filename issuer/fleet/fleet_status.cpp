#include "fleet_status.h"

#include <algorithm>
#include <limits>

namespace accred {

namespace {

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (!__builtin_add_overflow(a, b, &r)) return r;
    return b > 0 ? std::numeric_limits<std::int64_t>::max()
                 : std::numeric_limits<std::int64_t>::min();
}

std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (!__builtin_sub_overflow(a, b, &r)) return r;
    return b < 0 ? std::numeric_limits<std::int64_t>::max()
                 : std::numeric_limits<std::int64_t>::min();
}

} // namespace

Outcome<std::vector<FleetKioskStatus>> fleet_status(Database& db, std::int64_t real_now) {
    auto q = db.prepare(
        "SELECT k.kiosk_id, k.gate, w.withdrawn_at, "
        "(SELECT max(not_after) FROM fleet_certificates f WHERE f.kiosk_id = k.kiosk_id), "
        "c.last_contact, c.acked_seq, c.log_seq, c.bundle_version, c.revocations_version, "
        "c.revocations_issued_at, c.kiosk_time, c.simulated_time, c.desk_time, "
        "(SELECT count(*) FROM fleet_forks x WHERE x.kiosk_id = k.kiosk_id) "
        "FROM kiosks k LEFT JOIN fleet_withdrawn w ON w.kiosk_id = k.kiosk_id "
        "LEFT JOIN fleet_contact c ON c.kiosk_id = k.kiosk_id ORDER BY k.gate, k.kiosk_id");
    if (!q) return q.error();
    std::vector<FleetKioskStatus> out;
    Status read = for_each_row(*q, [&](Statement& r) {
        FleetKioskStatus s;
        s.kiosk_id = r.column_text(0);
        s.gate = r.column_text(1);
        if (!r.column_is_null(2)) s.withdrawn_at = r.column_int(2);
        if (!r.column_is_null(3)) s.certificate_expires = r.column_int(3);
        if (!r.column_is_null(4)) {
            const std::int64_t last = r.column_int(4);
            s.last_contact = last;
            s.rows_at_desk = static_cast<std::uint64_t>(r.column_int(5));
            s.log_seq = static_cast<std::uint64_t>(r.column_int(6));
            s.bundle_version = static_cast<std::uint64_t>(r.column_int(7));
            s.revocations_version = static_cast<std::uint64_t>(r.column_int(8));
            s.revocations_issued_at = static_cast<std::uint64_t>(r.column_int(9));
            s.simulated_time = r.column_int(11) != 0;
            const std::int64_t desk_time = r.column_int(12);
            // The kiosk's clock and list time are what it reported: any 64-bit value. Worked
            // out with saturation, so a nonsense value shows as nonsense, not as overflow.
            s.clock_offset = saturating_sub(r.column_int(10), desk_time);
            s.revocations_age = saturating_sub(
                saturating_add(desk_time, saturating_sub(real_now, last)),
                static_cast<std::int64_t>(std::min<std::uint64_t>(
                    s.revocations_issued_at,
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))));
        }
        s.forks = static_cast<std::uint64_t>(r.column_int(13));
        if (s.withdrawn_at)
            s.state = "withdrawn";
        else if (!s.last_contact)
            s.state = "never seen";
        else
            s.state = real_now - *s.last_contact < kOnlineWithinSeconds ? "online" : "offline";
        out.push_back(std::move(s));
    });
    if (!read) return read.error();
    return out;
}

} // namespace accred
