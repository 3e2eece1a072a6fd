// A real desk workspace for tests: a temporary folder, the demo event, its event key unlocked.
#pragma once

#include "issuer/desk.h"
#include "issuer/person.h"
#include "support/test_support.h"

#include <memory>
#include <string>
#include <vector>

namespace accred::test {

inline constexpr const char* kDeskPassphrase = "desk passphrase";

struct Workspace {
    std::unique_ptr<TempDir> tmp;
    Desk desk;
    SigningKey key;
    std::string dir; // the workspace folder, tmp/desk
};

// Creates tmp/desk with the demo event (the cheapest KDF cost) and unlocks its key.
Workspace make_workspace();

// The demo roster, with its photos.
std::vector<Person> demo_roster();

// The first column of the first row of sql, as text, with params bound to ?1, ?2...: for
// checking desk.db.
std::string sql_value(Desk& desk, const std::string& sql,
                      const std::vector<std::string>& params = {});

// A desk command run in this process, as `issuer ARGS...` would run it.
struct CommandRun {
    int exit_code = -1;
    std::string out; // what went to std::cout (not C stdio)
    std::string err; // what went to std::cerr
};
// Runs `issuer args...` with the desk commands (roster, issue, reissue, revoke, reinstate,
// status, badges, bundle, revocations), the passphrase read from a file in ws.
CommandRun run_desk_command(const Workspace& ws, std::vector<std::string> args);

} // namespace accred::test
