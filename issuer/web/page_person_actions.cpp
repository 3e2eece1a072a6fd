// The actions of a person's page, each a POST from its form (CSRF checked by web_desk.cpp), each
// calling the library function the matching issuer command calls (cmd_issue.cpp) and each a row
// in the operator journal: issue, reissue, revoke (revoke_for_cause), withdraw, reinstate.
#include "issuer/issuance.h"
#include "issuer/web/person_page.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

// The reason field, or nullopt once the page has been shown again asking for it.
std::optional<std::string> required_reason(WebCall& c, const Person& p, const std::string& form) {
    std::string reason = c.param("reason");
    const auto first = reason.find_first_not_of(" \t\r\n");
    reason = first == std::string::npos ? "" : reason.substr(first);
    reason.erase(reason.find_last_not_of(" \t\r\n") + 1);
    if (!reason.empty()) return reason;
    show_person(c, p, {person_text(c, "reason_required"), form, ""}, 422);
    return std::nullopt;
}

// The withdrawal in force, shown as the refusal of form with the CLI's wording
// (withdrawn_notice); false when p is accredited (or the page already answered 500).
bool refused_as_withdrawn(WebCall& c, const Person& p, const std::string& form,
                          const std::string& consequence) {
    auto w = c.desk().withdrawal(p.id);
    if (!w) {
        c.fail(500, w.error().message);
        return true;
    }
    if (!w.value()) return false;
    show_person(c, p, {withdrawn_notice(*w.value(), consequence), form, c.param("reason")}, 409);
    return true;
}

// Journals what was done and sends the browser back to the page with the result.
void done(WebCall& c, const Person& p, JournalAction action, const std::string& detail,
          const std::string& what) {
    if (auto s = c.journal(action, p.id, detail); !s) return c.fail(500, s.error().message);
    c.redirect(person_done_url(p.id, what));
}

void do_issue(WebCall& c) {
    auto p = person_from_path(c);
    if (!p || refused_as_withdrawn(c, *p, "issue", "not issued")) return;
    auto result = issue_credentials(c.desk(), c.shared.key, {p->id},
                                    static_cast<std::uint64_t>(c.now()), nullptr);
    if (!result) return show_person(c, *p, {result.error().message, "issue", ""}, 409);
    // Withdrawn or issued by another desk since the check: say what happened.
    if (!result->withdrawn.empty())
        return show_person(
            c, *p, {withdrawn_notice(result->withdrawn[0], "not issued"), "issue", ""}, 409);
    if (result->issued.empty()) return c.redirect(person_done_url(p->id, "already"));
    done(c, *p, JournalAction::issue, result->issued[0], "issued");
}

void do_reissue(WebCall& c) {
    auto p = person_from_path(c);
    if (!p || refused_as_withdrawn(c, *p, "reissue", "not reissued")) return;
    auto reason = required_reason(c, *p, "reissue");
    if (!reason) return;
    auto fresh = reissue_credential(c.desk(), c.shared.key, p->id, *reason,
                                    static_cast<std::uint64_t>(c.now()));
    if (!fresh) return show_person(c, *p, {fresh.error().message, "reissue", *reason}, 409);
    done(c, *p, JournalAction::reissue, "issue " + std::to_string(fresh->issue) + ": " + *reason,
         "reissued");
}

void do_revoke(WebCall& c) {
    auto p = person_from_path(c);
    if (!p) return;
    auto reason = required_reason(c, *p, "revoke");
    if (!reason) return;
    auto result = revoke_for_cause(c.desk(), {p->id}, *reason, static_cast<std::uint64_t>(c.now()),
                                   web_actor(c));
    if (!result) return show_person(c, *p, {result.error().message, "revoke", *reason}, 409);
    done(c, *p, JournalAction::revoke, *reason, "revoked");
}

// Withdrawing someone who has no valid badge (never issued, or revoked without withdrawal):
// with a badge, revoke does both at once.
void do_withdraw(WebCall& c) {
    auto p = person_from_path(c);
    if (!p) return;
    auto reason = required_reason(c, *p, "withdraw");
    if (!reason) return;
    auto latest = c.desk().latest_credential(p->id);
    if (!latest) return c.fail(500, latest.error().message);
    if (latest.value() && !latest.value()->revoked_reason)
        return show_person(c, *p, {person_text(c, "has_valid_badge"), "withdraw", *reason}, 409);
    auto newly =
        c.desk().withdraw(p->id, *reason, static_cast<std::uint64_t>(c.now()), web_actor(c));
    if (!newly) return c.fail(500, newly.error().message);
    if (!newly.value()) return c.redirect(person_done_url(p->id, "withdrawn"));
    done(c, *p, JournalAction::withdraw, *reason, "withdrawn");
}

void do_reinstate(WebCall& c) {
    auto p = person_from_path(c);
    if (!p) return;
    auto reason = required_reason(c, *p, "reinstate");
    if (!reason) return;
    auto w = c.desk().withdrawal(p->id);
    if (!w) return c.fail(500, w.error().message);
    if (!w.value())
        return show_person(c, *p, {person_text(c, "not_withdrawn"), "reinstate", *reason}, 409);
    if (auto s =
            c.desk().reinstate(p->id, *reason, static_cast<std::uint64_t>(c.now()), web_actor(c));
        !s)
        return show_person(c, *p, {s.error().message, "reinstate", *reason}, 409);
    done(c, *p, JournalAction::reinstate, *reason + " (withdrawn for: " + w.value()->reason + ")",
         "reinstated");
}

} // namespace

std::vector<WebRoute> person_action_routes() {
    using M = WebRoute::Method;
    const auto issue = Permission::issue_badges;
    const auto revoke = Permission::revoke_badges;
    return {
        {M::post, R"(/person/([^/]+)/issue)", issue, false, do_issue},
        {M::post, R"(/person/([^/]+)/reissue)", issue, false, do_reissue},
        {M::post, R"(/person/([^/]+)/revoke)", revoke, false, do_revoke},
        {M::post, R"(/person/([^/]+)/withdraw)", revoke, false, do_withdraw},
        {M::post, R"(/person/([^/]+)/reinstate)", revoke, false, do_reinstate},
    };
}

} // namespace accred
