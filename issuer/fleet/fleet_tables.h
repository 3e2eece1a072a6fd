// The desk's records of its fleet, in desk.db beside the kiosk register (kiosk_register.h):
//
//   fleet_certificates        every kiosk certificate signed (serial, kiosk, gate, validity)
//   fleet_withdrawn           kiosks withdrawn (lost, stolen): refused from then on, never deleted
//   fleet_contact             each kiosk's last sync: when, what it holds, its clock
//   fleet_forks               rows a kiosk pushed that differ from the rows held: refused, kept
//   fleet_revocation_updates  the revocation updates issuer serve signed and handed down
#pragma once

#include "crypto/outcome.h"
#include "store/sqlite_db.h"

namespace accred {

// Creates the fleet tables in desk.db when missing (an older workspace gains them on first use;
// the rest of desk.db is untouched). Safe to call from several processes at once.
Status ensure_fleet_tables(Database& desk_db);

} // namespace accred
