// The supervisor's bundles page: what the desk has exported for the kiosks (DESK/exports/, what
// issuer serve offers them), what each kiosk holds, and exports of a whole bundle, a delta on the
// newest, or a revocation update (for kiosks updated by hand), each downloadable.
#include "crypto/count_noun.h"
#include "issuer/bundle_shelf_export.h"
#include "issuer/fleet/bundle_shelf.h"
#include "issuer/fleet/fleet_status.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"bundles_title", "Bundles for the kiosks", "Paquets pour les bornes",
     "Bundels voor de kiosken"},
    {"bundles_intro",
     "Connected kiosks take the newest export from issuer serve by themselves. Download a file for "
     "a kiosk updated by hand (kiosk update).",
     "Les bornes connectées prennent d'elles-mêmes le dernier export chez issuer serve. "
     "Téléchargez un fichier pour une borne mise à jour à la main (kiosk update).",
     "Verbonden kiosken halen zelf de nieuwste export bij issuer serve. Download een bestand voor "
     "een kiosk die met de hand wordt bijgewerkt (kiosk update)."},
    {"export_whole", "Export a whole bundle", "Exporter un paquet complet",
     "Volledige bundel exporteren"},
    {"export_delta", "Export a delta on the newest", "Exporter un delta sur le dernier",
     "Delta op de nieuwste exporteren"},
    {"export_revocations", "Export a revocation update", "Exporter une mise à jour des révocations",
     "Intrekkingsupdate exporteren"},
    {"col_file", "File", "Fichier", "Bestand"},
    {"exports_heading", "Exported files", "Fichiers exportés", "Geëxporteerde bestanden"},
    {"kiosks_heading", "What each kiosk holds", "Ce que détient chaque borne",
     "Wat elke kiosk heeft"},
    {"col_size", "Size", "Taille", "Grootte"},
    {"col_written", "Written", "Écrit", "Geschreven"},
    {"col_kiosk", "Kiosk", "Borne", "Kiosk"},
    {"col_gate", "Gate", "Porte", "Poort"},
    {"col_holds", "Bundle held", "Paquet détenu", "Bundel in bezit"},
    {"no_exports", "Nothing exported yet.", "Rien n'a encore été exporté.",
     "Nog niets geëxporteerd."},
    {"exported", "Exported", "Exporté", "Geëxporteerd"},
};

// What may be downloaded: the names the shelf export writes, nothing else.
const std::regex
    kShelfName(R"((bundle-[0-9]{1,19}(-on-[0-9]{1,19})?\.acb|revocations-[0-9]{1,19}\.update))");

nlohmann::json shelf_files(const std::string& desk_dir) {
    nlohmann::json files = nlohmann::json::array();
    std::error_code ec;
    std::vector<std::filesystem::directory_entry> entries;
    for (const auto& e : std::filesystem::directory_iterator(desk_dir + "/exports", ec))
        if (e.is_regular_file(ec) && std::regex_match(e.path().filename().string(), kShelfName))
            entries.push_back(e);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.last_write_time() > b.last_write_time();
    });
    for (const auto& e : entries) {
        const auto written = std::chrono::file_clock::to_sys(e.last_write_time(ec));
        const std::time_t t = std::chrono::system_clock::to_time_t(written);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
        files.push_back({{"name", e.path().filename().string()},
                         {"size", std::to_string((e.file_size(ec) + 1023) / 1024) + " KB"},
                         {"written", when}});
    }
    return files;
}

void bundles_page(WebCall& c) {
    nlohmann::json kiosks = nlohmann::json::array();
    auto fleet = fleet_status(c.desk().db(), static_cast<std::int64_t>(std::time(nullptr)));
    if (!fleet) return c.fail(500, fleet.error().message);
    for (const auto& k : fleet.value())
        kiosks.push_back({{"id", k.kiosk_id.substr(0, 12)},
                          {"gate", k.gate},
                          {"holds", k.bundle_version},
                          {"state", k.state}});
    const nlohmann::json files = shelf_files(c.desk().dir());
    c.page("bundles.mustache", kTexts,
           {{"files", files},
            {"none", files.empty()},
            {"kiosks", kiosks},
            {"has_kiosks", !kiosks.empty()},
            {"done", c.param("done")},
            {"can_delta", BundleShelf(c.desk().dir()).newest_version() > 0}});
}

void export_bundle_action(WebCall& c) {
    BundleExportRequest request{static_cast<std::uint64_t>(c.now()), std::nullopt};
    if (c.param("kind") == "delta") {
        const std::uint64_t newest = BundleShelf(c.desk().dir()).newest_version();
        if (newest == 0) return c.fail(400, "no bundle to build a delta on: export a whole one");
        request.since = newest;
    }
    auto shelved = export_bundle_to_shelf(c.desk(), c.shared.key, request);
    if (!shelved) return c.fail(500, shelved.error().message);
    const std::string name = std::filesystem::path(shelved->path).filename().string();
    if (auto r = c.journal(JournalAction::export_bundle, name,
                           count_noun(shelved->result.written.bytes, "byte", "bytes"));
        !r)
        return c.fail(500, r.error().message);
    c.redirect("/bundles?done=" + name);
}

void export_revocations_action(WebCall& c) {
    auto shelved =
        export_revocations_to_shelf(c.desk(), c.shared.key, static_cast<std::uint64_t>(c.now()));
    if (!shelved) return c.fail(500, shelved.error().message);
    const std::string name = std::filesystem::path(shelved->path).filename().string();
    if (auto r = c.journal(JournalAction::export_revocations, name,
                           std::to_string(shelved->list.revoked.size()) + " revoked");
        !r)
        return c.fail(500, r.error().message);
    c.redirect("/bundles?done=" + name);
}

void download(WebCall& c) {
    const std::string name = c.path_part();
    if (!std::regex_match(name, kShelfName)) return c.fail(404, "not_found");
    std::ifstream in(c.desk().dir() + "/exports/" + name, std::ios::binary);
    if (!in) return c.fail(404, "not_found");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    c.file(bytes.str(), "application/octet-stream", name, false);
}

} // namespace

std::vector<WebRoute> bundles_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/bundles", Permission::export_bundles, false, bundles_page},
        {M::post, "/bundles/export", Permission::export_bundles, false, export_bundle_action},
        {M::post, "/bundles/revocations", Permission::export_bundles, false,
         export_revocations_action},
        {M::get, R"(/bundles/file/([a-z0-9.-]+))", Permission::export_bundles, false, download},
    };
}

} // namespace accred
