// kiosk lookup: manual lookup without the screen (docs/kiosk.md, "Manual lookup"), for scripts
// and tests: search the bundle's holders by id or name, or decide for one and log it.
#pragma once

#include <CLI/CLI.hpp>

namespace accred {

// Adds the lookup subcommand to app; code is set to its exit code when it has run (0 found or
// admitted, 1 nothing found, refused or a wrong PIN, 2 usage or I/O).
void add_lookup_command(CLI::App& app, int& code);

} // namespace accred
