// issuer operator: the web desk's operator accounts (add, list, disable, enable, password) and
// their journal (docs/desk-web.md, "Operators and roles").
#include "crypto/passphrase.h"
#include "event/utc_time.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/operator_accounts.h"
#include "issuer/operator_journal.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

// The environment variable a script may set instead of typing the operator's password.
constexpr const char* kOperatorPasswordEnv = "ACCRED_OPERATOR_PASSWORD";

struct OperatorOptions {
    DeskOptions desk;
    std::string name;
    std::string role;
    std::string password_file;
    std::string subject;
    std::size_t limit = 100;
};

Outcome<SecretBuffer> new_password(const OperatorOptions& o) {
    PassphraseSource source;
    if (!o.password_file.empty()) source.file = o.password_file;
    source.prompt = "Password for operator " + o.name + ": ";
    source.confirm = true;
    source.env = kOperatorPasswordEnv;
    return obtain_passphrase(source);
}

int run_add(const OperatorOptions& o) {
    auto role = parse_role(o.role);
    if (!role) return fail_usage("--role must be operator, supervisor, security or auditor");
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto now = desk_now(desk.value(), o.desk);
    if (!now) return fail_error(now.error());
    auto password = new_password(o);
    if (!password) return fail_error(password.error());
    if (auto s = add_operator(desk->db(), o.name, *role, password->view(),
                              static_cast<std::int64_t>(now.value()));
        !s)
        return fail_error(s.error());
    if (o.desk.json)
        std::cout << nlohmann::json{{"added", o.name}, {"role", o.role}}.dump() << "\n";
    else
        std::cout << "Operator " << o.name << " added as " << o.role << "\n";
    return kExitOk;
}

int run_list(const OperatorOptions& o) {
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto accounts = list_operators(desk->db());
    if (!accounts) return fail_error(accounts.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : accounts.value()) {
        if (o.desk.json)
            out.push_back(
                {{"name", a.name},
                 {"role", role_name(a.role)},
                 {"created_at", format_utc_time(static_cast<std::uint64_t>(a.created_at))},
                 {"disabled", a.disabled}});
        else
            std::cout << a.name << "  " << role_name(a.role) << (a.disabled ? "  (disabled)" : "")
                      << "\n";
    }
    if (o.desk.json)
        std::cout << out.dump(2) << "\n";
    else if (accounts->empty())
        std::cout << "No operators yet: issuer operator add NAME --role ...\n";
    return kExitOk;
}

int run_set_disabled(const OperatorOptions& o, bool disabled) {
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    if (auto s = set_operator_disabled(desk->db(), o.name, disabled); !s)
        return fail_error(s.error());
    std::cout << "Operator " << o.name << (disabled ? " disabled" : " enabled")
              << (disabled ? " (a running issuer web ends their sessions at their next request)"
                           : "")
              << "\n";
    return kExitOk;
}

int run_password(const OperatorOptions& o) {
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto password = new_password(o);
    if (!password) return fail_error(password.error());
    if (auto s = set_operator_password(desk->db(), o.name, password->view()); !s)
        return fail_error(s.error());
    std::cout << "Password of operator " << o.name << " changed\n";
    return kExitOk;
}

int run_journal(const OperatorOptions& o) {
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto rows = operator_actions(desk->db(), o.subject, o.limit);
    if (!rows) return fail_error(rows.error());
    nlohmann::json out = nlohmann::json::array();
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) { // oldest first
        const std::string at = format_utc_time(static_cast<std::uint64_t>(it->at));
        if (o.desk.json)
            out.push_back({{"seq", it->seq},
                           {"at", at},
                           {"operator", it->operator_name},
                           {"role", it->role},
                           {"action", journal_action_name(it->action)},
                           {"subject", it->subject},
                           {"detail", it->detail},
                           {"remote", it->remote}});
        else
            std::cout << at << "  " << it->operator_name << " (" << it->role << ")  "
                      << journal_action_name(it->action)
                      << (it->subject.empty() ? "" : " " + it->subject)
                      << (it->detail.empty() ? "" : ": " + it->detail) << "  from " << it->remote
                      << "\n";
    }
    if (o.desk.json) std::cout << out.dump(2) << "\n";
    return kExitOk;
}

} // namespace

void add_operator_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<OperatorOptions>();
    CLI::App* op = app.add_subcommand("operator", "The web desk's operator accounts and journal");
    op->require_subcommand(1);
    CLI::App* add = op->add_subcommand("add", "Add an operator account (asks for its password)");
    add->add_option("NAME", o->name, "Login name: 1-32 of A-Z a-z 0-9 . _ -")->required();
    add->add_option("--role", o->role, "operator, supervisor, security or auditor")->required();
    add->add_option(
        "--password-file", o->password_file,
        "Read the password from this file (else $ACCRED_OPERATOR_PASSWORD, else prompt)");
    add_desk_options(add, o->desk);
    add->callback([o, &exit_code] { exit_code = run_add(*o); });

    CLI::App* list = op->add_subcommand("list", "List the operator accounts");
    add_desk_options(list, o->desk);
    list->callback([o, &exit_code] { exit_code = run_list(*o); });

    for (const bool disable : {true, false}) {
        CLI::App* sub = op->add_subcommand(disable ? "disable" : "enable",
                                           disable ? "Disable an account (it can no longer log in)"
                                                   : "Enable a disabled account again");
        sub->add_option("NAME", o->name, "Login name")->required();
        add_desk_options(sub, o->desk, false);
        sub->callback([o, disable, &exit_code] { exit_code = run_set_disabled(*o, disable); });
    }

    CLI::App* pw = op->add_subcommand("password", "Set an account's password (asks for it)");
    pw->add_option("NAME", o->name, "Login name")->required();
    pw->add_option(
        "--password-file", o->password_file,
        "Read the password from this file (else $ACCRED_OPERATOR_PASSWORD, else prompt)");
    add_desk_options(pw, o->desk, false);
    pw->callback([o, &exit_code] { exit_code = run_password(*o); });

    CLI::App* journal = op->add_subcommand("journal", "What operators did through the web desk");
    journal->add_option("--subject", o->subject, "Only actions about this holder id");
    journal->add_option("--limit", o->limit, "The newest N actions")->capture_default_str();
    add_desk_options(journal, o->desk);
    journal->callback([o, &exit_code] { exit_code = run_journal(*o); });
}

} // namespace accred
