// What the desk commands share: the workspace, passphrase and simulated-time options (the
// progress bar for long work is progress_bar.h).
#pragma once

#include "crypto/file_io.h"
#include "crypto/outcome.h"
#include "issuer/desk.h"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct DeskOptions {
    std::string workspace = ".";
    std::string passphrase_file;
    std::string now; // the moment the desk acts at (moment_text.h), for demos and tests
    bool json = false;
};

// Adds -w/--workspace, --passphrase-file, --now and --json to a desk subcommand.
void add_desk_options(CLI::App* command, DeskOptions& options, bool with_json = true);

// Adds --force to a command that writes an output file: replace one that exists, atomically
// (the one overwrite policy, crypto/file_io.h and docs/cli-conventions.md).
void add_force_option(CLI::App* command, Overwrite& overwrite);

Outcome<Desk> open_desk(const DeskOptions& options);
// Asks for the desk passphrase (file, $ACCRED_PASSPHRASE or prompt) and decrypts the event key.
Outcome<SigningKey> unlock_event_key(const Desk& desk, const DeskOptions& options);
// The current time, or the one from --now in any form parse_moment reads (a local time in the
// desk's event's zone).
Outcome<std::uint64_t> desk_now(const Desk& desk, const DeskOptions& options);

// The desk's clock for a long-running command (issuer serve, issuer web): the real one, or with
// --now a simulated one that runs on from origin.
std::function<std::int64_t()> running_desk_clock(bool simulated, std::int64_t origin);

// An address to listen on: "HOST:PORT" or "[IPV6]:PORT"; port 0 binds any free port.
struct ListenAddress {
    std::string host;
    int port = 0;
};
Outcome<ListenAddress> parse_listen(const std::string& text);

// Who did it, for the accreditation journal: "USER via issuer COMMAND" (just the command when
// the login name is unknown).
std::string desk_actor(const std::string& command);

// For commands given IDs explicitly: prints withdrawn_notice(consequence) to stderr for each
// withdrawn person among ids and returns kExitRefused (1); kExitOk when none is withdrawn;
// kExitUsage (2) when the journal cannot be read.
int refuse_withdrawn(Desk& desk, const std::vector<std::string>& ids,
                     const std::string& consequence);

// An opened workspace with the current (or simulated) time, and the event key when asked for.
struct DeskSession {
    Desk desk;
    std::uint64_t now = 0;
    std::optional<SigningKey> key;
};
Outcome<DeskSession> open_session(const DeskOptions& options, bool unlock_key);

} // namespace accred
