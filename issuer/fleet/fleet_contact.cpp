#include "fleet_contact.h"

namespace accred {

Outcome<std::optional<std::int64_t>> record_contact(Database& db, const KioskContact& c) {
    std::optional<std::int64_t> previous;
    Status done = in_transaction(db, [&]() -> Status {
        auto last = db.prepare("SELECT last_contact FROM fleet_contact WHERE kiosk_id = ?1");
        if (!last) return last.error();
        last->bind(1, c.kiosk_id);
        auto held = first_row(last.value(), [](const Statement& r) { return r.column_int(0); });
        if (!held) return held.error();
        previous = held.value();
        last->reset();
        auto put = db.prepare(
            "INSERT INTO fleet_contact(kiosk_id, first_contact, last_contact, acked_seq, log_seq, "
            "bundle_version, revocations_version, revocations_issued_at, kiosk_time, "
            "simulated_time, desk_time) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
            "ON CONFLICT(kiosk_id) DO UPDATE SET last_contact = ?2, acked_seq = ?3, "
            "log_seq = ?4, bundle_version = ?5, revocations_version = ?6, "
            "revocations_issued_at = ?7, kiosk_time = ?8, simulated_time = ?9, desk_time = ?10");
        if (!put) return put.error();
        // SQLite integers are signed: a hostile u64 above INT64_MAX is stored as its bit pattern,
        // harmless for a display.
        put->bind(1, c.kiosk_id).bind(2, c.real_time);
        put->bind(3, static_cast<std::int64_t>(c.acked_seq));
        put->bind(4, static_cast<std::int64_t>(c.log_seq));
        put->bind(5, static_cast<std::int64_t>(c.bundle_version));
        put->bind(6, static_cast<std::int64_t>(c.revocations_version));
        put->bind(7, static_cast<std::int64_t>(c.revocations_issued_at));
        put->bind(8, c.kiosk_time).bind(9, std::int64_t{c.simulated_time ? 1 : 0});
        put->bind(10, c.desk_time);
        return put->run();
    });
    if (!done) return done.error();
    return previous;
}

Status record_fork(Database& db, const std::string& kiosk_id, const RowFork& fork,
                   std::int64_t now) {
    auto q = db.prepare("INSERT INTO fleet_forks(kiosk_id, seq, held_hash, offered_hash, "
                        "first_seen, last_seen, times) VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1) "
                        "ON CONFLICT(kiosk_id, seq, offered_hash) DO UPDATE SET "
                        "last_seen = ?5, times = times + 1");
    if (!q) return q.error();
    q->bind(1, kiosk_id).bind(2, static_cast<std::int64_t>(fork.seq));
    q->bind_blob(3, fork.held).bind_blob(4, fork.offered).bind(5, now);
    return q->run();
}

Outcome<std::uint64_t> kiosk_bundle_version(Database& desk_db, const std::string& kiosk_id) {
    auto q = desk_db.prepare("SELECT bundle_version FROM fleet_contact WHERE kiosk_id = ?1");
    if (!q) return q.error();
    q->bind(1, kiosk_id);
    auto version = first_row(*q, [](Statement& r) { return r.column_int(0); });
    if (!version) return version.error();
    return static_cast<std::uint64_t>(version->value_or(0));
}

} // namespace accred
