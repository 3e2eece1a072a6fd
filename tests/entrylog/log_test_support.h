// Helpers for the entry log tests: a fixed kiosk key, typical rows, logs of n rows, raw SQL.
#pragma once

#include "crypto/public_key.h"
#include "entrylog/entry_log.h"
#include "store/sqlite_db.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <string>

namespace accred::test {

inline const SigningKey& log_kiosk_key() {
    static const SigningKey key = key_from_label("entry log test kiosk");
    return key;
}

inline std::string log_kiosk_id() {
    return fingerprint(log_kiosk_key().public_key());
}

// 2014-03-31 09:00 Europe/Brussels, the first morning of the conference.
constexpr std::int64_t kLogT0 = 1396249200;

// A granted entry with every optional field present.
inline EntryRecord granted_row(std::int64_t time, const std::string& holder = "D042") {
    EntryRecord r;
    r.time = time;
    r.gate = "G1";
    r.zone = "plenary";
    r.direction = Direction::entry;
    r.verdict = Verdict::granted;
    r.admitted = true;
    r.reason = Reason::granted_override;
    r.holder = holder;
    r.cti = std::array<std::uint8_t, 8>{0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88};
    r.issue = 2;
    r.override_by = "S01";
    r.original_reason = Reason::zone_closed;
    r.credential = "AC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B";
    return r;
}

// A denial of an unreadable code: no optional field.
inline EntryRecord malformed_row(std::int64_t time) {
    EntryRecord r;
    r.time = time;
    r.gate = "G1";
    r.zone = "plenary";
    r.direction = Direction::exit;
    r.verdict = Verdict::denied;
    r.reason = Reason::malformed;
    r.credential = std::string("not a badge\0\xff", 13);
    return r;
}

// Row i (from 1) of the standard test log: alternating kinds, one minute apart.
inline EntryRecord nth_row(int i) {
    return i % 2 ? granted_row(kLogT0 + 60 * i, "D" + std::to_string(100 + i))
                 : malformed_row(kLogT0 + 60 * i);
}

// Appends rows first..last of the standard test log.
inline void append_rows(EntryLog& log, int first, int last) {
    for (int i = first; i <= last; ++i) {
        auto r = log.append(nth_row(i));
        REQUIRE(r.ok());
    }
}

// A new log at path holding rows 1..n.
inline EntryLog make_log(const std::string& path, int n) {
    auto log = EntryLog::open(path, log_kiosk_id());
    REQUIRE(log.ok());
    append_rows(log.value(), 1, n);
    return std::move(log).value();
}

// Runs sql on a closed log as a tamperer would: the append-only triggers are dropped first.
inline void tamper(const std::string& path, const std::string& sql) {
    auto db = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(db.ok());
    auto dropped = db->exec(
        "DROP TRIGGER IF EXISTS entries_no_update; DROP TRIGGER IF EXISTS entries_no_delete; "
        "DROP TRIGGER IF EXISTS checkpoints_no_update; DROP TRIGGER IF EXISTS "
        "checkpoints_no_delete");
    REQUIRE(dropped.ok());
    auto s = db->exec(sql);
    INFO(sql << (s ? std::string() : ": " + s.error().message));
    REQUIRE(s.ok());
}

inline std::vector<EntryRecord> read_rows_or_fail(const std::string& path) {
    auto rows = read_log_rows_readonly(path);
    INFO((rows ? std::string() : rows.error().message));
    REQUIRE(rows.ok());
    return std::move(rows).value();
}

} // namespace accred::test
