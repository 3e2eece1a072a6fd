// A kiosk's installed bundle: an SQLite file holding the signed manifest in force and the
// roster (holder -> photo and its SHA-256), looked up by holder id at each scan, and the
// holders' claims for manual lookup (holder_index.h). The kiosk holds
// the manifest in memory and never the photos, so 100 000 people cost it disk, not RAM.
// A store is used by one thread at a time; another connection (another BundleStore on the same
// file) may apply a delta while this one reads (WAL). docs/bundle-format.md, "At the kiosk".
#pragma once

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_reader.h"
#include "bundle/holder_match.h"
#include "crypto/claims.h"
#include "crypto/outcome.h"
#include "store/sqlite_db.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

class BundleStore {
  public:
    // Installs the whole bundle reader holds as a new store file at path, which must not exist:
    // the roster streamed in one transaction, its count and digest checked against the manifest
    // before it is committed. On any error nothing is left at path. reader must be of a whole
    // bundle, not a delta. The file is closed when this returns: open it with open().
    [[nodiscard]] static Status create(const std::string& path, BundleReader& reader);

    // Opens the store at path: the stored manifest's signature checked again with event_key,
    // and the roster's count and digest recomputed and compared with it (a store altered on disk
    // or half-written is refused).
    // roster_check: skip only where the caller checks the roster itself right after (a delta's
    // install: apply_delta recomputes the digest over the result), so it is not scanned twice.
    enum class RosterCheck { verify, skip };
    static Outcome<BundleStore> open(const std::string& path, const PublicKey& event_key,
                                     RosterCheck roster_check = RosterCheck::verify);

    // Applies the delta reader holds in one transaction. Refused, changing nothing, unless it is
    // for the same event, its base is at or below the version in force and its version above,
    // and the roster afterwards has exactly the count and digest its manifest states.
    [[nodiscard]] Status apply_delta(BundleReader& reader);

    const BundleManifest& manifest() const { return manifest_; }
    const std::string& path() const { return path_; }

    // The SHA-256 of holder's photo, nullopt when the roster has no photo for holder.
    Outcome<std::optional<Sha256Digest>> photo_sha256(const std::string& holder);
    // Holder's photo file, nullopt when the roster has none.
    Outcome<std::optional<std::string>> photo(const std::string& holder);

    // Manual lookup (docs/kiosk.md): whether the bundle carried its holders' claims. A store of a
    // bundle made before they travelled has none, and manual lookup is then unavailable.
    Outcome<bool> manual_lookup_available();
    // At most limit holders whose id starts with query or whose name's words start with its
    // words, accent- and case-insensitively, best first (holder_index.h); none when manual
    // lookup is unavailable.
    Outcome<std::vector<HolderMatch>> search(std::string_view query, std::size_t limit);
    // The claims of holder's current badge as the bundle carries them (signed by the event key
    // through the manifest), nullopt when it carries none for holder.
    Outcome<std::optional<Claims>> claims(const std::string& holder);

    // Lets go of the file (closes the connection), as the kiosk does with its log when its file
    // system fails, so that it can be unmounted and repaired. The next lookup opens the file
    // again by its path, and uses it only if it still holds the manifest in force.
    void release();

  private:
    // The first column of sql's row for holder (one parameter), prepared once into cached.
    Outcome<std::optional<std::string>> lookup(std::unique_ptr<Statement>& cached, const char* sql,
                                               const std::string& holder);
    BundleStore(Database db, BundleManifest manifest, std::string signed_manifest, std::string path)
        : db_(std::move(db)), manifest_(std::move(manifest)),
          signed_manifest_(std::move(signed_manifest)), path_(std::move(path)) {}
    // After release(): the file opened again, if it still holds signed_manifest_.
    Status reopen();

    Database db_;
    BundleManifest manifest_;
    std::string signed_manifest_; // as stored: what a reopened file must still hold
    std::string path_;
    std::unique_ptr<Statement> find_sha256_; // prepared once: a scan's lookup
    std::unique_ptr<Statement> find_photo_;
};

} // namespace accred
