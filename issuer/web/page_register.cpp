// Walk-in registration: one new person typed in at the desk, checked by check_walk_in (the
// roster import's rules and words, each problem beside its field), with a photo from the desk's
// webcam or a file (cropped to the badge's portrait in the page: register.js), then added,
// issued and handed to the person page to print.
#include "event/calendar.h"
#include "event/local_time.h"
#include "issuer/issuance.h"
#include "issuer/roster_rules.h"
#include "issuer/walk_in.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <sodium.h>

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"register_title", "Walk-in registration", "Inscription sur place", "Inschrijving ter plaatse"},
    {"field_id", "Id", "Identifiant", "Id"},
    {"field_name", "Name (as printed on the badge)", "Nom (tel qu'imprimé sur le badge)",
     "Naam (zoals op de badge gedrukt)"},
    {"field_delegation", "Delegation or organisation", "Délégation ou organisation",
     "Delegatie of organisatie"},
    {"field_category", "Category", "Catégorie", "Categorie"},
    {"field_days", "Days", "Jours", "Dagen"},
    {"field_zones", "Extra zones (beyond the category's)",
     "Zones supplémentaires (en plus de la catégorie)", "Extra zones (naast die van de categorie)"},
    {"field_escort_of", "Close protection of (the principal's id)",
     "Protection rapprochée de (identifiant de la personnalité)",
     "Persoonsbeveiliging van (id van de hoofdpersoon)"},
    {"field_photo", "Photo", "Photo", "Foto"},
    {"choose_category", "Choose a category", "Choisir une catégorie", "Kies een categorie"},
    {"camera_start", "Use the camera", "Utiliser la caméra", "Camera gebruiken"},
    {"take_photo", "Take photo", "Prendre la photo", "Foto nemen"},
    {"retake_photo", "Retake", "Reprendre", "Opnieuw"},
    {"photo_file", "or choose a file", "ou choisir un fichier", "of kies een bestand"},
    {"photo_hint", "The photo is cropped to the badge's portrait (4:5), centred.",
     "La photo est recadrée au format portrait du badge (4:5), centrée.",
     "De foto wordt bijgesneden tot het portret van de badge (4:5), gecentreerd."},
    {"camera_unavailable", "No camera available: choose a file.",
     "Aucune caméra disponible : choisissez un fichier.",
     "Geen camera beschikbaar: kies een bestand."},
    {"photo_kept", "The photo given before is kept.", "La photo donnée est conservée.",
     "De eerder gegeven foto blijft behouden."},
    {"issue_now", "Issue the badge now", "Émettre le badge maintenant", "De badge nu uitgeven"},
    {"print_now", "and open the print dialog", "et ouvrir l'impression",
     "en het afdrukvenster openen"},
    {"register_button", "Register", "Inscrire", "Inschrijven"},
    {"problems_intro", "Please correct the marked fields:",
     "Veuillez corriger les champs signalés :", "Verbeter de gemarkeerde velden:"},
    {"optional", "optional", "facultatif", "optioneel"},
};

constexpr const char* kFields[] = {"id",   "name",  "delegation", "category",
                                   "days", "zones", "escort_of",  "photo"};

// Every value sent under name: checkboxes repeat it; a multipart form carries fields as parts.
std::vector<std::string> values(const WebCall& c, const std::string& name) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < c.req.get_param_value_count(name.c_str()); ++i)
        out.push_back(c.req.get_param_value(name.c_str(), i));
    auto [from, to] = c.req.files.equal_range(name);
    for (auto it = from; it != to; ++it)
        if (it->second.filename.empty()) out.push_back(it->second.content);
    return out;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : ";") + p;
    return out;
}

std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

std::string unbase64(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return "";
    out.resize(length);
    return out;
}

// The form as sent. A photo checked on an earlier try comes back as photo_kept (the browser
// cannot fill a file field again) and counts when no new file is given.
WalkInForm read_form(const WebCall& c) {
    WalkInForm f;
    f.id = c.param("id");
    f.name = c.param("name");
    f.delegation = c.param("delegation");
    f.category = c.param("category");
    f.days = joined(values(c, "days"));
    f.zones = joined(values(c, "zones"));
    f.escort_of = c.param("escort_of");
    if (c.req.has_file("photo") && !c.req.get_file_value("photo").content.empty()) {
        const auto photo = c.req.get_file_value("photo");
        f.photo = photo.content;
        f.photo_name = c.param("photo_name");
        if (f.photo_name.empty()) f.photo_name = photo.filename;
    } else if (!c.param("photo_kept").empty()) {
        f.photo = unbase64(c.param("photo_kept"));
        f.photo_name = c.param("photo_name");
    }
    if (f.photo_name.empty()) f.photo_name = "photo";
    return f;
}

// The event's days from today on (the desk's clock, the event's time zone): a walk-in comes
// for what is left of the event. All of them before it starts; none once it is over.
std::set<std::string> default_days(Desk& desk, std::int64_t now) {
    std::set<std::string> out;
    const auto local = utc_to_local(desk.time_zone(), now);
    for (const LocalDate& d : desk.event().days)
        if (!local || d >= local->date) out.insert(format_iso_date(d));
    return out;
}

std::set<std::string> split(const std::string& text) {
    std::set<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find(';', pos);
        if (end == std::string::npos) end = text.size();
        if (end > pos) out.insert(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Each field's problems (a field may have several), by field name.
std::map<std::string, std::vector<std::string>> by_field(const std::vector<FieldProblem>& list) {
    std::map<std::string, std::vector<std::string>> out;
    for (const FieldProblem& p : list)
        out[p.field].push_back(p.message);
    return out;
}

struct FormState {
    WalkInForm form;
    std::vector<FieldProblem> problems;
    std::string kept_photo; // normalised, when the photo was good
    bool issue_now = true, print_now = true;
    bool sent = false; // a POST: the checkboxes are as sent
};

nlohmann::json form_data(WebCall& c, const FormState& s) {
    const EventDefinition& event = c.desk().event();
    const auto problems = by_field(s.problems);
    nlohmann::json f = nlohmann::json::object();
    const std::map<std::string, std::string> typed = {{"id", s.form.id},
                                                      {"name", s.form.name},
                                                      {"delegation", s.form.delegation},
                                                      {"category", s.form.category},
                                                      {"escort_of", s.form.escort_of}};
    for (const char* field : kFields) {
        const auto it = problems.find(field);
        f[field]["problems"] = it == problems.end() ? std::vector<std::string>{} : it->second;
        f[field]["invalid"] = it != problems.end();
        f[field]["value"] = typed.count(field) ? typed.at(field) : "";
    }
    nlohmann::json categories = nlohmann::json::array();
    for (const Category& k : event.categories)
        categories.push_back(
            {{"id", k.id}, {"name", k.name}, {"selected", k.id == s.form.category}});
    const std::set<std::string> days =
        s.sent ? split(s.form.days) : default_days(c.desk(), c.now());
    nlohmann::json day_list = nlohmann::json::array();
    for (const LocalDate& d : event.days) {
        const std::string iso = format_iso_date(d);
        day_list.push_back({{"iso", iso}, {"checked", days.contains(iso)}});
    }
    const std::set<std::string> zones = split(s.form.zones);
    nlohmann::json zone_list = nlohmann::json::array();
    for (const Zone& z : event.zones)
        zone_list.push_back({{"id", z.id}, {"name", z.name}, {"checked", zones.contains(z.id)}});
    return {{"f", f},
            {"categories", categories},
            {"days", day_list},
            {"zones", zone_list},
            {"has_problems", !s.problems.empty()},
            {"photo_kept",
             s.kept_photo.empty() ? nlohmann::json(nullptr) : nlohmann::json(base64(s.kept_photo))},
            {"photo_name", s.form.photo_name},
            {"can_issue", c.allowed(Permission::issue_badges)},
            {"issue_now", s.issue_now},
            {"print_now", s.print_now}};
}

void show_form(WebCall& c, const FormState& s, int status) {
    nlohmann::json data = form_data(c, s);
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    data["title"] = t["register_title"];
    c.page("register.mustache", kTexts, std::move(data), status);
}

// Which of the ids check_walk_in asks about (the new id, the principal) are on the roster: two
// lookups by key, not every id of the event read for each form checked as the operator types.
Outcome<std::set<std::string>> known_ids(Desk& desk, const WalkInForm& form) {
    std::set<std::string> known;
    for (const std::string& id : {form.id, form.escort_of}) {
        if (id.empty() || !valid_person_id(id)) continue;
        auto person = desk.person(id);
        if (!person) return person.error();
        if (person->has_value()) known.insert(id);
    }
    return known;
}

// The problems the form has now, as JSON by field: what the script shows as the operator types.
void check_api(WebCall& c) {
    const WalkInForm form = read_form(c);
    auto known = known_ids(c.desk(), form);
    if (!known) return c.json({{"error", known.error().message}}, 500);
    const WalkInCheck check = check_walk_in(form, c.desk().event(), known.value());
    nlohmann::json list = nlohmann::json::array();
    for (const FieldProblem& p : check.problems)
        list.push_back({{"field", p.field}, {"message", p.message}});
    c.json({{"ok", check.problems.empty()}, {"problems", list}});
}

// Signs the new person's badge and journals it; the number of the issue, or why not.
Status issue_walk_in(WebCall& c, const std::string& id) {
    auto issued =
        issue_credentials(c.desk(), c.shared.key, {id}, static_cast<std::uint64_t>(c.now()), {});
    if (!issued) return issued.error();
    return c.journal(JournalAction::issue, id, joined(issued->issued));
}

void do_register(WebCall& c) {
    FormState s;
    s.form = read_form(c);
    s.sent = true;
    s.issue_now = c.param("issue_now") == "1";
    s.print_now = c.param("print_now") == "1";
    auto known = known_ids(c.desk(), s.form);
    if (!known) return c.fail(500, known.error().message);
    WalkInCheck check = check_walk_in(s.form, c.desk().event(), known.value());
    if (check.person) {
        const Person& person = *check.person;
        if (auto added = c.desk().add_new_person(person, static_cast<std::uint64_t>(c.now()));
            !added) {
            if (added.error().message != already_on_roster(person.id))
                return c.fail(500, added.error().message);
            check.problems.push_back({"id", added.error().message});
            s.kept_photo = person.photo;
        } else {
            c.shared.search.invalidate();
            if (auto r = c.journal(JournalAction::register_person, person.id, person.name); !r)
                return c.fail(500, r.error().message);
            const bool issue = s.issue_now && c.allowed(Permission::issue_badges);
            if (issue)
                if (auto r = issue_walk_in(c, person.id); !r)
                    return c.fail(500, person.id +
                                           " is registered, but the badge could not be "
                                           "issued: " +
                                           r.error().message);
            return c.redirect("/person/" + person.id + "?done=registered" +
                              (issue && s.print_now ? "&print=1" : ""));
        }
    } else if (!s.form.photo.empty()) {
        // The photo itself may be good while other fields are not: keep it for the next try.
        bool photo_bad = false;
        for (const auto& p : check.problems)
            photo_bad = photo_bad || p.field == "photo";
        if (!photo_bad)
            if (auto photo = roster_photo(s.form.photo, s.form.photo_name); photo)
                s.kept_photo = std::move(photo).value();
    }
    s.problems = std::move(check.problems);
    show_form(c, s, 422);
}

} // namespace

std::vector<WebRoute> register_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/register", Permission::register_people, false,
         [](WebCall& c) { show_form(c, FormState{}, 200); }},
        {M::post, "/register", Permission::register_people, false, do_register},
        {M::post, "/api/register/check", Permission::register_people, false, check_api},
    };
}

} // namespace accred
