// fuzz_event_toml: parse_event_toml (event/event_toml.h) on arbitrary text: toml++ parsing and
// every check of the event schema, including resolving the named time zone with date/tz from
// /usr/share/zoneinfo (the zone name is validated before it is looked up or a path is built).
// Must hold: no crash, leak, UB or exception; every refusal has a message.
#include "fuzz_common.h"

#include "event/event_toml.h"

using namespace accred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto event = parse_event_toml(fuzz::as_text(data, size), "fuzz.toml");
    if (!event) {
        FUZZ_CHECK(!event.error().message.empty());
        return 0;
    }
    FUZZ_CHECK(!event->id.empty() && event->id.size() <= 32);
    return 0;
}
