// Which way a gate lets people through, and which way a logged passage went: one enum for the
// event definition, the decision and the entry log. Text only at the edges, through these names.
#pragma once

#include <optional>
#include <string_view>

namespace accred {

enum class Direction { entry, exit };

// "entry" or "exit": the form in event.toml, the bundle, the log and the sync messages.
std::string_view direction_name(Direction direction);
// The reverse; nullopt for any other text.
std::optional<Direction> direction_from_name(std::string_view name);

} // namespace accred
