// The accreditation journal in desk.db: withdrawals for cause and reinstatements, kept for ever.
// A person is withdrawn while their newest journal row is a withdrawal.
#include "desk.h"

#include "event/utc_time.h"

namespace accred {
namespace {

// The withdrawals in force: each holder's newest row, when it is a withdrawal.
constexpr const char* kWithdrawalsInForce =
    "SELECT j.holder, j.reason, j.at, j.by FROM accreditation_journal j "
    "WHERE j.action = 'withdrawn' AND j.seq = "
    "(SELECT MAX(n.seq) FROM accreditation_journal n WHERE n.holder = j.holder)";

Withdrawal withdrawal_from_row(const Statement& q) {
    return {q.column_text(0), q.column_text(1), static_cast<std::uint64_t>(q.column_int(2)),
            q.column_text(3)};
}

Status add_journal_row(Database& db, const std::string& holder, const char* action,
                       const std::string& reason, std::uint64_t now, const std::string& by) {
    auto q = db.prepare("INSERT INTO accreditation_journal(holder, action, reason, at, by) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q) return q.error();
    q->bind(1, holder).bind(2, std::string_view(action)).bind(3, reason);
    return q->bind(4, static_cast<std::int64_t>(now)).bind(5, by).run();
}

Error journal_error(const Error& e) {
    return Error{"desk.db: cannot read the accreditation journal: " + e.message};
}

} // namespace

std::string withdrawn_notice(const Withdrawal& w, const std::string& consequence) {
    return w.holder + " is withdrawn (" + w.reason + ", " + format_utc_time(w.at) + "): " +
           consequence + "; `issuer reinstate " + w.holder +
           " --reason ...` to accredit again";
}

Outcome<bool> Desk::withdraw(const std::string& holder, const std::string& reason,
                             std::uint64_t now, const std::string& by) {
    auto current = withdrawal(holder);
    if (!current) return current.error();
    if (current.value()) return false;
    if (auto s = add_journal_row(db_, holder, "withdrawn", reason, now, by); !s) return s.error();
    return true;
}

Status Desk::reinstate(const std::string& holder, const std::string& reason, std::uint64_t now,
                       const std::string& by) {
    auto current = withdrawal(holder);
    if (!current) return current.error();
    if (!current.value()) return Error{holder + " is not withdrawn; there is nothing to reinstate"};
    return add_journal_row(db_, holder, "reinstated", reason, now, by);
}

Outcome<std::optional<Withdrawal>> Desk::withdrawal(const std::string& holder) {
    auto q = db_.prepare(std::string(kWithdrawalsInForce) + " AND j.holder = ?1");
    if (!q) return q.error();
    q->bind(1, holder);
    std::optional<Withdrawal> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out = withdrawal_from_row(r); }); !s)
        return journal_error(s.error());
    return out;
}

Outcome<std::map<std::string, Withdrawal>> Desk::withdrawals() {
    auto q = db_.prepare(kWithdrawalsInForce);
    if (!q) return q.error();
    std::map<std::string, Withdrawal> out;
    Status read = for_each_row(*q, [&](Statement& r) {
        Withdrawal w = withdrawal_from_row(r);
        out.emplace(w.holder, std::move(w));
    });
    if (!read) return journal_error(read.error());
    return out;
}

Outcome<std::vector<AccreditationChange>>
Desk::accreditation_history(const std::string& holder) {
    auto q = db_.prepare("SELECT seq, holder, action, reason, at, by FROM accreditation_journal "
                         "WHERE holder = ?1 ORDER BY seq");
    if (!q) return q.error();
    q->bind(1, holder);
    std::vector<AccreditationChange> out;
    Status read = for_each_row(*q, [&](Statement& r) {
        out.push_back({r.column_int(0), r.column_text(1), r.column_text(2), r.column_text(3),
                       static_cast<std::uint64_t>(r.column_int(4)), r.column_text(5)});
    });
    if (!read) return journal_error(read.error());
    return out;
}

} // namespace accred
