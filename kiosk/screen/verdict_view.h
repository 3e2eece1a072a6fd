// What the verdict screen shows for one decision: pure data made from the engine's report, so
// the rules of what a guard sees (which title, which words, photo or warning) are tested without
// a window.
#pragma once

#include "entrylog/entry_record.h"
#include "event/local_time.h"
#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/shown_name.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

enum class PhotoState {
    matches,  // the bundle's photo has the credential's digest: show it
    mismatch, // a photo exists but is not the one signed into the badge: warn, do not show it
    none,     // no photo for this holder (or no verified holder)
};

struct VerdictView {
    Verdict kind = Verdict::denied; // green tick, red cross, amber triangle (never colour alone)
    Reason reason = Reason::internal_error;
    std::string title_key;  // verdict.granted, verdict.exit, verdict.override, ...
    std::string reason_key; // reason.<code>: what happened, in plain words
    std::string action_key; // action.<code>: what the guard does next
    bool admitted = false;  // the door opens (a grant, an exit, an admitting attention)
    bool entering = true;   // an entry (holder.entering) or an exit (holder.leaving)
    ShownName zone_name;
    // The holder, once the credential verified (empty otherwise).
    std::string holder;
    std::string name;
    std::string delegation;
    ShownName category;
    std::string category_colour; // "#RRGGBB", the badge's band
    PhotoState photo = PhotoState::none;
    std::string photo_bytes; // the JPEG to show, only when photo == matches
    std::string override_by; // the supervisor's name, for an override
    bool override_possible = false;
    std::uint64_t log_seq = 0; // 0 when the log could not be written
    int hold_ms = 0;           // how long the verdict stays before the screen waits again
    // The other rules that failed too, most severe first (Decision::other_reasons), and the
    // facts their notes give: what the kiosk knew at the decision, nothing more.
    std::vector<Reason> other_reasons;
    std::int64_t revocations_age_s = 0; // the newest revocation list's age
    std::string first_day;              // the badge's first and last valid days, event-local
    std::string last_day;               // ISO dates; empty without a verified badge
    // The facts beside the verdict (Decision::facts), with its instants in event-local time
    // (nullopt when the event's zone cannot be read: no guessed local time is shown).
    DecisionFacts facts;
    std::optional<LocalDateTime> valid_from;
    std::optional<LocalDateTime> valid_until;
    std::optional<LocalDateTime> zone_opens;
    ShownName parent_zone; // facts.parent_not_entered, named
    // The holder's zones (the category's and the badge's own, in the event's order), and the
    // principal an escort protects: shown on the holder's card.
    std::vector<ShownName> zones;
    std::string principal;
    // The principal's name where the bundle's holder index knows them (manual lookup's claims),
    // so that the guard reads "P002 Ban Ki-moon" rather than an id alone; empty otherwise.
    std::string principal_name;
};

// How long each verdict stays up: a grant is read at a glance; a refusal or an attention
// needs the guard to read the reason and act, and the holder to hear why.
inline constexpr int kGrantedHoldMs = 3000;
inline constexpr int kRefusedHoldMs = 6000;

// now: the kiosk clock at the decision (UTC seconds), for the revocation data's age. tz: the
// bundle's event.time_zone resolved (GateEngine::time_zone), for the badge's first and last day.
VerdictView make_verdict_view(const Reported& reported, const KioskState& state,
                              const ResolvedZone& tz, std::int64_t now);
// The same, resolving the bundle's time zone on each call.
VerdictView make_verdict_view(const Reported& reported, const KioskState& state, std::int64_t now);

// "Also: revocation data 14 h 0 min old; outside opening hours" in the language, or "" when no
// other rule failed. A reason without a note of its own is named by its reason.X words.
std::string other_reasons_line(const VerdictView& view, const ScreenText& text,
                               std::size_t language);

} // namespace accred
