// A person on the roster, as the desk stores them.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct Person {
    std::string id;         // holder id, the credential's sub
    std::string name;       // as printed, <= 64 bytes UTF-8
    std::string delegation; // delegation or organisation, may be empty
    std::string category;   // a category id of the event
    std::vector<LocalDate> days;    // attendance days, ascending
    std::vector<std::string> zones; // explicit extra zone grants (zone ids)
    std::optional<std::string> escort_of; // for close protection: the principal's id
    std::string photo;      // the photo file's bytes
    bool operator==(const Person&) const = default;
};

// Takes people one at a time (a roster being read, an import being written); an Error stops
// whoever is handing them over.
using PersonSink = std::function<Status(const Person&)>;

} // namespace accred
