// Roster upload: a roster CSV and its photos, saved into a private temporary folder and imported
// by import_roster_file, exactly as `issuer roster import` does (a roster with mistakes imports
// nothing; the page lists every problem as the command prints it); then "Issue all", a
// background job running issue_everyone as `issuer issue --all` does, its progress polled.
#include "issuer/issuance.h"
#include "issuer/roster_import.h"
#include "issuer/web/upload_folder.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"roster_title", "Roster upload", "Import de la liste", "Lijst uploaden"},
    {"roster_file", "Roster (CSV, docs/roster-format.md)", "Liste (CSV, docs/roster-format.md)",
     "Lijst (CSV, docs/roster-format.md)"},
    {"roster_photos", "Its photos (select them all)", "Ses photos (les sélectionner toutes)",
     "De foto's (selecteer ze allemaal)"},
    {"roster_upload", "Upload and import", "Envoyer et importer", "Uploaden en importeren"},
    {"roster_limit",
     "At most 256 MiB at once. Larger rosters go through the command: issuer roster import.",
     "256 Mio au plus en une fois. Les listes plus grandes passent par la commande : issuer "
     "roster import.",
     "Hoogstens 256 MiB in één keer. Grotere lijsten gaan via het commando: issuer roster "
     "import."},
    {"roster_problems", "The roster has mistakes; nothing was imported.",
     "La liste contient des erreurs ; rien n'a été importé.",
     "De lijst bevat fouten; er is niets geïmporteerd."},
    {"roster_no_file", "Choose the roster's CSV file.", "Choisissez le fichier CSV de la liste.",
     "Kies het CSV-bestand van de lijst."},
    {"roster_imported", "Imported", "Importé", "Geïmporteerd"},
    {"people_from", "people from", "personnes depuis", "personen uit"},
    {"added", "added", "ajoutées", "toegevoegd"},
    {"changed", "changed", "modifiées", "gewijzigd"},
    {"unchanged", "unchanged", "inchangées", "ongewijzigd"},
    {"changed_note",
     "People whose badge is already issued need a reissue for the change to reach "
     "their badge.",
     "Les personnes dont le badge est déjà émis doivent en recevoir un nouveau pour que la "
     "modification y figure.",
     "Wie al een badge heeft, krijgt de wijziging pas op een nieuwe badge."},
    {"issue_all_title", "Issue badges", "Émettre les badges", "Badges uitgeven"},
    {"issue_all_text", "Sign a badge for everyone on the roster who has no valid badge yet.",
     "Signer un badge pour chaque personne de la liste qui n'a pas encore de badge valide.",
     "Een badge ondertekenen voor iedereen op de lijst zonder geldige badge."},
    {"issue_all", "Issue all", "Tout émettre", "Alles uitgeven"},
    {"issue_progress", "Signing badges", "Signature des badges", "Badges ondertekenen"},
    {"issued", "issued", "émis", "uitgegeven"},
    {"already", "already had a valid badge", "avaient déjà un badge valide",
     "hadden al een geldige badge"},
    {"needs_reissue", "changed since their badge (reissue to update it)",
     "modifiés depuis leur badge (à réémettre)", "gewijzigd sinds hun badge (opnieuw uitgeven)"},
    {"job_failed", "Issuing failed; nothing was issued:",
     "L'émission a échoué ; rien n'a été émis :", "Uitgeven mislukt; er is niets uitgegeven:"},
    {"upload_refused", "Upload refused:", "Envoi refusé :", "Upload geweigerd:"},
    {"upload_name_folder", "a folder path, not a file name",
     "un chemin de dossier, pas un nom de fichier", "een mappad, geen bestandsnaam"},
    {"upload_name_dot", "a hidden (dot) file", "un fichier caché (point)",
     "een verborgen (punt)bestand"},
    {"upload_name_empty", "a file without a name", "un fichier sans nom",
     "een bestand zonder naam"},
    {"upload_name_long", "a name over 255 bytes", "un nom de plus de 255 octets",
     "een naam langer dan 255 bytes"},
    {"upload_name_control", "a name with control characters",
     "un nom avec des caractères de contrôle", "een naam met stuurtekens"},
    {"upload_too_large", "a file over 16 MiB", "un fichier de plus de 16 Mio",
     "een bestand groter dan 16 MiB"},
    {"upload_twice", "given twice", "donné deux fois", "twee keer gegeven"},
};

// A photo file is at most 4 MiB (kMaxPhotoFileBytes) and the import says so in its words; an
// upload far over that is refused before it is written to disk.
constexpr std::size_t kMaxUploadedPhoto = 16u << 20;

nlohmann::json texts(const WebCall& c) {
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    return t;
}

void show(WebCall& c, nlohmann::json data, int status) {
    data["title"] = texts(c)["roster_title"];
    data["can_issue"] = c.allowed(Permission::issue_badges);
    data["has_refused"] = data.contains("refused") && !data["refused"].empty();
    data["has_problems"] = data.contains("problems") && !data["problems"].empty();
    c.page("roster.mustache", kTexts, std::move(data), status);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        if (end > pos) out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Saves the upload's photos into folder/photos: every name plain, none twice, none huge. The
// problems, each "NAME: why" in the operator's language; empty when all were saved.
Outcome<std::vector<std::string>> save_photos(const WebCall& c, UploadFolder& folder) {
    const nlohmann::json t = texts(c);
    std::vector<std::string> problems;
    std::set<std::string> seen;
    auto [from, to] = c.req.files.equal_range("photos");
    for (auto it = from; it != to; ++it) {
        const httplib::MultipartFormData& part = it->second;
        if (part.filename.empty() && part.content.empty()) continue; // no file chosen
        std::string why = upload_name_problem(part.filename);
        if (why.empty() && part.content.size() > kMaxUploadedPhoto) why = "upload_too_large";
        if (why.empty() && !seen.insert(part.filename).second) why = "upload_twice";
        if (!why.empty()) {
            problems.push_back(part.filename + ": " + std::string(t[why]));
            continue;
        }
        if (auto s = folder.write("photos", part.filename, part.content); !s) return s.error();
    }
    if (seen.empty()) { // the import looks in photos/: an empty one says "missing photo"
        std::error_code ignored;
        std::filesystem::create_directory(folder.path() / "photos", ignored);
    }
    return problems;
}

// The uploaded roster's name, for messages ("roster.csv:3: ...") and the journal: the browser
// sends the file's own name; any folder part is dropped.
std::string roster_name(const std::string& filename) {
    const std::size_t slash = filename.find_last_of("/\\");
    std::string name = slash == std::string::npos ? filename : filename.substr(slash + 1);
    return upload_name_problem(name).empty() ? name : "roster.csv";
}

nlohmann::json import_summary(const RosterImport& r, const std::string& name) {
    nlohmann::json withdrawn = nlohmann::json::array();
    for (const Withdrawal& w : r.still_withdrawn)
        withdrawn.push_back(withdrawn_notice(w, "still withdrawn"));
    return {{"file", name},
            {"people", r.people},
            {"added", r.report.added.size()},
            {"changed", r.report.changed.size()},
            {"unchanged", r.report.unchanged.size()},
            {"added_ids", r.report.added},
            {"has_added", !r.report.added.empty()},
            {"changed_ids", r.report.changed},
            {"has_changed", !r.report.changed.empty()},
            {"withdrawn", withdrawn}};
}

void do_upload(WebCall& c) {
    if (!c.req.has_file("roster") || c.req.get_file_value("roster").content.empty())
        return show(c, {{"refused", {texts(c)["roster_no_file"]}}}, 400);
    const httplib::MultipartFormData roster = c.req.get_file_value("roster");
    const std::string name = roster_name(roster.filename);
    auto folder = UploadFolder::create();
    if (!folder) return c.fail(500, folder.error().message);
    auto refused = save_photos(c, folder.value());
    if (!refused) return c.fail(500, refused.error().message);
    if (!refused->empty()) return show(c, {{"refused", refused.value()}}, 400);
    if (auto s = folder->write("", "roster.csv", roster.content); !s)
        return c.fail(500, s.error().message);
    const RosterImportOptions options{(folder->path() / "roster.csv").string(),
                                      (folder->path() / "photos").string(), name, "photos"};
    auto imported = import_roster_file(c.desk(), options, static_cast<std::uint64_t>(c.now()));
    if (!imported) return c.fail(500, imported.error().message);
    if (!imported->problems.empty())
        return show(c, {{"file", name}, {"problems", lines(imported->problems)}}, 422);
    c.shared.search.invalidate();
    const ImportReport& report = imported->report;
    const std::string counts = std::to_string(report.added.size()) + " added, " +
                               std::to_string(report.changed.size()) + " changed, " +
                               std::to_string(report.unchanged.size()) + " unchanged";
    if (auto r = c.journal(JournalAction::upload_roster, name, counts); !r)
        return c.fail(500, r.error().message);
    show(c, {{"imported", import_summary(imported.value(), name)}}, 200);
}

nlohmann::json issue_summary(const IssueResult& r) {
    nlohmann::json withdrawn = nlohmann::json::array();
    for (const Withdrawal& w : r.withdrawn)
        withdrawn.push_back(withdrawn_notice(w, "not issued"));
    return {{"issued", r.issued.size()},
            {"already", r.already.size()},
            {"needs_reissue", r.needs_reissue},
            {"withdrawn", withdrawn}};
}

// Starts issue_everyone on its own thread with its own desk.db connection; the journal row is
// written by the job when it has issued, in the operator's name.
void start_issue_all(WebCall& c) {
    WebShared& shared = c.shared;
    OperatorAction row;
    row.operator_name = c.operator_name();
    row.role = std::string(role_name(c.session()->role));
    row.action = JournalAction::issue;
    row.subject = "all";
    row.remote = c.remote();
    const std::string id = shared.jobs.start(
        c.operator_name(), [&shared, row](const WebJobs::Progress& progress, bool& failed) mutable {
            auto desk = shared.pool->take();
            const std::int64_t now = shared.config.clock();
            auto result =
                issue_everyone(*desk, shared.key, static_cast<std::uint64_t>(now), progress);
            failed = !result;
            if (!result) return nlohmann::json{{"error", result.error().message}};
            row.at = now;
            row.detail = std::to_string(result->issued.size()) + " issued";
            if (auto s = record_operator_action(desk->db(), row); !s) {
                failed = true;
                return nlohmann::json{{"error", s.error().message}};
            }
            return issue_summary(result.value());
        });
    if (c.req.get_header_value("Accept").find("application/json") != std::string::npos)
        return c.json({{"job", id}}, 202);
    c.redirect("/roster?job=" + id);
}

// A job's progress and result, for the operator who started it only (anyone else: not found).
void job_api(WebCall& c) {
    const auto state = c.shared.jobs.state(c.path_part());
    if (!state || state->owner != c.operator_name()) return c.json({{"error", "not found"}}, 404);
    c.json({{"done", state->done},
            {"total", state->total},
            {"finished", state->finished},
            {"failed", state->failed},
            {"result", state->result}});
}

void show_page(WebCall& c) {
    nlohmann::json data = nlohmann::json::object();
    const std::string job = c.param("job");
    if (!job.empty()) data["job"] = job;
    show(c, std::move(data), 200);
}

} // namespace

std::vector<WebRoute> roster_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/roster", Permission::register_people, false, show_page},
        {M::post, "/roster", Permission::register_people, false, do_upload},
        {M::post, "/roster/issue", Permission::issue_badges, false, start_issue_all},
        {M::get, R"(/api/jobs/([A-Za-z0-9_-]{1,64}))", std::nullopt, false, job_api},
    };
}

} // namespace accred
