#include "demo_event.h"

#include "crypto/file_io.h"
#include "event/event_toml.h"

#include <cstdio>
#include <cstdlib>

namespace accred::test {

std::string demo_dir() { return ACCRED_DEMO_DIR; }

std::string demo_event_toml() {
    auto text = read_small_file(demo_dir() + "/event.toml", 1 << 20);
    if (!text) {
        std::fprintf(stderr, "%s\n", text.error().message.c_str());
        std::abort();
    }
    return text.value();
}

const EventDefinition& demo_event() {
    static const EventDefinition event = [] {
        auto parsed = parse_event_toml(demo_event_toml(), "assets/demo/event.toml");
        if (!parsed) {
            std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
            std::abort();
        }
        return parsed.value();
    }();
    return event;
}

} // namespace accred::test
