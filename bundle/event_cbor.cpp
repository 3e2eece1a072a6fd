#include "event_cbor.h"

#include "crypto/cbor_map.h"

namespace accred {
namespace {

constexpr std::size_t kMaxIdBytes = 32;
constexpr std::size_t kMaxNameBytes = 128;
constexpr std::size_t kMaxListItems = 256;

CborValue date_to_cbor(const LocalDate& d) {
    return CborValue::make_uint(static_cast<std::uint64_t>(d.year * 10000 + d.month * 100 + d.day));
}

LocalDate date_from(std::uint64_t v) {
    return {static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100), static_cast<int>(v % 100)};
}

CborValue text_list(const std::vector<std::string>& items) {
    std::vector<CborValue> out;
    for (const auto& s : items) out.push_back(CborValue::make_text(s));
    return CborValue::make_array(std::move(out));
}

// The translated names, each written only when set: an event without them keeps the bytes it
// had before they existed, and an older bundle (without them) reads as names in `name` only.
void add_translations(CborMapBuilder& b, const std::string& fr, const std::string& nl) {
    if (!fr.empty()) b.add_text("name_fr", fr);
    if (!nl.empty()) b.add_text("name_nl", nl);
}

void read_translations(CborMapReader& r, std::string& fr, std::string& nl) {
    if (r.has("name_fr")) fr = r.text("name_fr", kMaxNameBytes);
    if (r.has("name_nl")) nl = r.text("name_nl", kMaxNameBytes);
}

const char* passback_name(AntiPassback a) {
    switch (a) {
    case AntiPassback::none: return "none";
    case AntiPassback::soft: return "soft";
    case AntiPassback::hard: return "hard";
    case AntiPassback::timed: return "timed";
    }
    return "hard";
}

std::optional<AntiPassback> passback_from_name(const std::string& name) {
    for (const AntiPassback a :
         {AntiPassback::none, AntiPassback::soft, AntiPassback::hard, AntiPassback::timed})
        if (name == passback_name(a)) return a;
    return std::nullopt;
}

// Iterates an array of maps, giving each a reader named after its position.
template <typename Fn>
void each_map(CborMapReader& parent, const char* key, Fn&& fn) {
    const CborValue* list = parent.array(key);
    if (list == nullptr) return;
    if (list->items.size() > kMaxListItems) return parent.fail(std::string(key) + ": too many");
    for (std::size_t i = 0; i < list->items.size() && parent.ok(); ++i) {
        CborMapReader r(list->items[i], std::string(key) + "[" + std::to_string(i) + "]");
        fn(r);
        if (auto s = r.finish(); !s) parent.fail("(" + s.error().message + ")");
    }
}

std::vector<std::string> read_text_list(CborMapReader& r, const char* key) {
    std::vector<std::string> out;
    const CborValue* list = r.array(key);
    if (list == nullptr) return out;
    for (const auto& item : list->items) {
        if (item.kind != CborValue::Kind::text || item.bytes.size() > kMaxIdBytes) {
            r.fail(std::string("field \"") + key + "\" must hold ids");
            break;
        }
        out.push_back(item.bytes);
    }
    return out;
}

} // namespace

CborValue event_to_cbor(const EventDefinition& e) {
    std::vector<CborValue> days, zones, categories, gates, supervisors;
    for (const auto& d : e.days) days.push_back(date_to_cbor(d));
    for (const auto& z : e.zones) {
        std::vector<CborValue> windows;
        for (const auto& w : z.windows)
            windows.push_back(CborMapBuilder()
                                  .add("day", date_to_cbor(w.day))
                                  .add_uint("from", static_cast<std::uint64_t>(w.from))
                                  .add_uint("to", static_cast<std::uint64_t>(w.to))
                                  .build());
        CborMapBuilder b;
        b.add_text("id", z.id).add_uint("code", z.code).add_text("name", z.name);
        b.add_uint("min_rank", z.min_rank).add("windows", CborValue::make_array(std::move(windows)));
        if (z.parent) b.add_text("parent", *z.parent);
        if (z.capacity) b.add_uint("capacity", *z.capacity);
        add_translations(b, z.name_fr, z.name_nl);
        zones.push_back(b.build());
    }
    for (const auto& c : e.categories) {
        CborMapBuilder category;
        category.add_text("id", c.id)
            .add_uint("code", c.code)
            .add_text("name", c.name)
            .add_uint("rank", c.rank)
            .add_text("colour", c.colour)
            .add("zones", text_list(c.zones));
        add_translations(category, c.name_fr, c.name_nl);
        categories.push_back(category.build());
    }
    for (const auto& g : e.gates) {
        CborMapBuilder gate;
        gate.add_text("id", g.id)
            .add_text("name", g.name)
            .add_text("zone", g.zone)
            .add_text("direction", std::string(direction_name(g.direction)))
            .add_text("anti_passback", passback_name(g.anti_passback))
            .add_uint("passback_minutes", g.passback_minutes);
        // Present only when set, so that bundles of events without it keep their bytes.
        if (g.exit_mode) gate.add_uint("exit_mode", 1);
        add_translations(gate, g.name_fr, g.name_nl);
        // Likewise only when not the default (a supervisor's PIN): older bundles keep their bytes.
        if (g.manual_lookup != ManualLookup::pin)
            gate.add_text("manual_lookup", std::string(manual_lookup_name(g.manual_lookup)));
        gates.push_back(gate.build());
    }
    for (const auto& s : e.supervisors)
        supervisors.push_back(CborMapBuilder()
                                  .add_text("id", s.id)
                                  .add_text("name", s.name)
                                  .add_text("pin_hash", s.pin_hash)
                                  .build());
    CborMapBuilder map;
    map.add_text("id", e.id)
        .add_text("name", e.name)
        .add_text("time_zone", e.time_zone)
        .add("days", CborValue::make_array(std::move(days)))
        .add("zones", CborValue::make_array(std::move(zones)))
        .add("categories", CborValue::make_array(std::move(categories)))
        .add("gates", CborValue::make_array(std::move(gates)))
        .add("supervisors", CborValue::make_array(std::move(supervisors)))
        .add_uint("revocation_max_age_minutes", e.revocation_max_age_minutes);
    // Written only when it is not the default, so that the encoding stays canonical (one event,
    // one byte string) and a bundle of before the field existed reads and writes back the same.
    if (e.presence_reset != kDefaultPresenceReset)
        map.add_uint("presence_reset", static_cast<std::uint64_t>(e.presence_reset));
    return map.build();
}

namespace {

// A gate's manual_lookup: present only when not the default (a supervisor's PIN), so that one
// event has one encoding.
void read_manual_lookup(CborMapReader& g, Gate& gate) {
    if (!g.has("manual_lookup")) return;
    const auto mode = manual_lookup_from_name(g.text("manual_lookup", 8));
    if (!mode || *mode == ManualLookup::pin)
        g.fail("has a manual_lookup that is unknown or the default (written by leaving it out)");
    else
        gate.manual_lookup = *mode;
}

} // namespace

Outcome<EventDefinition> event_from_cbor(const CborValue& value) {
    EventDefinition e;
    CborMapReader r(value, "event");
    e.id = r.text("id", kMaxIdBytes);
    e.name = r.text("name", kMaxNameBytes);
    e.time_zone = r.text("time_zone", 64);
    e.revocation_max_age_minutes = static_cast<std::uint32_t>(r.uint("revocation_max_age_minutes", 10080));
    // Absent means the documented default (and bundles made before the field existed lack it);
    // present, it must say something else, or two encodings would mean one event.
    if (r.has("presence_reset")) {
        e.presence_reset = static_cast<LocalMinute>(r.uint("presence_reset", 1439));
        if (e.presence_reset == kDefaultPresenceReset) r.fail("states the default presence_reset");
    }
    if (const CborValue* days = r.array("days")) {
        for (const auto& d : days->items) {
            if (d.kind != CborValue::Kind::uint || d.number > 99991231) r.fail("has a bad day");
            else e.days.push_back(date_from(d.number));
        }
    }
    each_map(r, "zones", [&](CborMapReader& z) {
        Zone zone;
        zone.id = z.text("id", kMaxIdBytes);
        zone.code = static_cast<std::uint32_t>(z.uint("code", 255));
        zone.name = z.text("name", kMaxNameBytes);
        zone.min_rank = static_cast<std::uint32_t>(z.uint("min_rank", 100));
        if (z.has("parent")) zone.parent = z.text("parent", kMaxIdBytes);
        if (z.has("capacity")) zone.capacity = static_cast<std::uint32_t>(z.uint("capacity", UINT32_MAX));
        each_map(z, "windows", [&](CborMapReader& w) {
            OpeningWindow window;
            window.day = date_from(w.uint("day", 99991231));
            window.from = static_cast<LocalMinute>(w.uint("from", 1440));
            window.to = static_cast<LocalMinute>(w.uint("to", 1440));
            zone.windows.push_back(window);
        });
        read_translations(z, zone.name_fr, zone.name_nl);
        e.zones.push_back(std::move(zone));
    });
    each_map(r, "categories", [&](CborMapReader& c) {
        Category cat;
        cat.id = c.text("id", kMaxIdBytes);
        cat.code = static_cast<std::uint32_t>(c.uint("code", 255));
        cat.name = c.text("name", kMaxNameBytes);
        cat.rank = static_cast<std::uint32_t>(c.uint("rank", 100));
        cat.colour = c.text("colour", 7);
        cat.zones = read_text_list(c, "zones");
        read_translations(c, cat.name_fr, cat.name_nl);
        e.categories.push_back(std::move(cat));
    });
    each_map(r, "gates", [&](CborMapReader& g) {
        Gate gate;
        gate.id = g.text("id", kMaxIdBytes);
        gate.name = g.text("name", kMaxNameBytes);
        gate.zone = g.text("zone", kMaxIdBytes);
        const std::string direction = g.text("direction", 8);
        const std::string passback = g.text("anti_passback", 8);
        gate.passback_minutes = static_cast<std::uint32_t>(g.uint("passback_minutes", 10080));
        if (auto known = direction_from_name(direction)) gate.direction = *known;
        else g.fail("has an unknown direction");
        if (auto known = passback_from_name(passback)) gate.anti_passback = *known;
        else g.fail("has an unknown anti-passback mode");
        if (g.has("exit_mode")) {
            gate.exit_mode = g.uint("exit_mode", 1) == 1;
            if (!gate.exit_mode) g.fail("has exit_mode 0, which is written by leaving it out");
            if (gate.direction != Direction::entry) g.fail("is an exit with an exit mode");
        }
        read_translations(g, gate.name_fr, gate.name_nl);
        read_manual_lookup(g, gate);
        e.gates.push_back(std::move(gate));
    });
    each_map(r, "supervisors", [&](CborMapReader& s) {
        Supervisor sup;
        sup.id = s.text("id", kMaxIdBytes);
        sup.name = s.text("name", kMaxNameBytes);
        sup.pin_hash = s.text("pin_hash", 256);
        e.supervisors.push_back(std::move(sup));
    });
    if (auto s = r.finish(); !s) return s.error();
    return e;
}

} // namespace accred
