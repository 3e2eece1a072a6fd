#include "desk_workspace.h"

#include "crypto/file_io.h"
#include "issuer/cli/commands.h"
#include "issuer/roster_csv.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace accred::test {

Workspace make_workspace() {
    auto tmp = std::make_unique<TempDir>();
    const std::string dir = tmp->file("desk");
    auto desk = Desk::create(dir, demo_event_toml(), demo_event(), kDeskPassphrase,
                             KdfCost::minimum_for_tests());
    REQUIRE(desk);
    auto key = desk->unlock_event_key(kDeskPassphrase);
    REQUIRE(key);
    return {std::move(tmp), std::move(desk).value(), std::move(key).value(), dir};
}

std::vector<Person> demo_roster() {
    RosterReadOptions o;
    o.source_name = "roster.csv";
    o.photos_dir = demo_dir() + "/photos";
    auto text = read_small_file(demo_dir() + "/roster.csv", 1 << 20);
    REQUIRE(text);
    auto people = read_roster_csv(text.value(), demo_event(), o);
    REQUIRE(people);
    return people.value();
}

std::string sql_value(Desk& desk, const std::string& sql,
                      const std::vector<std::string>& params) {
    auto q = desk.db().prepare(sql);
    REQUIRE(q);
    for (std::size_t i = 0; i < params.size(); ++i) q->bind(static_cast<int>(i + 1), params[i]);
    auto row = q->step();
    REQUIRE(row);
    REQUIRE(row.value());
    return q->column_text(0);
}

CommandRun run_desk_command(const Workspace& ws, std::vector<std::string> args) {
    const std::string passphrase = ws.tmp->file("passphrase.txt");
    std::filesystem::remove(passphrase);
    REQUIRE(write_new_file(passphrase, as_bytes(std::string(kDeskPassphrase)), 0600));
    args.insert(args.begin(), "issuer");
    args.insert(args.end(), {"-w", ws.dir, "--passphrase-file", passphrase});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    CLI::App app{"issuer"};
    CommandRun run;
    add_roster_command(app, run.exit_code);
    add_issue_commands(app, run.exit_code);
    add_status_command(app, run.exit_code);
    add_badges_command(app, run.exit_code);
    add_bundle_commands(app, run.exit_code);
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
        run.exit_code = kExitUsage;
        err << e.what();
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

} // namespace accred::test
