// issuer status: people, their badges, revocations and withdrawals, at a glance.
#include "commands.h"

#include "crypto/hex.h"
#include "issuer/cli/desk_cli.h"
#include "event/utc_time.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

using ByHolder = std::map<std::string, std::vector<const StoredCredential*>>;
using Withdrawals = std::map<std::string, Withdrawal>;

// One JSON object per person; "withdrawn" is null for an accredited person.
void print_json(const std::vector<Person>& people, ByHolder& by_holder,
                const Withdrawals& withdrawn) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : people) {
        nlohmann::json badges = nlohmann::json::array();
        for (const auto* c : by_holder[p.id])
            badges.push_back({{"issue", c->issue},
                              {"cti", hex_encode(c->cti)},
                              {"issued_at", format_utc_time(c->issued_at)},
                              {"revoked", c->revoked_reason ? nlohmann::json(*c->revoked_reason)
                                                            : nlohmann::json(nullptr)}});
        const auto w = withdrawn.find(p.id);
        const nlohmann::json withdrawal =
            w == withdrawn.end() ? nlohmann::json(nullptr)
                                 : nlohmann::json{{"reason", w->second.reason},
                                                  {"at", format_utc_time(w->second.at)},
                                                  {"by", w->second.by}};
        out.push_back({{"id", p.id}, {"name", p.name}, {"category", p.category},
                       {"delegation", p.delegation}, {"badges", badges},
                       {"withdrawn", withdrawal}});
    }
    std::cout << out.dump(2) << "\n";
}

// "WITHDRAWN since ...; issue 1 REVOKED (press card withdrawn)", "issue 2 valid, 1 earlier
// revoked", "not issued".
std::string badge_state(const std::vector<const StoredCredential*>& badges,
                        const Withdrawal* withdrawn) {
    std::string state;
    if (withdrawn) state = "WITHDRAWN since " + format_utc_time(withdrawn->at) + "; ";
    if (badges.empty()) return state + "not issued";
    const StoredCredential& last = *badges.back();
    state += "issue " + std::to_string(last.issue) +
             (last.revoked_reason ? " REVOKED (" + *last.revoked_reason + ")" : " valid");
    if (badges.size() > 1) state += ", " + std::to_string(badges.size() - 1) + " earlier revoked";
    return state;
}

int run_status(const DeskOptions& o) {
    auto desk = open_desk(o);
    if (!desk) return fail_usage(desk.error().message);
    auto people = desk->people();
    if (!people) return fail_usage(people.error().message);
    auto credentials = desk->credentials();
    if (!credentials) return fail_usage(credentials.error().message);
    auto withdrawn = desk->withdrawals();
    if (!withdrawn) return fail_usage(withdrawn.error().message);

    ByHolder by_holder;
    std::size_t revoked = 0;
    for (const auto& c : credentials.value()) {
        by_holder[c.holder].push_back(&c);
        if (c.revoked_reason) ++revoked;
    }
    if (o.json) {
        print_json(people.value(), by_holder, withdrawn.value());
        return kExitOk;
    }
    std::size_t with_badge = 0;
    for (const auto& p : people.value()) {
        const auto& badges = by_holder[p.id];
        if (!badges.empty() && !badges.back()->revoked_reason) ++with_badge;
    }
    std::string withdrawn_ids;
    for (const auto& entry : withdrawn.value())
        withdrawn_ids += (withdrawn_ids.empty() ? "" : " ") + entry.first;
    const auto& e = desk->event();
    std::cout << e.name << " (" << e.id << "), workspace " << desk->dir() << "\n"
              << people->size() << " people, " << with_badge << " with a valid badge, "
              << withdrawn->size() << " withdrawn"
              << (withdrawn_ids.empty() ? "" : " (" + withdrawn_ids + ")") << ", "
              << credentials->size() << " credentials signed, " << revoked << " revoked\n\n";
    std::printf("%-8s %-30s %-16s %s\n", "ID", "NAME", "CATEGORY", "BADGE");
    for (const auto& p : people.value()) {
        const auto w = withdrawn->find(p.id);
        const std::string state =
            badge_state(by_holder[p.id], w == withdrawn->end() ? nullptr : &w->second);
        std::printf("%-8s %-30s %-16s %s\n", p.id.c_str(), p.name.c_str(), p.category.c_str(),
                    state.c_str());
    }
    if (!withdrawn->empty())
        std::cout << "\nWithdrawn people are left out of issue --all and badges; "
                     "issuer reinstate ID --reason ... accredits them again.\n";
    return kExitOk;
}

} // namespace

void add_status_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<DeskOptions>();
    CLI::App* sub = app.add_subcommand("status", "List people, badges and revocations");
    add_desk_options(sub, *o);
    sub->callback([o, &exit_code] { exit_code = run_status(*o); });
}

} // namespace accred
