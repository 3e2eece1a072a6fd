// The home page: search people by name (accent- and case-insensitive), id or delegation, as the
// operator types (the script asks /api/search; without script the form submits to /).
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <chrono>

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"search_title", "People", "Personnes", "Personen"},
    {"search_label", "Name, id or delegation", "Nom, identifiant ou délégation",
     "Naam, id of delegatie"},
    {"search_button", "Search", "Rechercher", "Zoeken"},
    {"col_id", "Id", "Identifiant", "Id"},
    {"col_name", "Name", "Nom", "Naam"},
    {"col_delegation", "Delegation", "Délégation", "Delegatie"},
    {"col_category", "Category", "Catégorie", "Categorie"},
    {"no_match", "Nobody matches.", "Aucune correspondance.", "Niemand gevonden."},
    {"people_count", "people on the roster", "personnes sur la liste", "personen op de lijst"},
};

constexpr std::size_t kMaxResults = 50;

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Outcome<nlohmann::json> find(WebCall& c, const std::string& query, std::size_t& roster_size) {
    auto index = c.shared.search.get(c.desk(), steady_ms());
    if (!index) return index.error();
    roster_size = index.value()->size();
    nlohmann::json rows = nlohmann::json::array();
    for (const PersonSummary& p : index.value()->find(query, kMaxResults)) {
        const Category* category = c.desk().event().find_category(p.category);
        rows.push_back({{"id", p.id},
                        {"name", p.name},
                        {"delegation", p.delegation},
                        {"category", category ? category->name : p.category}});
    }
    return rows;
}

void search_page(WebCall& c) {
    const std::string q = c.param("q");
    std::size_t size = 0;
    auto rows = find(c, q, size);
    if (!rows) return c.fail(500, rows.error().message);
    c.page("search.mustache", kTexts,
           {{"q", q},
            {"rows", rows.value()},
            {"searched", !q.empty()},
            {"none", !q.empty() && rows->empty()},
            {"roster_size", size}});
}

void search_api(WebCall& c) {
    std::size_t size = 0;
    auto rows = find(c, c.param("q"), size);
    if (!rows) return c.json({{"error", rows.error().message}}, 500);
    c.json({{"people", rows.value()}, {"roster_size", size}});
}

} // namespace

std::vector<WebRoute> search_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/", Permission::search_people, false, search_page},
        {M::get, "/api/search", Permission::search_people, false, search_api},
    };
}

} // namespace accred
