// The demo event from assets/demo/, loaded for tests.
#pragma once

#include "event/event_definition.h"

#include <string>

namespace accred::test {

// assets/demo/event.toml, parsed (aborts the test run if it does not parse).
const EventDefinition& demo_event();
std::string demo_event_toml();
std::string demo_dir(); // absolute path of assets/demo

} // namespace accred::test
