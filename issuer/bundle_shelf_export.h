// Exporting a bundle onto the desk's shelf, DESK/exports/, where issuer serve offers it to the
// kiosks (issuer/fleet/bundle_shelf.h): bundle-<version>.acb for a whole bundle,
// bundle-<version>-on-<base>.acb for a delta. issuer bundle and the web desk's bundles page both
// export this way.
#pragma once

#include "issuer/bundle_export.h"

#include <functional>
#include <string>

namespace accred {

struct ShelfExport {
    BundleExportResult result;
    std::string path; // DESK/exports/bundle-...acb
};

// Exports a bundle (request.since: a delta) into DESK/exports/, handing the same bytes to
// also_to when it is set (issuer bundle's --out file). Written under a temporary name while the
// version is not yet known and linked into place only when complete, never over an existing
// copy; an export refused before it writes leaves nothing. An Error from also_to stops it.
Outcome<ShelfExport>
export_bundle_to_shelf(Desk& desk, const SigningKey& event_key, const BundleExportRequest& request,
                       const std::function<Status(std::span<const std::uint8_t>)>& also_to = {});

// DESK/exports/revocations-<version>.update: the next revocation update, signed, for kiosks
// updated by hand (issuer serve hands its own to connected kiosks). Returns the path and the
// list written.
struct ShelvedRevocations {
    RevocationList list;
    std::string path;
    std::size_t bytes = 0;
};
Outcome<ShelvedRevocations> export_revocations_to_shelf(Desk& desk, const SigningKey& event_key,
                                                        std::uint64_t now);

} // namespace accred
