#include "bundle_export.h"

#include "bundle/roster_digest.h"
#include "crypto/claims_cbor.h"
#include "crypto/credential.h"

#include <charconv>
#include <memory>

namespace accred {
namespace {

constexpr const char* kTrackedSinceKey = "roster_tracked_since";

// The text of person p's current badge, NULL when there is none: their newest credential, unless
// it is revoked (reissue revokes the old one; revoke for cause also withdraws) or they are
// withdrawn. Its claims travel in the bundle for manual lookup at the gate.
#define ACCRED_CURRENT_CREDENTIAL                                                                  \
    "(SELECT c.text FROM credentials c WHERE c.holder = p.id AND c.issue = (SELECT max(issue) "    \
    "FROM credentials WHERE holder = p.id) AND NOT EXISTS (SELECT 1 FROM revocations r WHERE "     \
    "r.cti = c.cti) AND NOT EXISTS (SELECT 1 FROM accreditation_journal j WHERE j.holder = p.id "  \
    "AND j.action = 'withdrawn' AND j.seq = (SELECT max(seq) FROM accreditation_journal WHERE "    \
    "holder = p.id)))"

constexpr const char* kWholeRoster = "SELECT p.id, p.photo, " ACCRED_CURRENT_CREDENTIAL
                                     " FROM people p WHERE length(p.photo) > 0 ORDER BY p.id";
constexpr const char* kChangedRoster =
    "SELECT p.id, p.photo, " ACCRED_CURRENT_CREDENTIAL " FROM bundle_roster b JOIN people p ON "
    "p.id = b.holder WHERE b.changed_in > ?1 AND b.removed = 0 ORDER BY b.holder";

// What bundle_roster tracks per holder: the SHA-256 of their photo's digest and their current
// badge's text, so that a new badge (reissue, revoke, reinstate and issue) puts the holder in the
// next delta as a new photo does.
Sha256Digest entry_digest(const Sha256Digest& photo, const std::string& credential) {
    std::string both(photo.begin(), photo.end());
    both += credential;
    return sha256_of(both);
}

// The export version from which bundle_roster tracks the roster (nullopt: no export yet).
Outcome<std::optional<std::uint64_t>> tracked_since(Database& db) {
    auto q = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!q) return q.error();
    q->bind(1, kTrackedSinceKey);
    auto text = first_row(*q, [](Statement& r) { return r.column_text(0); });
    if (!text) return text.error();
    if (!text->has_value()) return std::optional<std::uint64_t>{};
    std::uint64_t v = 0;
    const std::string& t = **text;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc{} || end != t.data() + t.size())
        return Error{"desk.db's " + std::string(kTrackedSinceKey) + " is damaged"};
    return std::optional(v);
}

Status check_since(Database& db, std::uint64_t since, std::uint64_t version) {
    auto from = tracked_since(db);
    if (!from) return from.error();
    if (!from->has_value())
        return Error{"no bundle of format 2 was exported from this desk yet: export a whole "
                     "bundle first (issuer bundle without --since)"};
    if (since < **from)
        return Error{"this desk tracks roster changes from bundle version " +
                     std::to_string(**from) + " on; a kiosk holding version " +
                     std::to_string(since) + " needs a whole bundle"};
    if (since >= version)
        return Error{"--since " + std::to_string(since) + " is not below the next version (" +
                     std::to_string(version) + ")"};
    return success();
}

// Brings bundle_roster to the roster as of version (the people with a photo), marking what
// changed in it, and returns the whole roster's summary. One walk over the photos.
Outcome<RosterSummary> track_roster(Database& db, std::uint64_t version) {
    auto people = db.prepare(kWholeRoster);
    auto held = db.prepare("SELECT sha256 FROM bundle_roster WHERE holder = ?1 AND removed = 0");
    auto put = db.prepare(
        "INSERT INTO bundle_roster(holder, sha256, changed_in, removed) VALUES (?1, ?2, ?3, 0) "
        "ON CONFLICT(holder) DO UPDATE SET sha256 = ?2, changed_in = ?3, removed = 0");
    if (!people || !held || !put) return Error{"desk.db: cannot prepare the roster's tracking"};
    RosterDigest digest;
    Status walked = for_each_row(*people, [&](Statement& r) -> Status {
        const std::string id = r.column_text(0);
        const Sha256Digest photo = sha256_of(r.column_blob(1));
        if (!digest.add(id, photo)) return Error{"desk.db: people are not in id order"};
        const Sha256Digest sha = entry_digest(photo, r.column_text(2));
        held->bind(1, id);
        auto before = first_row(*held, [](Statement& h) { return h.column_blob(0); });
        held->reset();
        if (!before) return before.error();
        const std::string sha_text(sha.begin(), sha.end());
        if (before->has_value() && **before == sha_text) return success();
        auto s =
            put->bind(1, id).bind_blob(2, sha).bind(3, static_cast<std::int64_t>(version)).run();
        put->reset();
        return s;
    });
    if (!walked) return walked.error();
    auto gone = db.prepare("UPDATE bundle_roster SET removed = 1, changed_in = ?1 WHERE removed "
                           "= 0 AND holder NOT IN (SELECT id FROM people WHERE length(photo) > 0)");
    if (!gone) return gone.error();
    if (auto s = gone->bind(1, static_cast<std::int64_t>(version)).run(); !s) return s.error();
    return digest.finish();
}

Status start_tracking_once(Database& db, std::uint64_t version) {
    auto put = db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES (?1, ?2)");
    if (!put) return put.error();
    return put->bind(1, kTrackedSinceKey).bind(2, std::to_string(version)).run();
}

// The claims of a current badge's text (claims_encode bytes), "" for none. The desk's own
// credentials, checked all the same with the keys the bundle trusts.
Outcome<std::string> claims_of(const std::string& holder, const std::string& credential,
                               const TrustStore& keys) {
    if (credential.empty()) return std::string();
    const Verification v = verify_credential(credential, keys, {std::nullopt, std::nullopt});
    if (!v.ok())
        return Error{"desk.db: " + holder + "'s current badge does not verify: " + v.detail()};
    auto bytes = claims_encode(v.claims());
    if (!bytes) return bytes.error();
    return std::string(bytes->begin(), bytes->end());
}

// A walk over sql's rows (holder, photo, current credential) in holder order, bound to since
// when given.
RosterWalk walk_rows(Database& db, const char* sql, std::optional<std::uint64_t> since,
                     const TrustStore& keys) {
    return [&db, sql, since, &keys](const RosterVisitor& visit) -> Status {
        auto q = db.prepare(sql);
        if (!q) return q.error();
        if (since) q->bind(1, static_cast<std::int64_t>(*since));
        return for_each_row(*q, [&](Statement& r) -> Status {
            const std::string holder = r.column_text(0);
            const std::string photo = r.column_blob(1);
            auto claims = claims_of(holder, r.column_text(2), keys);
            if (!claims) return claims.error();
            return visit(holder, photo, claims.value());
        });
    };
}

// How many photos a delta since base carries (for its progress bar; 0 when unknown).
std::size_t changed_count(Database& db, std::uint64_t base) {
    auto q = db.prepare("SELECT count(*) FROM bundle_roster WHERE changed_in > ?1 AND removed = 0");
    if (!q) return 0;
    q->bind(1, static_cast<std::int64_t>(base));
    std::size_t n = 0;
    (void)for_each_row(*q, [&](Statement& r) { n = static_cast<std::size_t>(r.column_int(0)); });
    return n;
}

// walk, telling progress (walked, total) after each entry across all of its walks.
RosterWalk counted(RosterWalk walk, std::size_t total, const BundleExportRequest& request) {
    if (!request.progress) return walk;
    auto done = std::make_shared<std::size_t>(0);
    return [walk = std::move(walk), total, done, &request](const RosterVisitor& visit) -> Status {
        return walk([&](const std::string& holder, std::string_view photo,
                        std::string_view claims) -> Status {
            Status visited = visit(holder, photo, claims);
            request.progress(++*done, total);
            return visited;
        });
    };
}

Outcome<std::vector<std::string>> removed_since(Database& db, std::uint64_t since) {
    auto q = db.prepare("SELECT holder FROM bundle_roster WHERE removed = 1 AND changed_in > ?1 "
                        "ORDER BY holder");
    if (!q) return q.error();
    q->bind(1, static_cast<std::int64_t>(since));
    std::vector<std::string> removed;
    Status read = for_each_row(*q, [&](Statement& r) { removed.push_back(r.column_text(0)); });
    if (!read) return read.error();
    return removed;
}

} // namespace

Outcome<BundleExportResult> export_bundle(Desk& desk, const SigningKey& event_key,
                                          const BundleExportRequest& request, const ByteSink& out) {
    Database& db = desk.db();
    BundleExportResult result;
    Status done = desk.with_next_export_version([&](std::uint64_t version) -> Status {
        if (request.since)
            if (auto s = check_since(db, *request.since, version); !s) return s;
        auto policy = desk.bundle_policy(version, request.now);
        if (!policy) return policy.error();
        auto roster = track_roster(db, version);
        if (!roster) return roster.error();
        if (auto s = start_tracking_once(db, version); !s) return s;
        TrustStore keys;
        for (const auto& key : policy->credential_keys)
            keys.add(key);
        result.version = version;
        result.revoked = policy->revocations.revoked.size();
        Outcome<WrittenBundle> written = Error{"not written"};
        if (!request.since) {
            written = write_bundle_stream(
                policy.value(),
                counted(walk_rows(db, kWholeRoster, std::nullopt, keys), 2 * roster->people,
                        request),
                event_key, out);
        } else {
            auto removed = removed_since(db, *request.since);
            if (!removed) return removed.error();
            result.base = request.since;
            result.removed = removed->size();
            const DeltaSpec delta{*request.since, std::move(removed).value(), roster.value()};
            written = write_bundle_delta_stream(
                policy.value(), delta,
                counted(walk_rows(db, kChangedRoster, request.since, keys),
                        2 * changed_count(db, *request.since), request),
                event_key, out);
        }
        if (!written) return written.error();
        result.written = written.value();
        return success();
    });
    if (!done) return done.error();
    return result;
}

Outcome<std::vector<std::uint8_t>> export_bundle_bytes(Desk& desk, const SigningKey& event_key,
                                                       const BundleExportRequest& request) {
    std::vector<std::uint8_t> file;
    auto result = export_bundle(desk, event_key, request, [&](std::span<const std::uint8_t> b) {
        file.insert(file.end(), b.begin(), b.end());
        return success();
    });
    if (!result) return result.error();
    return file;
}

} // namespace accred
