#include "operator_journal.h"

#include <array>
#include <utility>

namespace accred {
namespace {

constexpr std::array<std::pair<JournalAction, std::string_view>, 17> kNames{{
    {JournalAction::login, "login"},
    {JournalAction::login_refused, "login refused"},
    {JournalAction::logout, "logout"},
    {JournalAction::session_expired, "session expired"},
    {JournalAction::register_person, "register"},
    {JournalAction::upload_roster, "upload roster"},
    {JournalAction::issue, "issue"},
    {JournalAction::reissue, "reissue"},
    {JournalAction::revoke, "revoke"},
    {JournalAction::reinstate, "reinstate"},
    {JournalAction::print, "print"},
    {JournalAction::download_badge, "download badge"},
    {JournalAction::export_bundle, "export bundle"},
    {JournalAction::export_revocations, "export revocations"},
    {JournalAction::view_evacuation_list, "view evacuation list"},
    {JournalAction::view_audit_report, "view audit report"},
    {JournalAction::withdraw, "withdraw"},
}};

constexpr const char* kColumns =
    "SELECT seq, at, operator, role, action, subject, detail, remote FROM operator_journal ";

OperatorAction action_from_row(const Statement& q) {
    OperatorAction a;
    a.seq = q.column_int(0);
    a.at = q.column_int(1);
    a.operator_name = q.column_text(2);
    a.role = q.column_text(3);
    // A spelling this version does not know stays visible as the subject's detail rather than
    // being dropped: the journal is evidence.
    const std::string action = q.column_text(4);
    a.action = parse_journal_action(action).value_or(JournalAction::login);
    a.subject = q.column_text(5);
    a.detail = q.column_text(6);
    if (!parse_journal_action(action)) a.detail = "[" + action + "] " + a.detail;
    a.remote = q.column_text(7);
    return a;
}

} // namespace

std::string_view journal_action_name(JournalAction action) {
    for (const auto& [a, name] : kNames)
        if (a == action) return name;
    return "unknown";
}

std::optional<JournalAction> parse_journal_action(std::string_view text) {
    for (const auto& [a, name] : kNames)
        if (name == text) return a;
    return std::nullopt;
}

Status record_operator_action(Database& db, const OperatorAction& a) {
    auto q = db.prepare("INSERT INTO operator_journal(at, operator, role, action, subject, "
                        "detail, remote) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!q) return q.error();
    return q->bind(1, a.at)
        .bind(2, a.operator_name)
        .bind(3, a.role)
        .bind(4, journal_action_name(a.action))
        .bind(5, a.subject)
        .bind(6, a.detail)
        .bind(7, a.remote)
        .run();
}

Outcome<std::vector<OperatorAction>> operator_actions(Database& db, const std::string& subject,
                                                      std::size_t limit, std::int64_t before_seq,
                                                      const std::string& operator_name) {
    auto q = db.prepare(std::string(kColumns) +
                        "WHERE (?1 = '' OR subject = ?1) AND (?2 <= 0 OR seq < ?2) "
                        "AND (?4 = '' OR operator = ?4) ORDER BY seq DESC LIMIT ?3");
    if (!q) return q.error();
    q->bind(1, subject).bind(2, before_seq).bind(3, static_cast<std::int64_t>(limit));
    q->bind(4, operator_name);
    std::vector<OperatorAction> out;
    if (auto s = for_each_row(q.value(), [&](Statement& r) { out.push_back(action_from_row(r)); });
        !s)
        return s.error();
    return out;
}

Outcome<std::vector<OperatorAction>> all_operator_actions(Database& db) {
    auto q = db.prepare(std::string(kColumns) + "ORDER BY seq");
    if (!q) return q.error();
    std::vector<OperatorAction> out;
    if (auto s = for_each_row(q.value(), [&](Statement& r) { out.push_back(action_from_row(r)); });
        !s)
        return s.error();
    return out;
}

} // namespace accred
