// issuer issue / reissue / revoke / reinstate: the life of a badge and of an accreditation.
#include "commands.h"

#include "crypto/count_noun.h"
#include "crypto/hex.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"
#include "issuer/issuance.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct IssueOptions {
    DeskOptions desk;
    std::vector<std::string> ids;
    bool all = false;
    std::string reason;
};

int run_issue(const IssueOptions& o) {
    if (o.all == !o.ids.empty()) return fail_usage("give either --all or one or more IDs");
    auto session = open_session(o.desk, true);
    if (!session) return fail_error(session.error());
    Desk& desk = session->desk;
    const std::uint64_t now = session->now;
    const SigningKey& key = *session->key;
    // Named explicitly, a withdrawn person is a refusal; under --all, a line in the summary.
    if (!o.all)
        if (int refused = refuse_withdrawn(desk, o.ids, "not issued"); refused != kExitOk)
            return refused;
    ProgressBar bar("Signing", !o.desk.json);
    const auto progress = [&](std::size_t d, std::size_t t) { bar.update(d, t); };
    auto result = o.all ? issue_everyone(desk, key, now, progress)
                        : issue_credentials(desk, key, o.ids, now, progress);
    bar.finish();
    if (!result) return fail_usage(result.error().message + " (nothing was issued)");
    if (o.desk.json) {
        nlohmann::json out;
        out["issued"] = result->issued;
        out["already_issued"] = result->already;
        out["withdrawn"] = nlohmann::json::array();
        for (const auto& w : result->withdrawn)
            out["withdrawn"].push_back({{"id", w.holder}, {"reason", w.reason}});
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << "Issued " << count_noun(result->issued.size(), "credential", "credentials");
        if (!result->already.empty())
            std::cout << "; " << count_noun(result->already.size(), "person", "people")
                      << " already had a valid badge";
        if (!result->withdrawn.empty())
            std::cout << "; " << result->withdrawn.size() << " withdrawn, not issued";
        std::cout << ".\n";
        for (const auto& w : result->withdrawn)
            std::cout << "  " << withdrawn_notice(w, "not issued") << "\n";
        std::cout << "Next: issuer badges --out badges.pdf -w " << o.desk.workspace << "\n";
    }
    return kExitOk;
}

int run_reissue(const IssueOptions& o) {
    if (o.ids.size() != 1) return fail_usage("reissue takes exactly one ID");
    auto session = open_session(o.desk, true);
    if (!session) return fail_error(session.error());
    Desk& desk = session->desk;
    const std::uint64_t now = session->now;
    const SigningKey& key = *session->key;
    if (int refused = refuse_withdrawn(desk, o.ids, "not reissued"); refused != kExitOk)
        return refused;
    auto fresh = reissue_credential(desk, key, o.ids[0], o.reason, now);
    if (!fresh) return fail_error(fresh.error());
    if (o.desk.json) {
        nlohmann::json out{{"holder", fresh->holder}, {"issue", fresh->issue},
                           {"cti", hex_encode(fresh->cti)}, {"credential", fresh->text}};
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << "Reissued " << fresh->holder << ": issue " << fresh->issue
                  << "; every earlier badge is revoked.\n"
                  << "Print it: issuer badges --out " << fresh->holder << ".pdf "
                  << fresh->holder << " -w " << o.desk.workspace << "\n"
                  << "Send the revocation to the gates: issuer revocations --out FILE\n";
    }
    return kExitOk;
}

int run_revoke(const IssueOptions& o) {
    if (o.ids.empty()) return fail_usage("give the ID of the person whose badge to revoke");
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    Desk& desk = session->desk;
    const std::uint64_t now = session->now;
    auto done = revoke_for_cause(desk, o.ids, o.reason, now, desk_actor("revoke"));
    if (!done) return fail_usage(done.error().message + " (nothing was revoked)");
    const auto& [revoked, withdrawn] = done.value();
    if (o.desk.json) {
        std::cout << nlohmann::json{{"revoked", revoked}, {"withdrawn", withdrawn}}.dump(2)
                  << "\n";
    } else {
        std::cout << "Revoked " << revoked.size() << " badge(s).\n";
        for (const auto& id : withdrawn)
            std::cout << id << " is withdrawn: issue --all and badges leave them out until "
                      << "issuer reinstate " << id << " --reason ...\n";
        std::cout << "Send the revocation to the gates: issuer revocations --out FILE -w "
                  << o.desk.workspace << "\n";
    }
    return kExitOk;
}

int run_reinstate(const IssueOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    Desk& desk = session->desk;
    const std::string& id = o.ids.at(0);
    auto person = desk.person(id);
    if (!person) return fail_error(person.error());
    if (!person.value()) return fail_usage("no person with id " + id + " on the roster");
    auto withdrawn = desk.withdrawal(id);
    if (!withdrawn) return fail_error(withdrawn.error());
    if (!withdrawn.value())
        return fail_refused(id + " is not withdrawn; there is nothing to reinstate");
    if (auto s = desk.reinstate(id, o.reason, session->now, desk_actor("reinstate")); !s)
        return fail_usage(s.error().message + " (nothing was changed)");
    if (o.desk.json) {
        std::cout << nlohmann::json{{"reinstated", id}, {"reason", o.reason},
                                    {"withdrawn_for", withdrawn.value()->reason}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "Reinstated " << id << " (withdrawn for: " << withdrawn.value()->reason
                  << "). The revoked badge stays revoked; issue a new one: issuer issue " << id
                  << " -w " << o.desk.workspace << "\n";
    }
    return kExitOk;
}

} // namespace

void add_issue_commands(CLI::App& app, int& exit_code) {
    auto issue = std::make_shared<IssueOptions>();
    CLI::App* sub = app.add_subcommand("issue", "Sign credentials for people on the roster");
    sub->add_option("ids", issue->ids, "Holder IDs");
    sub->add_flag("--all", issue->all, "Everyone on the roster who has no valid badge yet");
    add_desk_options(sub, issue->desk);
    sub->callback([issue, &exit_code] { exit_code = run_issue(*issue); });

    auto reissue = std::make_shared<IssueOptions>();
    reissue->reason = "lost badge";
    sub = app.add_subcommand("reissue", "Lost or changed badge: issue N+1, revoke the old ones");
    sub->add_option("id", reissue->ids, "Holder ID")->required();
    sub->add_option("--reason", reissue->reason, "Why (kept with the revocation)")
        ->capture_default_str();
    add_desk_options(sub, reissue->desk);
    sub->callback([reissue, &exit_code] { exit_code = run_reissue(*reissue); });

    auto revoke = std::make_shared<IssueOptions>();
    sub = app.add_subcommand("revoke", "Revoke a person's current badge for cause and withdraw "
                                       "their accreditation (until issuer reinstate)");
    sub->add_option("ids", revoke->ids, "Holder IDs")->required();
    sub->add_option("--reason", revoke->reason, "Why (kept with the revocation)")->required();
    add_desk_options(sub, revoke->desk);
    sub->callback([revoke, &exit_code] { exit_code = run_revoke(*revoke); });

    auto reinstate = std::make_shared<IssueOptions>();
    sub = app.add_subcommand("reinstate", "Accredit again a person withdrawn by revoke");
    sub->add_option("id", reinstate->ids, "Holder ID")->required()->expected(1);
    sub->add_option("--reason", reinstate->reason, "Why (kept in the accreditation journal)")
        ->required();
    add_desk_options(sub, reinstate->desk);
    sub->callback([reinstate, &exit_code] { exit_code = run_reinstate(*reinstate); });
}

} // namespace accred
