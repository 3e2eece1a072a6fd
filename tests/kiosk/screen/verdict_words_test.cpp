// The facts beside a verdict in the guard's words, in each language: dates in event-local time
// with the month spelt out, the current issue, the principal, the wait, the next opening.
#include "kiosk/screen/shipped_strings.h"
#include "kiosk/screen/verdict_words.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

VerdictView refused(Reason reason) {
    VerdictView v;
    v.kind = Verdict::denied;
    v.reason = reason;
    v.zone_name = {"Plenary hall", "Salle plénière", "Plenaire zaal"};
    return v;
}

} // namespace

TEST_CASE("Dates are event-local with the month in the language", "[screen][words]") {
    const ScreenText text = test::shipped_strings();
    const LocalDateTime t{{2014, 4, 1}, 14 * 60 + 5, 120};
    CHECK(local_time_text(text, test::language_index(text, "en"), t) == "1 April 2014, 14:05");
    CHECK(local_time_text(text, test::language_index(text, "fr"), t) == "1 avril 2014 à 14:05");
    CHECK(local_time_text(text, test::language_index(text, "nl"), t) == "1 april 2014 om 14:05");
}

TEST_CASE("Each refusal's fact, in each language", "[screen][words]") {
    const ScreenText text = test::shipped_strings();
    const std::size_t en = test::language_index(text, "en"), fr = test::language_index(text, "fr"),
                      nl = test::language_index(text, "nl");
    VerdictView early = refused(Reason::not_yet_valid);
    CHECK(fact_line(early, text, en).empty()); // no local time known: nothing guessed
    early.valid_from = LocalDateTime{{2014, 4, 1}, 0, 120};
    CHECK(fact_line(early, text, en) == "Valid from 1 April 2014, 00:00");
    CHECK(fact_line(early, text, fr) == "Valable à partir du 1 avril 2014 à 00:00");

    VerdictView late = refused(Reason::expired);
    late.valid_until = LocalDateTime{{2014, 3, 31}, 23 * 60 + 59, 120};
    CHECK(fact_line(late, text, nl) == "Geldig tot 31 maart 2014 om 23:59");

    VerdictView replaced = refused(Reason::superseded);
    replaced.facts.current_issue = 3;
    replaced.facts.scanned_issue = 1;
    CHECK(fact_line(replaced, text, en) == "Issue 3 is the current badge (this is issue 1)");
    VerdictView revoked = refused(Reason::revoked);
    CHECK(fact_line(revoked, text, en) == "No newer badge is known for this person");
    revoked.facts = replaced.facts;
    CHECK(fact_line(revoked, text, en) == fact_line(replaced, text, en));

    VerdictView escort = refused(Reason::escort_without_principal);
    escort.facts.principal = "P002";
    CHECK(fact_line(escort, text, en) == "Needs principal P002 inside Plenary hall");
    escort.principal_name = "Ban Ki-moon"; // the holder index knows the principal
    CHECK(fact_line(escort, text, en) == "Needs principal P002 Ban Ki-moon inside Plenary hall");
    CHECK_THAT(fact_line(escort, text, fr), Catch::Contains("Salle plénière"));

    VerdictView again = refused(Reason::already_inside);
    CHECK(fact_line(again, text, en).empty()); // hard anti-passback: no wait to tell
    again.facts.reentry_in_s = 6 * 60 + 20;
    CHECK(fact_line(again, text, en) == "Re-entry possible in 7 min"); // rounded up

    VerdictView closed = refused(Reason::zone_closed);
    closed.zone_opens = LocalDateTime{{2014, 4, 1}, 14 * 60, 120};
    CHECK(fact_line(closed, text, en) == "Plenary hall opens 1 April 2014, 14:00");
    closed.zone_opens.reset();
    closed.facts.zone_never_reopens = true;
    CHECK(fact_line(closed, text, nl) == "Plenaire zaal gaat niet meer open tijdens het evenement");

    VerdictView stale = refused(Reason::stale_revocations);
    stale.kind = Verdict::attention;
    stale.facts.revocations_age_s = 14 * 3600;
    CHECK(fact_line(stale, text, en) == "Revocation data 14 h 0 min old");

    VerdictView first = refused(Reason::granted);
    first.kind = Verdict::attention;
    first.parent_zone = {"Main building", "Bâtiment principal", "Hoofdgebouw"};
    CHECK(fact_line(first, text, fr) ==
          "Aucune entrée préalable enregistrée dans : Bâtiment principal");
    CHECK(fact_line(refused(Reason::capacity_reached), text, en).empty());
}

TEST_CASE("The holder's zones are listed in the language", "[screen][words]") {
    const ScreenText text = test::shipped_strings();
    VerdictView v;
    CHECK(zones_line(v, text, 0).empty());
    v.zones = {{"Palace grounds", "Enceinte du palais", "Paleisterrein"}, {"Press centre", "", ""}};
    CHECK(zones_line(v, text, test::language_index(text, "en")) ==
          "Access: Palace grounds, Press centre");
    CHECK(zones_line(v, text, test::language_index(text, "nl")) ==
          "Toegang: Paleisterrein, Press centre");
}
