// The issuer's subcommands. Each registers itself on the CLI11 app; when it runs it stores its
// exit code: 0 ok, 1 verification failed or refused, 2 usage or I/O error.
#pragma once

#include "issuer/cli/cli_errors.h" // fail_usage, fail_refused, fail_error

#include <CLI/CLI.hpp>
#include <string>

namespace accred {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

void add_keygen_command(CLI::App& app, int& exit_code);
void add_sign_command(CLI::App& app, int& exit_code);
void add_inspect_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);
void add_roster_command(CLI::App& app, int& exit_code);
void add_issue_commands(CLI::App& app, int& exit_code);
void add_status_command(CLI::App& app, int& exit_code);
void add_bundle_commands(CLI::App& app, int& exit_code);
void add_badges_command(CLI::App& app, int& exit_code);
// issuer/audit/: `kiosks` and `checkpoints` (the desk's kiosk register) and `audit`.
void add_kiosk_register_commands(CLI::App& app, int& exit_code);
void add_audit_commands(CLI::App& app, int& exit_code);
// issuer/fleet/: `fleet` (the fleet CA, kiosk certificates, the live view) and `serve`.
void add_fleet_commands(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
// issuer/web/: `web` (the web desk) and `operator` (its accounts and journal).
void add_web_command(CLI::App& app, int& exit_code);
void add_operator_commands(CLI::App& app, int& exit_code);

} // namespace accred
