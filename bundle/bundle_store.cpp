#include "bundle_store.h"

#include "bundle/bundle_store_schema.h"
#include "bundle/holder_index.h"
#include "crypto/claims_cbor.h"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace accred {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

Sha256Digest digest_from(const std::string& blob) {
    Sha256Digest d{};
    std::copy_n(blob.begin(), std::min(blob.size(), d.size()), d.begin());
    return d;
}

// The roster's count and digest as the store holds it, in holder order (the table's key).
Outcome<RosterSummary> summarise_store(Database& db) {
    auto q = db.prepare("SELECT holder, sha256 FROM roster ORDER BY holder");
    if (!q) return q.error();
    RosterDigest digest;
    bool ordered = true;
    Status read = for_each_row(*q, [&](Statement& r) {
        const std::string sha = r.column_blob(1);
        if (sha.size() != 32 || !digest.add(r.column_text(0), digest_from(sha))) ordered = false;
    });
    if (!read) return read.error();
    if (!ordered) return Error{"the roster table is damaged"};
    return digest.finish();
}

Status write_manifest(Database& db, const BundleReader& reader) {
    auto put =
        db.prepare("INSERT OR REPLACE INTO manifest(id, version, signed) VALUES (1, ?1, ?2)");
    if (!put) return put.error();
    return put->bind(1, static_cast<std::int64_t>(reader.manifest().bundle.version))
        .bind_blob(2, reader.signed_manifest())
        .run();
}

// Inserts (or replaces) each entry reader yields; the roster's digest is checked by the caller.
Status store_roster(Database& db, BundleReader& reader) {
    auto put_sha = db.prepare("INSERT OR REPLACE INTO roster(holder, sha256) VALUES (?1, ?2)");
    if (!put_sha) return put_sha.error();
    auto put_photo = db.prepare("INSERT OR REPLACE INTO photos(holder, photo) VALUES (?1, ?2)");
    if (!put_photo) return put_photo.error();
    auto index = HolderIndexWriter::prepare(db);
    if (!index) return index.error();
    return reader.read_roster(
        [&](const std::string& holder, std::string_view photo, std::string_view claims) -> Status {
            if (auto s = index->put(holder, claims); !s) return s;
            const Sha256Digest sha = sha256_of(photo);
            if (auto s = put_sha->bind(1, holder).bind_blob(2, sha).run(); !s) return s;
            put_sha->reset();
            if (auto s = put_photo->bind(1, holder).bind_blob(2, bytes_of(photo)).run(); !s)
                return s;
            put_photo->reset();
            return success();
        });
}

Status check_summary(Database& db, const BundleManifest& m, const std::string& what) {
    auto summary = summarise_store(db);
    if (!summary) return summary.error();
    if (summary.value() != m.roster)
        return Error{what + ": the roster holds " + std::to_string(summary->people) +
                     " people whose digest does not match the " + std::to_string(m.roster.people) +
                     " the signed manifest states"};
    return success();
}

Status sync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{"cannot open " + path + " to flush it"};
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Error{"cannot flush " + path + " to disk"};
    return success();
}

Status fill_new_store(Database& db, BundleReader& reader) {
    // A new file nobody else opens until it is complete: no journal and no sync while the roster
    // goes in (a crash leaves a partial file that is deleted), then one flush of the whole file.
    if (auto s = db.exec("PRAGMA journal_mode=OFF"); !s) return s;
    if (auto s = db.exec("PRAGMA synchronous=OFF"); !s) return s;
    if (auto s = db.exec(bundle_store_schema::kSchema); !s) return s;
    if (auto s = create_holder_index(db); !s) return s;
    if (auto s = db.exec("BEGIN"); !s) return s;
    Status filled = store_roster(db, reader);
    if (filled) filled = check_summary(db, reader.manifest(), "the bundle");
    if (filled) filled = write_manifest(db, reader);
    if (!filled) {
        (void)db.exec("ROLLBACK");
        return filled;
    }
    if (auto s = db.exec("COMMIT"); !s) return s;
    // Readers and a delta's writer share the file from now on.
    return db.exec("PRAGMA journal_mode=WAL");
}

} // namespace

Status BundleStore::create(const std::string& path, BundleReader& reader) {
    if (reader.manifest().is_delta())
        return Error{"a delta cannot start a bundle store: it needs the whole bundle first"};
    if (::access(path.c_str(), F_OK) == 0) return Error{path + " already exists"};
    auto db = Database::open(path, Database::Mode::read_write_create);
    if (!db) return db.error();
    Status filled = fill_new_store(db.value(), reader);
    db->close();
    if (filled) filled = sync_file(path);
    if (!filled) {
        std::remove(path.c_str());
        return filled;
    }
    return success();
}

Outcome<BundleStore> BundleStore::open(const std::string& path, const PublicKey& event_key,
                                       RosterCheck roster_check) {
    if (::access(path.c_str(), F_OK) != 0) return Error{path + " does not exist"};
    auto db = Database::open(path, Database::Mode::read_write_create);
    if (!db) return db.error();
    db->limit_value_bytes(static_cast<int>(std::max(kMaxManifestBytes, kMaxRosterPhotoBytes)));
    auto q = db->prepare("SELECT signed FROM manifest WHERE id = 1");
    if (!q) return Error{path + " is not a bundle store: " + q.error().message};
    auto signed_bytes = only_row(*q, "the manifest", [](Statement& r) { return r.column_blob(0); });
    if (!signed_bytes) return Error{path + ": " + signed_bytes.error().message};
    auto manifest = read_bundle_manifest(bytes_of(signed_bytes.value()), event_key);
    if (!manifest) return Error{path + ": " + manifest.error().message};
    if (roster_check == RosterCheck::verify)
        if (auto s = check_summary(db.value(), manifest.value(), path); !s) return s.error();
    BundleStore store(std::move(db).value(), std::move(manifest).value(),
                      std::move(signed_bytes).value(), path);
    return store;
}

Status BundleStore::apply_delta(BundleReader& reader) {
    const BundleManifest& delta = reader.manifest();
    const KioskBundle& held = manifest_.bundle;
    if (!delta.is_delta()) return Error{"not a delta: install a whole bundle as a new store"};
    if (delta.bundle.event.id != held.event.id)
        return Error{"the delta is for another event (" + delta.bundle.event.id + ")"};
    if (*delta.base > held.version || delta.bundle.version <= held.version)
        return Error{"the delta takes bundle version " + std::to_string(*delta.base) +
                     " or later to version " + std::to_string(delta.bundle.version) +
                     "; this store holds version " + std::to_string(held.version)};
    Status applied = in_transaction(db_, [&]() -> Status {
        // A store made before claims travelled gains the index with the first delta.
        if (auto s = create_holder_index(db_); !s) return s;
        auto drop_sha = db_.prepare("DELETE FROM roster WHERE holder = ?1");
        auto drop_photo = db_.prepare("DELETE FROM photos WHERE holder = ?1");
        auto index = HolderIndexWriter::prepare(db_);
        if (!drop_sha || !drop_photo || !index) return Error{"cannot prepare the delta's removals"};
        for (const auto& holder : delta.removed) {
            if (auto s = index->remove(holder); !s) return s;
            if (auto s = drop_sha->bind(1, holder).run(); !s) return s;
            if (auto s = drop_photo->bind(1, holder).run(); !s) return s;
            drop_sha->reset();
            drop_photo->reset();
        }
        if (auto s = store_roster(db_, reader); !s) return s;
        if (auto s = check_summary(db_, delta, "the delta"); !s) return s;
        return write_manifest(db_, reader);
    });
    if (!applied) return applied;
    manifest_ = delta;
    const auto& signed_bytes = reader.signed_manifest();
    signed_manifest_.assign(signed_bytes.begin(), signed_bytes.end());
    return success();
}

void BundleStore::release() {
    find_sha256_.reset();
    find_photo_.reset();
    db_.close();
}

Status BundleStore::reopen() {
    if (::access(path_.c_str(), F_OK) != 0) return Error{path_ + " is not there"};
    auto db = Database::open(path_, Database::Mode::read_write_create);
    if (!db) return db.error();
    { // the statement ends before the connection moves
        auto q = db->prepare("SELECT signed FROM manifest WHERE id = 1");
        if (!q) return q.error();
        auto held = only_row(*q, "the manifest", [](Statement& r) { return r.column_blob(0); });
        if (!held) return held.error();
        if (held.value() != signed_manifest_)
            return Error{path_ + " no longer holds the manifest in force"};
    }
    db_ = std::move(db).value();
    return success();
}

Outcome<std::optional<std::string>> BundleStore::lookup(std::unique_ptr<Statement>& cached,
                                                        const char* sql,
                                                        const std::string& holder) {
    if (!db_.is_open())
        if (auto s = reopen(); !s) return s.error();
    // Prepared once per connection: a scan's lookup is then one B-tree descent.
    if (!cached) {
        auto q = db_.prepare(sql);
        if (!q) return q.error();
        cached = std::make_unique<Statement>(std::move(q).value());
    }
    cached->bind(1, holder);
    auto found = first_row(*cached, [](Statement& r) { return r.column_blob(0); });
    cached->reset();
    if (!found) return found.error();
    return std::move(found).value();
}

Outcome<std::optional<Sha256Digest>> BundleStore::photo_sha256(const std::string& holder) {
    auto found = lookup(find_sha256_, "SELECT sha256 FROM roster WHERE holder = ?1", holder);
    if (!found) return found.error();
    if (!found->has_value()) return std::optional<Sha256Digest>{};
    return std::optional(digest_from(**found));
}

Outcome<std::optional<std::string>> BundleStore::photo(const std::string& holder) {
    return lookup(find_photo_, "SELECT photo FROM photos WHERE holder = ?1", holder);
}

Outcome<bool> BundleStore::manual_lookup_available() {
    if (!db_.is_open())
        if (auto s = reopen(); !s) return s.error();
    return holder_index_present(db_);
}

Outcome<std::vector<HolderMatch>> BundleStore::search(std::string_view query, std::size_t limit) {
    auto available = manual_lookup_available();
    if (!available) return available.error();
    if (!available.value()) return std::vector<HolderMatch>{};
    return search_holder_index(db_, query, limit);
}

Outcome<std::optional<Claims>> BundleStore::claims(const std::string& holder) {
    auto available = manual_lookup_available();
    if (!available) return available.error();
    if (!available.value()) return std::optional<Claims>{};
    auto bytes = holder_claims(db_, holder);
    if (!bytes) return bytes.error();
    if (bytes->empty()) return std::optional<Claims>{};
    auto decoded = claims_decode(bytes_of(bytes.value()));
    if (!decoded) return Error{path_ + ": holder " + holder + "'s claims are damaged"};
    return std::optional(std::move(decoded).value());
}

} // namespace accred
