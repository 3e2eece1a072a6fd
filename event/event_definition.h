// The event as the desk defines it and the kiosks enforce it: days, zones, categories, gates,
// supervisors, policy settings. Plain values; parsed from TOML by event_toml.h and carried to the
// kiosks inside the signed bundle.
#pragma once

#include "event/direction.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// A calendar date in the event's time zone.
struct LocalDate {
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const LocalDate&) const = default;
};

// Minutes after local midnight, 0..1440 (1440 = the end of the day).
using LocalMinute = int;
inline constexpr LocalMinute kDefaultPresenceReset = 4 * 60;

// A zone is open on `day` from `from` (inclusive) to `to` (exclusive), local time.
struct OpeningWindow {
    LocalDate day;
    LocalMinute from = 0;
    LocalMinute to = 1440;
    bool operator==(const OpeningWindow&) const = default;
};

struct Zone {
    std::string id;           // e.g. "hls_room"; [a-z0-9_]{1,32}
    std::uint32_t code = 0;   // 0..255, carried in credentials; assigned in file order
    std::string name;         // shown to staff
    std::optional<std::string> parent; // id of the enclosing zone, none for the outermost
    std::uint32_t min_rank = 0;        // clearance rank needed, 0..100
    std::optional<std::uint32_t> capacity; // people inside at most
    // When the zone is open. Empty means open whenever the event runs (all day, every day).
    std::vector<OpeningWindow> windows;
    // Printed in the zone's box on badges (badge_mark_of), so a door without a kiosk can check
    // access: 1 to 4 letters or digits ("1", "P", "HLS"); empty: not given. Not in the bundle.
    std::string badge_mark{};
    // The name in French and Dutch for the kiosk screen (optional; "" shows `name`).
    std::string name_fr{};
    std::string name_nl{};
    bool operator==(const Zone&) const = default;
};

struct Category {
    std::string id;          // e.g. "principal"
    std::uint32_t code = 0;  // 0..255, in order of protocol precedence (0 = highest)
    std::string name;        // e.g. "Head of delegation / Minister"
    std::uint32_t rank = 0;  // clearance rank 0..100
    std::string colour;      // "#RRGGBB", the badge band
    std::vector<std::string> zones; // zones granted by default
    // The name in French and Dutch for the kiosk screen (optional; "" shows `name`).
    std::string name_fr{};
    std::string name_nl{};
    bool operator==(const Category&) const = default;
};

enum class AntiPassback { none, soft, hard, timed };

// Whether the guard may decide by typing a holder's id or name when a badge will not scan
// (docs/kiosk.md, "Manual lookup"): only with a supervisor's PIN (the default), freely, or never.
enum class ManualLookup { pin, open, off };
// "pin", "open" or "off": the form in event.toml and the bundle.
std::string_view manual_lookup_name(ManualLookup mode);
// The reverse; nullopt for any other text.
std::optional<ManualLookup> manual_lookup_from_name(std::string_view name);

struct Gate {
    std::string id;                // e.g. "main_gate"
    std::string name;
    std::string zone;              // the zone this gate leads into (entry) or out of (exit)
    Direction direction = Direction::entry;
    AntiPassback anti_passback = AntiPassback::hard;
    std::uint32_t passback_minutes = 0; // for timed: re-entry allowed after this long
    // An entry door also used as a way out: the guard may switch its kiosk to record exits.
    bool exit_mode = false;
    // The name in French and Dutch for the kiosk screen (optional; "" shows `name`).
    std::string name_fr{};
    std::string name_nl{};
    // Manual lookup at this gate (issue 20): appended last so that other fields keep their place.
    ManualLookup manual_lookup = ManualLookup::pin;
    bool operator==(const Gate&) const = default;
};

struct Supervisor {
    std::string id;
    std::string name;
    std::string pin_hash; // Argon2id, crypto_pwhash_str format ("$argon2id$v=19$...")
    bool operator==(const Supervisor&) const = default;
};

struct EventDefinition {
    std::string id;        // the credential's iss: short, [A-Za-z0-9._-]{1,32}
    std::string name;
    std::string time_zone; // IANA name, e.g. "Europe/Brussels"
    std::vector<LocalDate> days;
    std::vector<Zone> zones;
    std::vector<Category> categories; // in order of protocol precedence
    std::vector<Gate> gates;
    std::vector<Supervisor> supervisors;
    // Revocation data older than this at a kiosk is stale: entry then needs a supervisor.
    std::uint32_t revocation_max_age_minutes = 720;
    // The local time each day at which presence ends: who entered before it is no longer taken
    // to be inside (people leave by doors without a kiosk, and go home). 04:00 by default: after
    // the latest evening session, before the earliest staff arrive, and outside the hours clocks
    // change (02:00-03:00 in Europe), so it exists on every day.
    LocalMinute presence_reset = kDefaultPresenceReset;
    // The event's logo for badges: a PNG or JPEG file named relative to the event file as
    // written there; empty: none. The desk keeps a checked copy (Desk::logo); not in the bundle.
    std::string logo{};

    // Lookups by id or code; nullptr when there is none. Linear: an event has at most 256 zones
    // and 256 categories, and codes equal the position in file order after parsing.
    const Zone* find_zone(const std::string& zone_id) const;
    const Zone* find_zone_code(std::uint32_t code) const;
    const Category* find_category(const std::string& category_id) const;
    const Category* find_category_code(std::uint32_t code) const;
    const Gate* find_gate(const std::string& gate_id) const;
    const Supervisor* find_supervisor(const std::string& supervisor_id) const;
    bool operator==(const EventDefinition&) const = default;
};

// What a badge prints in zone's box: its badge_mark, else its position in the file (code + 1),
// so zones are numbered 1, 2, 3... as on accreditation cards.
std::string badge_mark_of(const Zone& zone);

} // namespace accred
