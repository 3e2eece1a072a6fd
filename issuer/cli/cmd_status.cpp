// issuer status: people, their badges, revocations and withdrawals, judged at a moment (the
// clock or --now), filtered as the operator asks.
#include "commands.h"
#include "crypto/hex.h"
#include "event/utc_time.h"
#include "issuer/badge_standing.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/desk_record.h"
#include "issuer/cli/text_columns.h"
#include "issuer/people_search.h"

#include <iostream>
#include <map>
#include <set>

namespace accred {
namespace {

struct StatusOptions {
    DeskOptions desk;
    std::string query; // as the web desk's search box: id, name or delegation words
    std::vector<std::string> categories;
    std::vector<std::string> delegations;
    std::vector<std::string> states;
};

// One person as status shows them: the newest badge judged at the moment asked.
struct Line {
    const Person* person = nullptr;
    std::vector<const StoredCredential*> badges; // oldest first
    std::vector<Claims> claims;                  // of each badge
    BadgeStanding standing;                      // of the newest badge, withdrawal included
    BadgeStanding own;                           // of the newest badge by itself
};

std::string validity(const Claims& c) {
    return format_utc_time(c.nbf) + " to " + format_utc_time(c.exp);
}

nlohmann::json line_json(const EventDefinition& event, const Line& l) {
    nlohmann::json badges = nlohmann::json::array();
    for (std::size_t i = 0; i < l.badges.size(); ++i) {
        const StoredCredential& c = *l.badges[i];
        badges.push_back(
            {{"issue", c.issue},
             {"cti", hex_encode(c.cti)},
             {"issued_at", format_utc_time(c.issued_at)},
             {"valid_from", format_utc_time(l.claims[i].nbf)},
             {"valid_until", format_utc_time(l.claims[i].exp)},
             {"revoked", c.revoked_reason ? nlohmann::json(*c.revoked_reason) : nullptr}});
    }
    nlohmann::json out = person_json(event, *l.person);
    out.update(standing_json(l.standing));
    const bool any = !l.badges.empty();
    out["issue"] = any ? nlohmann::json(l.badges.back()->issue) : nullptr;
    out["valid_from"] = any ? nlohmann::json(format_utc_time(l.claims.back().nbf)) : nullptr;
    out["valid_until"] = any ? nlohmann::json(format_utc_time(l.claims.back().exp)) : nullptr;
    out["badges"] = badges;
    return out;
}

// "issue 2 valid, 1 earlier revoked", "WITHDRAWN since ... (why); issue 1 REVOKED (why)".
std::string badge_text(const Line& l) {
    std::string text = l.standing.withdrawal ? standing_text(l.standing) + "; " : "";
    if (l.badges.empty()) return text + "not issued";
    text += "issue " + std::to_string(l.badges.back()->issue) + " " + standing_text(l.own);
    if (l.badges.size() > 1)
        text += ", " + std::to_string(l.badges.size() - 1) + " earlier revoked";
    if (l.own.state == BadgeState::expired || l.own.state == BadgeState::not_yet_valid)
        text += " (" + validity(l.claims.back()) + ")";
    return text;
}

// Every person with their badges, judged at `now`.
Outcome<std::vector<Line>> judge_everyone(Desk& desk, const std::vector<Person>& people,
                                          const std::vector<StoredCredential>& credentials,
                                          const std::map<std::string, Withdrawal>& withdrawn,
                                          std::uint64_t now) {
    std::map<std::string, Line> by_id;
    for (const auto& p : people)
        by_id[p.id].person = &p;
    std::vector<const StoredCredential*> known; // badges of people on the roster, in order
    for (const auto& c : credentials)
        if (by_id.contains(c.holder)) known.push_back(&c);
    auto verified = stored_claims_of(desk, known);
    if (!verified) return verified.error();
    for (std::size_t i = 0; i < known.size(); ++i) {
        Line& l = by_id[known[i]->holder];
        l.badges.push_back(known[i]);
        l.claims.push_back(std::move(verified.value()[i]));
    }
    std::vector<Line> lines;
    for (const auto& p : people) {
        Line& l = by_id[p.id];
        const auto w = withdrawn.find(p.id);
        const StoredCredential* newest = l.badges.empty() ? nullptr : l.badges.back();
        const Claims* claims = l.claims.empty() ? nullptr : &l.claims.back();
        l.standing =
            judge_badge(newest, claims, newest, w == withdrawn.end() ? nullptr : &w->second, now);
        l.own = judge_badge(newest, claims, newest, nullptr, now);
        lines.push_back(std::move(l));
    }
    return lines;
}

bool any_equal_folded(const std::vector<std::string>& wanted, const std::string& value) {
    if (wanted.empty()) return true;
    for (const auto& w : wanted)
        if (fold_for_search(w) == fold_for_search(value)) return true;
    return false;
}

// Keeps the lines that match every filter given; an unknown state or category is a usage error.
Outcome<std::vector<Line>> filter(std::vector<Line> lines, const StatusOptions& o,
                                  const EventDefinition& event) {
    std::set<BadgeState> states;
    for (const auto& s : o.states) {
        auto state = parse_badge_state(s);
        if (!state)
            return Error{"--state " + s +
                         ": use valid, not_yet_valid, expired, revoked, "
                         "superseded, withdrawn or not_issued"};
        states.insert(*state);
    }
    for (const auto& c : o.categories)
        if (!event.find_category(c)) return Error{"--category " + c + ": no such category"};
    std::set<std::string> found;
    if (!o.query.empty()) {
        std::vector<PersonSummary> all;
        for (const auto& l : lines)
            all.push_back({l.person->id, l.person->name, l.person->delegation, l.person->category});
        for (const auto& hit : PeopleSearch(std::move(all)).find(o.query, lines.size()))
            found.insert(hit.id);
    }
    std::erase_if(lines, [&](const Line& l) {
        return (!o.query.empty() && !found.contains(l.person->id)) ||
               !any_equal_folded(o.categories, l.person->category) ||
               !any_equal_folded(o.delegations, l.person->delegation) ||
               (!states.empty() && !states.contains(l.standing.state));
    });
    return lines;
}

void print_table(const std::vector<Line>& lines) {
    std::size_t id_w = 2, name_w = 4, cat_w = 8;
    for (const auto& l : lines) {
        id_w = std::max(id_w, display_width(l.person->id));
        name_w = std::max(name_w, display_width(l.person->name));
        cat_w = std::max(cat_w, display_width(l.person->category));
    }
    auto row = [&](std::string_view id, std::string_view name, std::string_view cat,
                   const std::string& badge) {
        std::cout << pad_to_width(id, id_w) << "  " << pad_to_width(name, name_w) << "  "
                  << pad_to_width(cat, cat_w) << "  " << badge << "\n";
    };
    row("ID", "NAME", "CATEGORY", "BADGE");
    for (const auto& l : lines)
        row(l.person->id, l.person->name, l.person->category, badge_text(l));
}

void print_summary(const Desk& desk, const std::vector<Line>& all, std::size_t signed_count,
                   std::uint64_t now, bool simulated) {
    std::size_t valid = 0, revoked = 0;
    std::string withdrawn_ids;
    for (const auto& l : all) {
        if (l.standing.state == BadgeState::valid) ++valid;
        for (const auto* b : l.badges)
            revoked += b->revoked_reason ? 1 : 0;
        if (l.standing.withdrawal)
            withdrawn_ids += (withdrawn_ids.empty() ? "" : " ") + l.person->id;
    }
    const std::size_t withdrawn =
        withdrawn_ids.empty() ? 0
                              : static_cast<std::size_t>(
                                    std::count(withdrawn_ids.begin(), withdrawn_ids.end(), ' ')) +
                                    1;
    const auto& e = desk.event();
    std::cout << e.name << " (" << e.id << "), workspace " << desk.dir() << ", at "
              << format_utc_time(now) << (simulated ? " (--now)" : "") << "\n"
              << all.size() << " people, " << valid << " with a valid badge, " << withdrawn
              << " withdrawn" << (withdrawn_ids.empty() ? "" : " (" + withdrawn_ids + ")") << ", "
              << signed_count << " credentials signed, " << revoked << " revoked\n\n";
}

int run_status(const StatusOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_usage(session.error().message);
    Desk& desk = session->desk;
    auto people = desk.people_without_photos();
    if (!people) return fail_usage(people.error().message);
    auto credentials = desk.credentials();
    if (!credentials) return fail_usage(credentials.error().message);
    auto withdrawn = desk.withdrawals();
    if (!withdrawn) return fail_usage(withdrawn.error().message);
    auto all =
        judge_everyone(desk, people.value(), credentials.value(), withdrawn.value(), session->now);
    if (!all) return fail_usage(all.error().message);
    auto shown = filter(all.value(), o, desk.event());
    if (!shown) return fail_usage(shown.error().message);
    const bool filtered =
        !o.query.empty() || !o.categories.empty() || !o.delegations.empty() || !o.states.empty();
    if (o.desk.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& l : shown.value())
            out.push_back(line_json(desk.event(), l));
        std::cout << out.dump(2) << "\n";
    } else {
        print_summary(desk, all.value(), credentials->size(), session->now, !o.desk.now.empty());
        print_table(shown.value());
        if (filtered) std::cout << "(" << shown->size() << " of " << all->size() << " shown)\n";
        if (!withdrawn->empty())
            std::cout << "\nWithdrawn people are left out of issue --all and badges; "
                         "issuer reinstate ID --reason ... accredits them again.\n";
    }
    // A filter that matches no one is an answer a script must be able to see.
    return filtered && shown->empty() ? kExitRefused : kExitOk;
}

} // namespace

void add_status_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<StatusOptions>();
    CLI::App* sub = app.add_subcommand(
        "status", "List people and their badges, judged now (or at --now), filtered");
    sub->add_option("QUERY", o->query,
                    "Only people whose id starts with it, or whose name or delegation has words "
                    "starting with its words (as the web desk's search; accents and case ignored)");
    sub->add_option("--category", o->categories, "Only this category id (repeatable)");
    sub->add_option("--delegation", o->delegations,
                    "Only this delegation, the whole name (repeatable)");
    sub->add_option("--state", o->states,
                    "Only this badge state: valid, not_yet_valid, expired, revoked, superseded, "
                    "withdrawn or not_issued (repeatable)");
    add_desk_options(sub, o->desk);
    sub->callback([o, &exit_code] { exit_code = run_status(*o); });
}

} // namespace accred
