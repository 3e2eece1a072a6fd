#include "direction.h"

namespace accred {

std::string_view direction_name(Direction direction) {
    return direction == Direction::entry ? "entry" : "exit";
}

std::optional<Direction> direction_from_name(std::string_view name) {
    if (name == "entry") return Direction::entry;
    if (name == "exit") return Direction::exit;
    return std::nullopt;
}

} // namespace accred
