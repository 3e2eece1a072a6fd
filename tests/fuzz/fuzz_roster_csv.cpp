// fuzz_roster_csv: read_roster_csv (issuer/roster_csv.h), the desk's roster import, on arbitrary
// text: libcsv, the header and column checks, ids, dates, zones, escorts, and (for a photo column
// naming one of assets/demo/photos) reading and normalising the photo. The event is
// assets/demo/event.toml; "D001" is already known at the desk (escort_of may name it).
// Must hold: no crash, leak, UB or exception; a refused roster has a message; an accepted one has
// unique holder ids and a normalised photo for everyone.
#include "fuzz_common.h"

#include "crypto/file_io.h"
#include "event/event_toml.h"
#include "issuer/roster_csv.h"

#include <cstdlib>
#include <set>

using namespace accred;

namespace {

const EventDefinition& demo_event() {
    static const EventDefinition event = [] {
        auto toml = read_small_file(ACCRED_FUZZ_DEMO_DIR "/event.toml", 1 << 20);
        if (!toml) std::abort();
        auto parsed = parse_event_toml(*toml, "event.toml");
        if (!parsed) std::abort();
        return std::move(parsed).value();
    }();
    return event;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)demo_event();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    RosterReadOptions options;
    options.source_name = "roster.csv";
    options.photos_dir = ACCRED_FUZZ_DEMO_DIR "/photos";
    options.known_ids = {"D001"};
    auto people = read_roster_csv(fuzz::as_text(data, size), demo_event(), options);
    if (!people) {
        FUZZ_CHECK(!people.error().message.empty());
        return 0;
    }
    std::set<std::string> ids;
    for (const Person& p : *people) {
        FUZZ_CHECK(ids.insert(p.id).second);
        FUZZ_CHECK(!p.photo.empty());
    }
    return 0;
}
