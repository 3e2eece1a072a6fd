// The security chief's operations view: the fleet's kiosks and the age of their revocation data
// (fleet_status, as `issuer fleet` shows it), a live feed of refusals from DESK/audit.db, and the
// evacuation list of a zone (zone_occupancy, as `issuer audit occupancy` answers it).
//
// DESK/audit.db is written by issuer serve while these pages read it: it is opened with
// AuditStore::open_readonly, whose Database::Mode::bounded_read connection is read-only but not
// immutable (so it sees what serve has committed to the WAL, which an evidence open would not),
// defensive, with a read budget so that no query holds a page thread for ever, and whose schema
// and event are checked (zone_occupancy needs the store's event). The budget runs from the open,
// so each request opens its own connection instead of keeping one.
#include "event/moment_text.h"
#include "issuer/audit/audit_queries.h"
#include "issuer/audit/audit_time.h"
#include "issuer/fleet/fleet_service.h"
#include "issuer/fleet/fleet_status.h"
#include "issuer/web/reason_text.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <ctime>
#include <filesystem>

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"ops_title", "Operations", "Opérations", "Operaties"},
    {"fleet", "Kiosks", "Bornes", "Kiosken"},
    {"col_kiosk", "Kiosk", "Borne", "Kiosk"},
    {"col_gate", "Gate", "Accès", "Poort"},
    {"col_state", "State", "État", "Status"},
    {"col_contact", "Last contact", "Dernier contact", "Laatste contact"},
    {"col_revocations", "Revocation list", "Liste de révocation", "Intrekkingslijst"},
    {"col_rev_age", "Revocation age", "Âge des révocations", "Leeftijd intrekkingen"},
    {"state_online", "online", "en ligne", "online"},
    {"state_offline", "offline", "hors ligne", "offline"},
    {"state_never", "never seen", "jamais vue", "nooit gezien"},
    {"state_withdrawn", "withdrawn", "retirée", "ingetrokken"},
    {"stale", "STALE: entry needs a supervisor", "PÉRIMÉ : l'entrée exige un superviseur",
     "VEROUDERD: toegang vraagt een supervisor"},
    {"stale_limit", "Revocation data is stale after", "Les révocations sont périmées après",
     "Intrekkingsgegevens zijn verouderd na"},
    {"version", "version", "version", "versie"},
    {"no_list", "none received", "aucune reçue", "geen ontvangen"},
    {"no_kiosks", "No kiosk is registered.", "Aucune borne n'est enregistrée.",
     "Er is geen kiosk geregistreerd."},
    {"refusals", "Refusals", "Refus", "Weigeringen"},
    {"refusals_note", "Newest first, updated every 2 seconds.",
     "Les plus récents d'abord, mis à jour toutes les 2 secondes.",
     "Nieuwste eerst, elke 2 seconden bijgewerkt."},
    {"col_photo", "Photo", "Photo", "Foto"},
    {"col_name", "Name", "Nom", "Naam"},
    {"col_delegation", "Delegation", "Délégation", "Delegatie"},
    {"col_time", "Time", "Heure", "Tijd"},
    {"col_reason", "Reason", "Motif", "Reden"},
    {"col_zone", "Zone", "Zone", "Zone"},
    {"col_since", "Inside since", "À l'intérieur depuis", "Binnen sinds"},
    {"col_id", "Id", "Identifiant", "Id"},
    {"no_refusals", "No refusal recorded.", "Aucun refus enregistré.",
     "Geen weigering geregistreerd."},
    {"unknown_holder", "unreadable badge", "badge illisible", "onleesbare badge"},
    {"no_store",
     "No kiosk has synced with this desk yet: there is no entry data (DESK/audit.db) to show.",
     "Aucune borne ne s'est encore synchronisée avec ce bureau : pas de données d'entrée "
     "(DESK/audit.db).",
     "Nog geen kiosk heeft met deze balie gesynchroniseerd: er zijn geen toegangsgegevens "
     "(DESK/audit.db)."},
    {"evacuation", "Evacuation list", "Liste d'évacuation", "Evacuatielijst"},
    {"evacuation_note", "Who is inside a zone (and the zones inside it) at a moment.",
     "Qui se trouve dans une zone (et ses zones intérieures) à un moment donné.",
     "Wie zich op een moment in een zone (en de zones erbinnen) bevindt."},
    {"zone", "Zone", "Zone", "Zone"},
    {"at", "At (event time)", "À (heure de l'événement)", "Op (tijd van het evenement)"},
    {"show", "Show the list", "Afficher la liste", "Lijst tonen"},
    {"people_inside", "people inside", "personnes à l'intérieur", "personen binnen"},
    {"nobody_inside", "Nobody inside.", "Personne à l'intérieur.", "Niemand binnen."},
    {"bad_time", "Unreadable time", "Heure illisible", "Onleesbare tijd"},
    {"minutes", "min", "min", "min"},
    {"hours", "h", "h", "u"},
};

constexpr std::size_t kFeedSize = 50;

nlohmann::json words(WebCall& c) {
    nlohmann::json t = nlohmann::json::object();
    add_texts(t, common_texts(), c.lang());
    add_texts(t, kTexts, c.lang());
    add_texts(t, reason_texts(), c.lang());
    return t;
}

// The store, or nullopt when no kiosk ever synced (the file does not exist yet).
Outcome<std::optional<AuditStore>> open_store(WebCall& c) {
    const std::string path = desk_audit_store_path(c.shared.config.desk_dir);
    if (!std::filesystem::exists(path)) return std::optional<AuditStore>{};
    auto store = AuditStore::open_readonly(path);
    if (!store) return store.error();
    return std::optional<AuditStore>(std::move(store).value());
}

std::string age_text(std::int64_t seconds, const nlohmann::json& t) {
    if (seconds < 3600)
        return std::to_string(std::max<std::int64_t>(seconds, 0) / 60) + " " +
               std::string(t["minutes"]);
    return std::to_string(seconds / 3600) + " " + std::string(t["hours"]) + " " +
           std::to_string(seconds % 3600 / 60) + " " + std::string(t["minutes"]);
}

nlohmann::json kiosk_json(const FleetKioskStatus& k, const EventDefinition& event,
                          const nlohmann::json& t) {
    const std::string state = k.state == "never seen" ? "never" : k.state;
    const std::int64_t limit = std::int64_t{event.revocation_max_age_minutes} * 60;
    const bool seen = k.last_contact.has_value();
    const bool stale = seen && k.state != "withdrawn" && k.revocations_age > limit;
    const Gate* gate = event.find_gate(k.gate);
    return {{"id", k.kiosk_id.substr(0, 16)},
            {"gate", gate ? gate->name + " (" + k.gate + ")" : k.gate},
            {"state", t["state_" + state]},
            {"state_class", state == "online"    ? "good"
                            : state == "offline" ? "problem"
                                                 : "quiet"},
            {"contact", seen ? format_audit_time(event.time_zone, *k.last_contact) : ""},
            {"version",
             seen ? std::string(t["version"]) + " " + std::to_string(k.revocations_version) : ""},
            // A kiosk that never received a list has no age to show: it is stale all the same.
            {"age", !seen                          ? ""
                    : k.revocations_issued_at == 0 ? std::string(t["no_list"])
                                                   : age_text(k.revocations_age, t)},
            {"stale", stale}};
}

Outcome<nlohmann::json> fleet_json(WebCall& c, const nlohmann::json& t) {
    auto fleet = fleet_status(c.desk().db(), static_cast<std::int64_t>(std::time(nullptr)));
    if (!fleet) return fleet.error();
    nlohmann::json rows = nlohmann::json::array();
    for (const FleetKioskStatus& k : fleet.value())
        rows.push_back(kiosk_json(k, c.desk().event(), t));
    return rows;
}

// The person's name, delegation and photo address from desk.db ("" when not on the roster).
Outcome<nlohmann::json> person_json(WebCall& c, const std::string& holder) {
    nlohmann::json p = {{"name", ""}, {"delegation", ""}, {"photo", nullptr}};
    auto person = c.desk().person(holder);
    if (!person) return person.error();
    if (person->has_value()) {
        p["name"] = person->value().name;
        p["delegation"] = person->value().delegation;
        if (!person->value().photo.empty()) p["photo"] = "/person/" + holder + "/photo"; // page_person.cpp serves it
    }
    return p;
}

Outcome<nlohmann::json> refusal_json(WebCall& c, const EntryRecord& r, const nlohmann::json& t) {
    const EventDefinition& event = c.desk().event();
    const Gate* gate = event.find_gate(r.gate);
    const std::string reason(reason_name(r.reason));
    nlohmann::json j = {{"key", r.kiosk_id + ":" + std::to_string(r.seq)},
                        {"time", r.time},
                        {"time_text", format_audit_time(event.time_zone, r.time)},
                        {"gate", gate ? gate->name : r.gate},
                        {"holder", r.holder.value_or("")},
                        {"reason", reason},
                        {"reason_text", t.value("reason_" + reason, reason)},
                        {"verdict", std::string(verdict_name(r.verdict))},
                        {"name", r.holder ? "" : std::string(t["unknown_holder"])},
                        {"delegation", ""},
                        {"photo", nullptr}};
    if (r.holder) {
        auto p = person_json(c, *r.holder);
        if (!p) return p.error();
        j.update(p.value());
    }
    return j;
}

Outcome<nlohmann::json> refusals_json(WebCall& c, AuditStore& store, std::int64_t from,
                                      const nlohmann::json& t) {
    auto rows = recent_refusals(store, from, kFeedSize);
    if (!rows) return rows.error();
    nlohmann::json out = nlohmann::json::array();
    for (const EntryRecord& r : rows.value()) {
        auto j = refusal_json(c, r, t);
        if (!j) return j.error();
        out.push_back(std::move(j).value());
    }
    return out;
}

// The datetime-local field's value for utc: the event's local time "YYYY-MM-DDTHH:MM:SS".
std::string local_field(const std::string& tz, std::int64_t utc) {
    std::string s = format_audit_time(tz, utc).substr(0, 19);
    s[10] = 'T';
    return s;
}

nlohmann::json zone_options(const EventDefinition& event, const std::string& chosen) {
    nlohmann::json zones = nlohmann::json::array();
    for (const Zone& z : event.zones)
        zones.push_back({{"id", z.id}, {"name", z.name}, {"selected", z.id == chosen}});
    return zones;
}

void operations_page(WebCall& c) {
    const nlohmann::json t = words(c);
    auto fleet = fleet_json(c, t);
    if (!fleet) return c.fail(500, fleet.error().message);
    auto store = open_store(c);
    if (!store) return c.fail(500, store.error().message);
    nlohmann::json refusals = nlohmann::json::array();
    if (store->has_value()) {
        auto rows = refusals_json(c, **store, 0, t);
        if (!rows) return c.fail(500, rows.error().message);
        refusals = std::move(rows).value();
    }
    const EventDefinition& event = c.desk().event();
    c.page("operations.mustache", kTexts,
           {{"title", t["ops_title"]},
            {"kiosks", fleet.value()},
            {"stale_limit", age_text(std::int64_t{event.revocation_max_age_minutes} * 60, t)},
            {"store", store->has_value()},
            {"has_refusals", !refusals.empty()},
            {"refusals", refusals},
            {"zones", zone_options(event, "")},
            {"at", local_field(event.time_zone, c.now())}});
}

void refusals_api(WebCall& c) {
    const std::string after = c.param("after");
    std::int64_t from = 0;
    if (!after.empty()) {
        auto parsed =
            parse_moment(ResolvedZone::resolve_or_unknown(c.desk().event().time_zone), after);
        if (!parsed) return c.json({{"error", parsed.error().message}}, 400);
        from = parsed.value();
    }
    auto store = open_store(c);
    if (!store) return c.json({{"error", store.error().message}}, 500);
    if (!store->has_value())
        return c.json({{"store", false}, {"refusals", nlohmann::json::array()}});
    auto rows = refusals_json(c, **store, from, words(c));
    if (!rows) return c.json({{"error", rows.error().message}}, 500);
    c.json({{"store", true}, {"refusals", rows.value()}});
}

Outcome<nlohmann::json> occupants_json(WebCall& c, const std::vector<Occupant>& inside) {
    const EventDefinition& event = c.desk().event();
    nlohmann::json rows = nlohmann::json::array();
    for (const Occupant& o : inside) {
        auto p = person_json(c, o.holder);
        if (!p) return p.error();
        const Zone* zone = event.find_zone(o.zone);
        const Gate* gate = event.find_gate(o.gate);
        nlohmann::json row = {{"id", o.holder},
                              {"zone", zone ? zone->name : o.zone},
                              {"gate", gate ? gate->name : o.gate},
                              {"since", format_audit_time(event.time_zone, o.since)}};
        row.update(p.value());
        rows.push_back(std::move(row));
    }
    return rows;
}

// The evacuation list: the same people as `issuer audit occupancy ZONE --now T` (the same call on
// the same store), with their names, delegations and photos from desk.db. Journalled.
void evacuation_page(WebCall& c) {
    const nlohmann::json t = words(c);
    const EventDefinition& event = c.desk().event();
    std::string zone = c.param("zone");
    if (zone.empty() && !event.zones.empty()) zone = event.zones.front().id;
    const std::string at_text = c.param("at");
    std::int64_t at = c.now();
    if (!at_text.empty()) {
        auto parsed = parse_moment(ResolvedZone::resolve_or_unknown(event.time_zone), at_text);
        if (!parsed) return c.fail(400, std::string(t["bad_time"]) + ": " + at_text);
        at = parsed.value();
    }
    nlohmann::json data = {
        {"title", t["evacuation"]},
        {"zones", zone_options(event, zone)},
        {"at", local_field(event.time_zone, at)},
        {"at_text", format_audit_time(event.time_zone, at)},
        {"zone_name", event.find_zone(zone) ? event.find_zone(zone)->name : zone},
        {"store", false}};
    auto store = open_store(c);
    if (!store) return c.fail(500, store.error().message);
    std::size_t count = 0;
    if (store->has_value()) {
        auto inside = zone_occupancy(**store, zone, at);
        if (!inside) return c.fail(400, inside.error().message);
        auto rows = occupants_json(c, inside.value());
        if (!rows) return c.fail(500, rows.error().message);
        count = inside->size();
        data["store"] = true;
        data["people"] = std::move(rows).value();
        data["count"] = count;
    }
    if (auto s = c.journal(JournalAction::view_evacuation_list, zone,
                           "at " + format_audit_time(event.time_zone, at) + ", " +
                               std::to_string(count) + " inside");
        !s)
        return c.fail(500, s.error().message);
    c.page("evacuation.mustache", kTexts, data);
}

} // namespace

std::vector<WebRoute> operations_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/operations", Permission::view_operations, false, operations_page},
        {M::get, "/api/refusals", Permission::view_operations, false, refusals_api},
        {M::get, "/operations/evacuation", Permission::view_operations, false, evacuation_page},
    };
}

} // namespace accred
