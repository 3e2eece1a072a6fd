#include "issuer/desk_workspace.h"
#include "issuer/operator_accounts.h"
#include "issuer/operator_journal.h"
#include "issuer/print_log.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace accred;

TEST_CASE("operator accounts: add, check, disable, change password", "[operator]") {
    auto ws = test::make_workspace();
    Database& db = ws.desk.db();
    REQUIRE(add_operator(db, "alice", OperatorRole::desk_operator, "alice-password-1", 100));
    // The stored hash is Argon2id, never the password.
    const std::string stored = test::sql_value(ws.desk, "SELECT password_hash FROM operators");
    CHECK(stored.rfind("$argon2id$", 0) == 0);
    CHECK(stored.find("alice-password-1") == std::string::npos);

    auto ok = check_operator_password(db, "alice", "alice-password-1");
    REQUIRE(ok);
    REQUIRE(ok->has_value());
    CHECK(ok->value().role == OperatorRole::desk_operator);
    CHECK_FALSE(check_operator_password(db, "alice", "alice-password-2").value().has_value());
    CHECK_FALSE(check_operator_password(db, "Alice", "alice-password-1").value().has_value());
    CHECK_FALSE(check_operator_password(db, "nobody", "alice-password-1").value().has_value());
    CHECK_FALSE(check_operator_password(db, "bad name!", "x").value().has_value());
    CHECK_FALSE(check_operator_password(db, "alice", std::string(1000, 'a')).value().has_value());

    // Taken names, bad names and weak or huge passwords are refused, and nothing is added.
    CHECK_FALSE(add_operator(db, "alice", OperatorRole::auditor, "another-password", 100));
    CHECK_FALSE(add_operator(db, "bob smith", OperatorRole::auditor, "another-password", 100));
    CHECK_FALSE(add_operator(db, "", OperatorRole::auditor, "another-password", 100));
    CHECK_FALSE(add_operator(db, "bob", OperatorRole::auditor, "short", 100));
    CHECK_FALSE(add_operator(db, "bob", OperatorRole::auditor, std::string(300, 'x'), 100));
    CHECK(list_operators(db).value().size() == 1);

    REQUIRE(set_operator_disabled(db, "alice", true));
    CHECK_FALSE(check_operator_password(db, "alice", "alice-password-1").value().has_value());
    REQUIRE(set_operator_disabled(db, "alice", false));
    REQUIRE(set_operator_password(db, "alice", "a-new-password-2"));
    CHECK_FALSE(check_operator_password(db, "alice", "alice-password-1").value().has_value());
    CHECK(check_operator_password(db, "alice", "a-new-password-2").value().has_value());
    CHECK_FALSE(set_operator_password(db, "nobody", "a-new-password-2"));
    CHECK_FALSE(set_operator_disabled(db, "nobody", true));
}

TEST_CASE("an unknown name costs one Argon2id check, like a known one", "[operator]") {
    auto ws = test::make_workspace();
    Database& db = ws.desk.db();
    REQUIRE(add_operator(db, "alice", OperatorRole::desk_operator, "alice-password-1", 100));
    using clock = std::chrono::steady_clock;
    auto time = [&](const std::string& name) {
        const auto start = clock::now();
        (void)check_operator_password(db, name, "wrong-password");
        return std::chrono::duration<double>(clock::now() - start).count();
    };
    (void)time("warm-up"); // the decoy hash is made on first use
    const double known = time("alice");
    const double unknown = time("nobody");
    // Both run Argon2id at 64 MiB (tens of milliseconds at least); without the decoy the unknown
    // name would answer in microseconds.
    CHECK(unknown > known / 4);
}

TEST_CASE("roles allow what docs/desk-web.md says, and the auditor changes nothing", "[operator]") {
    using P = Permission;
    const P changes[] = {P::register_people, P::issue_badges, P::revoke_badges, P::export_bundles};
    for (P p : changes) {
        CHECK_FALSE(role_allows(OperatorRole::auditor, p));
        CHECK_FALSE(role_allows(OperatorRole::security, p));
    }
    CHECK(role_allows(OperatorRole::desk_operator, P::issue_badges));
    CHECK_FALSE(role_allows(OperatorRole::desk_operator, P::revoke_badges));
    CHECK_FALSE(role_allows(OperatorRole::desk_operator, P::view_journal));
    CHECK(role_allows(OperatorRole::supervisor, P::revoke_badges));
    CHECK(role_allows(OperatorRole::supervisor, P::view_journal));
    CHECK_FALSE(role_allows(OperatorRole::supervisor, P::view_operations));
    CHECK(role_allows(OperatorRole::security, P::view_operations));
    CHECK(role_allows(OperatorRole::auditor, P::view_audit));
    for (const char* name : {"operator", "supervisor", "security", "auditor"})
        CHECK(role_name(*parse_role(name)) == name);
    CHECK_FALSE(parse_role("admin"));
}

TEST_CASE("the operator journal and the print log are history", "[operator]") {
    auto ws = test::make_workspace();
    Database& db = ws.desk.db();
    for (int i = 0; i < 3; ++i)
        REQUIRE(record_operator_action(db, {0, 1000 + i, "alice", "operator", JournalAction::issue,
                                            "M00" + std::to_string(i), "issue 1", "10.0.0.7"}));
    auto newest = operator_actions(db, "", 2);
    REQUIRE(newest);
    REQUIRE(newest->size() == 2);
    CHECK(newest->front().subject == "M002");
    CHECK(operator_actions(db, "M001", 10).value().size() == 1);
    CHECK(operator_actions(db, "", 10, newest->back().seq).value().size() == 1);
    CHECK(all_operator_actions(db).value().front().subject == "M000");
    CHECK_FALSE(db.exec("UPDATE operator_journal SET operator = 'mallory'"));
    CHECK_FALSE(db.exec("DELETE FROM operator_journal"));
    CHECK(all_operator_actions(db).value().size() == 3);

    REQUIRE(record_print(db, {0, 2000, "M001", 2, "alice", "badges", "17"}));
    REQUIRE(record_print(db, {0, 2001, "M002", 1, "alice", kBrowserPrintDestination, ""}));
    CHECK(print_records(db, "M001", 10).value().front().job == "17");
    CHECK(print_records(db, "", 10).value().size() == 2);
}
