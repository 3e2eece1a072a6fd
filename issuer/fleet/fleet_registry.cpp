#include "fleet_registry.h"

#include <algorithm>

namespace accred {

Outcome<std::optional<FleetKiosk>> find_fleet_kiosk(Database& db, const std::string& kiosk_id) {
    auto q = db.prepare("SELECT k.public_key, k.gate, w.withdrawn_at FROM kiosks k "
                        "LEFT JOIN fleet_withdrawn w ON w.kiosk_id = k.kiosk_id "
                        "WHERE k.kiosk_id = ?1");
    if (!q) return q.error();
    q->bind(1, kiosk_id);
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<FleetKiosk>{};
    FleetKiosk k;
    k.kiosk_id = kiosk_id;
    const std::string key = q->column_blob(0);
    if (key.size() != k.key.bytes.size())
        return Error{"desk.db: the key of kiosk " + kiosk_id + " is damaged"};
    std::copy(key.begin(), key.end(), k.key.bytes.begin());
    k.gate = q->column_text(1);
    if (!q->column_is_null(2)) k.withdrawn_at = q->column_int(2);
    return std::optional<FleetKiosk>{std::move(k)};
}

Outcome<std::set<std::string>> admitted_kiosk_ids(Database& db) {
    auto q = db.prepare("SELECT kiosk_id FROM kiosks WHERE kiosk_id NOT IN "
                        "(SELECT kiosk_id FROM fleet_withdrawn)");
    if (!q) return q.error();
    std::set<std::string> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out.insert(r.column_text(0)); }); !s)
        return s.error();
    return out;
}

Outcome<std::set<std::string>> withdrawn_kiosk_ids(Database& db) {
    auto q = db.prepare("SELECT kiosk_id FROM fleet_withdrawn");
    if (!q) return q.error();
    std::set<std::string> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out.insert(r.column_text(0)); }); !s)
        return s.error();
    return out;
}

Status record_certificate(Database& db, const std::string& serial_hex, const std::string& kiosk_id,
                          const std::string& gate, std::int64_t not_before, std::int64_t not_after,
                          std::int64_t signed_at) {
    auto q = db.prepare("INSERT INTO fleet_certificates(serial, kiosk_id, gate, not_before, "
                        "not_after, signed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q) return q.error();
    q->bind(1, serial_hex).bind(2, kiosk_id).bind(3, gate).bind(4, not_before);
    return q->bind(5, not_after).bind(6, signed_at).run();
}

Outcome<bool> withdraw_kiosk(Database& db, const std::string& kiosk_id, std::int64_t now) {
    auto kiosk = find_fleet_kiosk(db, kiosk_id);
    if (!kiosk) return kiosk.error();
    if (!kiosk.value())
        return Error{"no kiosk " + kiosk_id + " is registered at this desk (issuer fleet list)"};
    if (kiosk.value()->withdrawn_at) return false;
    auto q = db.prepare("INSERT INTO fleet_withdrawn(kiosk_id, withdrawn_at) VALUES (?1, ?2) "
                        "ON CONFLICT(kiosk_id) DO NOTHING");
    if (!q) return q.error();
    if (auto s = q->bind(1, kiosk_id).bind(2, now).run(); !s) return s.error();
    return true;
}

} // namespace accred
