#include "reason_text.h"

namespace accred {
namespace {

// Copied from assets/kiosk/strings.toml (the kiosk's own table is loaded by the kiosk at run
// time; the desk embeds its words); reason_text_test checks that both agree.
constexpr TextEntry kReasons[] = {
    {"reason_granted", "Entry granted", "Accès autorisé", "Toegang verleend"},
    {"reason_granted_override", "Admitted by a supervisor", "Admis par un superviseur",
     "Toegelaten door een supervisor"},
    {"reason_exit_recorded", "Exit recorded", "Sortie enregistrée", "Uitgang geregistreerd"},
    {"reason_malformed", "Not a badge of this conference, or unreadable",
     "Pas un badge de cette conférence, ou illisible",
     "Geen badge van deze conferentie, of onleesbaar"},
    {"reason_bad_signature", "Forged or altered badge", "Badge falsifié ou modifié",
     "Vervalste of gewijzigde badge"},
    {"reason_unknown_key", "Badge from an unknown issuer", "Badge d'un émetteur inconnu",
     "Badge van een onbekende uitgever"},
    {"reason_wrong_event", "Badge for another event", "Badge d'un autre événement",
     "Badge voor een ander evenement"},
    {"reason_not_yet_valid", "Badge not valid yet", "Badge pas encore valable",
     "Badge nog niet geldig"},
    {"reason_expired", "Badge expired", "Badge expiré", "Badge verlopen"},
    {"reason_revoked", "Badge revoked", "Badge révoqué", "Badge ingetrokken"},
    {"reason_superseded", "Replaced by a newer badge", "Remplacé par un badge plus récent",
     "Vervangen door een nieuwere badge"},
    {"reason_zone_not_granted", "No access to this area", "Pas d'accès à cette zone",
     "Geen toegang tot deze zone"},
    {"reason_insufficient_clearance", "Clearance too low for this area",
     "Habilitation insuffisante pour cette zone", "Onvoldoende machtiging voor deze zone"},
    {"reason_zone_closed", "This area is closed at this time",
     "Cette zone est fermée à cette heure", "Deze zone is nu gesloten"},
    {"reason_already_inside", "Badge already used to enter", "Badge déjà utilisé pour entrer",
     "Badge al gebruikt om binnen te gaan"},
    {"reason_escort_without_principal", "Escort without their principal inside",
     "Accompagnateur sans sa personnalité à l'intérieur",
     "Begeleider zonder zijn hoofdpersoon binnen"},
    {"reason_capacity_reached", "This area is full", "Cette zone est pleine", "Deze zone is vol"},
    {"reason_stale_revocations", "Revocation data out of date", "Données de révocation périmées",
     "Intrekkingsgegevens verouderd"},
    {"reason_clock_suspect", "The kiosk clock is wrong", "L'horloge de la borne est fausse",
     "De klok van de kiosk klopt niet"},
    {"reason_log_unavailable", "Entries cannot be recorded",
     "Les entrées ne peuvent pas être enregistrées", "Doorgangen kunnen niet worden vastgelegd"},
    {"reason_pin_rejected", "Wrong supervisor PIN", "Code superviseur erroné",
     "Verkeerde supervisorcode"},
    {"reason_supervisor_unlock", "Gate unlocked by a supervisor",
     "Poste déverrouillé par un superviseur", "Poort ontgrendeld door een supervisor"},
    {"reason_granted_manual", "Admitted by manual lookup", "Admis par recherche manuelle",
     "Toegelaten via handmatig opzoeken"},
    {"reason_manual_lookup", "Manual lookup", "Recherche manuelle", "Handmatig opzoeken"},
    {"reason_internal_error", "Internal error", "Erreur interne", "Interne fout"},
};

} // namespace

std::span<const TextEntry> reason_texts() {
    return kReasons;
}

} // namespace accred
