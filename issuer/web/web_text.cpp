#include "web_text.h"

#include <algorithm>
#include <cctype>

namespace accred {
namespace {

constexpr TextEntry kCommon[] = {
    {"app_name", "Accreditation desk", "Bureau d'accréditation", "Accreditatiebalie"},
    {"nav_search", "People", "Personnes", "Personen"},
    {"nav_register", "Walk-in", "Inscription sur place", "Inschrijving ter plaatse"},
    {"nav_roster", "Roster upload", "Import de la liste", "Lijst uploaden"},
    {"nav_operations", "Operations", "Opérations", "Operaties"},
    {"nav_journal", "Journal", "Journal", "Logboek"},
    {"nav_prints", "Print log", "Journal d'impression", "Printlogboek"},
    {"nav_bundles", "Bundles", "Paquets", "Bundels"},
    {"nav_audit", "Audit report", "Rapport d'audit", "Auditrapport"},
    {"logout", "Log out", "Se déconnecter", "Afmelden"},
    {"logged_in_as", "Logged in as", "Connecté en tant que", "Aangemeld als"},
    {"role_operator", "desk operator", "opérateur", "baliemedewerker"},
    {"role_supervisor", "desk supervisor", "superviseur", "supervisor"},
    {"role_security", "security chief", "chef de la sécurité", "hoofd beveiliging"},
    {"role_auditor", "auditor", "auditeur", "auditor"},
    {"language", "Language", "Langue", "Taal"},
    {"print", "Print", "Imprimer", "Afdrukken"},
    {"save", "Save", "Enregistrer", "Opslaan"},
    {"cancel", "Cancel", "Annuler", "Annuleren"},
    {"error", "Error", "Erreur", "Fout"},
    {"not_allowed", "Your role does not allow this.", "Votre rôle ne le permet pas.",
     "Uw rol staat dit niet toe."},
    {"not_found", "Not found.", "Introuvable.", "Niet gevonden."},
    {"session_ended", "Your session has ended. Please log in again.",
     "Votre session a pris fin. Veuillez vous reconnecter.",
     "Uw sessie is beëindigd. Meld u opnieuw aan."},
    {"form_expired", "This form has expired or did not come from this desk. Please try again.",
     "Ce formulaire a expiré ou ne vient pas de ce bureau. Veuillez réessayer.",
     "Dit formulier is verlopen of komt niet van deze balie. Probeer het opnieuw."},
    {"back", "Back", "Retour", "Terug"},
};

} // namespace

std::string known_language(std::string_view lang) {
    for (auto l : kWebLanguages)
        if (l == lang) return std::string(l);
    return "en";
}

std::string language_from_header(std::string_view header) {
    // "fr-BE,fr;q=0.9,en;q=0.8": the first tag whose primary language is ours.
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string tag(header.substr(pos, end - pos));
        tag.erase(0, tag.find_first_not_of(' '));
        tag = tag.substr(0, std::min(tag.find_first_of(";- "), tag.size()));
        std::transform(tag.begin(), tag.end(), tag.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        for (auto l : kWebLanguages)
            if (l == tag) return tag;
        pos = end + 1;
    }
    return "en";
}

void add_texts(nlohmann::json& out, std::span<const TextEntry> table, std::string_view lang) {
    for (const TextEntry& e : table)
        out[e.key] = lang == "fr" ? e.fr : lang == "nl" ? e.nl : e.en;
}

std::span<const TextEntry> common_texts() {
    return kCommon;
}

} // namespace accred
