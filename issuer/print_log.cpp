#include "print_log.h"

namespace accred {

Status record_print(Database& db, const PrintRecord& r) {
    auto q = db.prepare("INSERT INTO print_log(at, holder, issue, operator, destination, job) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q) return q.error();
    return q->bind(1, r.at)
        .bind(2, r.holder)
        .bind(3, static_cast<std::int64_t>(r.issue))
        .bind(4, r.operator_name)
        .bind(5, r.destination)
        .bind(6, r.job)
        .run();
}

Outcome<std::vector<PrintRecord>> print_records(Database& db, const std::string& holder,
                                                std::size_t limit) {
    auto q = db.prepare("SELECT seq, at, holder, issue, operator, destination, job FROM "
                        "print_log WHERE (?1 = '' OR holder = ?1) ORDER BY seq DESC LIMIT ?2");
    if (!q) return q.error();
    q->bind(1, holder).bind(2, static_cast<std::int64_t>(limit));
    std::vector<PrintRecord> out;
    auto s = for_each_row(q.value(), [&](Statement& row) {
        PrintRecord r;
        r.seq = row.column_int(0);
        r.at = row.column_int(1);
        r.holder = row.column_text(2);
        r.issue = static_cast<std::uint32_t>(row.column_int(3));
        r.operator_name = row.column_text(4);
        r.destination = row.column_text(5);
        r.job = row.column_text(6);
        out.push_back(std::move(r));
    });
    if (!s) return s.error();
    return out;
}

} // namespace accred
