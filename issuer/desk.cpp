#include "desk.h"

#include "crypto/claims.h"
#include "crypto/file_io.h"
#include "event/calendar.h"
#include "event/event_toml.h"
#include "event/kiosk_event.h"
#include "issuer/desk_rows.h"
#include "issuer/desk_schema.h"
#include "issuer/event_logo.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>
#include <sys/stat.h>

namespace accred {
namespace {

using namespace desk_schema;
using namespace desk_rows;

constexpr std::size_t kMaxEventTomlBytes = 1u << 20;

// The schema versions an earlier issuer wrote, which migrate() brings up to date.
bool upgradable(const std::string& version) {
    return version == "1" || version == "2" || version == "3" || version == "4" || version == "5";
}

// Brings an older desk.db up to kSchemaVersion in one transaction, so a workspace made by an
// earlier issuer keeps working with everything in it; a newer or unknown version is refused by
// the caller.
Status migrate(Database& db, const std::string& version) {
    if (!upgradable(version)) return success();
    return in_transaction(db, [&]() -> Status {
        if (version == "1")
            if (auto s = db.exec(kSchemaV2Additions); !s) return s;
        if (version == "1" || version == "2") {
            if (auto s = db.exec(kSchemaV3Additions); !s) return s;
            if (auto s = db.exec(kWithdrawRevokedOnUpgrade); !s) return s;
        }
        if (version != "4")
            if (auto s = db.exec(kSchemaV4Additions); !s) return s;
        if (version != "5") {
            if (auto s = db.exec(kSchemaV5Delegations); !s) return s;
            if (auto s = db.exec(kSchemaV5Additions); !s) return s;
        }
        if (auto s = db.exec(kSchemaV6Additions); !s) return s;
        return db.exec("UPDATE meta SET value = '6' WHERE key = 'schema_version'");
    });
}

// Lists the fields in which two records of the same person differ.
std::string differences(const Person& a, const Person& b) {
    std::vector<std::string> fields;
    if (a.name != b.name) fields.emplace_back("name");
    if (a.delegation != b.delegation) fields.emplace_back("delegation");
    if (a.category != b.category) fields.emplace_back("category");
    if (a.days != b.days) fields.emplace_back("days");
    if (a.zones != b.zones) fields.emplace_back("zones");
    if (a.escort_of != b.escort_of) fields.emplace_back("escort_of");
    if (a.photo != b.photo) fields.emplace_back("photo");
    std::string out;
    for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f;
    return out;
}

constexpr const char* kUpsertPerson =
    "INSERT INTO people(id, name, delegation, category, days, zones, escort_of, photo, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO UPDATE "
    "SET name=?2, delegation=?3, category=?4, days=?5, zones=?6, escort_of=?7, "
    "photo=?8, updated_at=?9";

// One person of an import: compared with their row (find: kPersonColumns by id), written when
// new or changed (upsert: kUpsertPerson), and counted in report. True when written.
Outcome<bool> write_person(Statement& find, Statement& upsert, const Person& p,
                           std::uint64_t now, ImportReport& report) {
    find.bind(1, p.id);
    auto existing = first_row(find, person_from_row);
    find.reset();
    if (!existing) return existing.error();
    if (existing.value() && *existing.value() == p) {
        report.unchanged.push_back(p.id);
        return false;
    }
    if (existing.value()) report.changed.push_back(p.id + ": " + differences(*existing.value(), p));
    else report.added.push_back(p.id);
    bind_person(upsert, p, now);
    if (auto s = upsert.run(); !s) return s.error();
    return true;
}

} // namespace

Outcome<Desk> Desk::create(const std::string& dir, const std::string& event_toml,
                           const EventDefinition& event, std::string_view passphrase,
                           const KdfCost& cost, const std::string& logo) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
        return Error{dir + " already exists and is not empty; choose a new folder"};
    if (::mkdir(dir.c_str(), 0700) != 0 && !fs::is_directory(dir, ec))
        return Error{"cannot create the folder " + dir};
    auto cleanup = [&](Error e) -> Outcome<Desk> {
        for (const char* f : {"desk.db", "desk.db-wal", "desk.db-shm", "event.key", "event.pub",
                              "event.toml", kDeskLogoFile})
            fs::remove(fs::path(dir) / f, ec);
        fs::remove(dir, ec);
        return e;
    };
    const SigningKey key = SigningKey::generate();
    if (auto s = write_secret_key_file(dir + "/event.key", key, passphrase, cost); !s)
        return cleanup(s.error());
    if (auto s = write_public_key_file(dir + "/event.pub", key.public_key()); !s)
        return cleanup(s.error());
    if (auto s = write_new_file(dir + "/event.toml", as_bytes(event_toml), 0644); !s)
        return cleanup(s.error());
    if (!logo.empty())
        if (auto s = write_new_file(dir + "/" + kDeskLogoFile, as_bytes(logo), 0644); !s)
            return cleanup(s.error());
    auto db = Database::open(dir + "/desk.db", Database::Mode::read_write_create);
    if (!db) return cleanup(db.error());
    Status made = in_transaction(db.value(), [&]() -> Status {
        if (auto s = db->exec(kSchema); !s) return s;
        if (auto s = db->exec(kSchemaV2Additions); !s) return s;
        if (auto s = db->exec(kSchemaV3Additions); !s) return s;
        if (auto s = db->exec(kSchemaV4Additions); !s) return s;
        if (auto s = db->exec(kSchemaV5Additions); !s) return s;
        if (auto s = db->exec(kSchemaV6Additions); !s) return s;
        auto put = db->prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)");
        if (!put) return put.error();
        for (const auto& [k, v] : {std::pair<std::string, std::string>{"schema_version",
                                                                       std::to_string(kSchemaVersion)},
                                   {"event_id", event.id},
                                   {"export_version", "0"}}) {
            if (auto s = put->bind(1, k).bind(2, v).run(); !s) return s;
        }
        return success();
    });
    if (!made) return cleanup(made.error());
    ::chmod((dir + "/desk.db").c_str(), 0600);
    return Desk(dir, std::move(db).value(), event, key.public_key());
}

Outcome<Desk> Desk::open(const std::string& dir) {
    if (!std::filesystem::exists(dir + "/desk.db"))
        return Error{dir + " is not a desk workspace (no desk.db); create one with issuer init"};
    auto toml = read_small_file(dir + "/event.toml", kMaxEventTomlBytes);
    if (!toml) return toml.error();
    auto event = parse_event_toml(toml.value(), dir + "/event.toml");
    if (!event) return event.error();
    auto key = read_public_key_file(dir + "/event.pub");
    if (!key) return key.error();
    auto db = Database::open(dir + "/desk.db", Database::Mode::read_write_create);
    if (!db) return db.error();
    std::string version;
    { // the statement ends before the migration writes
        auto q = db->prepare("SELECT value FROM meta WHERE key = 'schema_version'");
        if (!q) return q.error();
        auto stored = first_row(q.value(), [](const Statement& r) { return r.column_text(0); });
        if (!stored || !stored->has_value()) return Error{dir + "/desk.db is not a desk database"};
        version = **stored;
    }
    if (auto s = migrate(db.value(), version); !s)
        return Error{dir + "/desk.db could not be upgraded: " + s.error().message};
    if (!upgradable(version) && version != std::to_string(kSchemaVersion))
        return Error{dir + "/desk.db is not a desk database of this version"};
    return Desk(dir, std::move(db).value(), std::move(event).value(), key.value());
}

Outcome<SigningKey> Desk::unlock_event_key(std::string_view passphrase) const {
    auto key = read_secret_key_file(dir_ + "/event.key", passphrase);
    if (key && key->public_key() != event_key_)
        return Error{dir_ + "/event.key does not belong to " + dir_ + "/event.pub"};
    return key;
}

Outcome<ImportReport> Desk::import_people(const std::vector<Person>& people, std::uint64_t now) {
    return import_people(
        [&people](const PersonSink& sink) -> Status {
            for (const Person& p : people)
                if (auto s = sink(p); !s) return s;
            return success();
        },
        now);
}

Outcome<ImportReport> Desk::import_people(const PeopleProducer& produce, std::uint64_t now) {
    ImportReport report;
    Status done = in_transaction(db_, [&]() -> Status {
        // Prepared once for the whole import, however many people it brings.
        auto find = db_.prepare(std::string("SELECT ") + kPersonColumns +
                                " FROM people WHERE id = ?1");
        if (!find) return find.error();
        auto upsert = db_.prepare(kUpsertPerson);
        if (!upsert) return upsert.error();
        std::set<std::string> coded; // delegations given their code in this import
        return produce([&](const Person& p) -> Status {
            auto written = write_person(*find, *upsert, p, now, report);
            if (!written) return written.error();
            if (written.value() && !p.delegation.empty() && coded.insert(p.delegation).second)
                if (auto code = delegation_code(p.delegation); !code) return code.error();
            return success();
        });
    });
    if (!done) return done.error();
    return report;
}

Outcome<std::vector<Person>> Desk::people_without_photos() {
    auto q = db_.prepare(std::string("SELECT ") + kPersonColumnsWithoutPhoto +
                         " FROM people ORDER BY id");
    if (!q) return q.error();
    std::vector<Person> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out.push_back(person_from_row(r)); }); !s)
        return Error{"desk.db: cannot read the people: " + s.error().message};
    return out;
}

Outcome<std::optional<Person>> Desk::person(const std::string& id) {
    auto q = db_.prepare(std::string("SELECT ") + kPersonColumns + " FROM people WHERE id = ?1");
    if (!q) return q.error();
    q->bind(1, id);
    return first_row(q.value(), person_from_row);
}

Outcome<std::vector<std::string>> Desk::person_ids() {
    std::vector<std::string> ids;
    auto q = db_.prepare("SELECT id FROM people ORDER BY id");
    if (!q) return q.error();
    if (auto s = for_each_row(*q, [&](Statement& r) { ids.push_back(r.column_text(0)); }); !s)
        return Error{"desk.db: cannot read the people: " + s.error().message};
    return ids;
}

Outcome<std::optional<std::uint32_t>> Desk::delegation_code(const std::string& name) {
    auto find = db_.prepare("SELECT code FROM delegations WHERE name = ?1");
    if (!find) return find.error();
    find->bind(1, name);
    auto held = first_row(find.value(), [](const Statement& r) {
        return static_cast<std::uint32_t>(r.column_int(0));
    });
    if (!held) return held.error();
    if (held->has_value()) return held.value();
    auto next = db_.prepare("SELECT COALESCE(MAX(code) + 1, 0) FROM delegations");
    if (!next || !next->step().ok()) return Error{"cannot assign a delegation code"};
    const auto code = next->column_int(0);
    // Codes 0..65535 fit the credential's org field (at most 3 bytes of CBOR). Past 65,536
    // delegations there is no code left: the later ones' badges spell out the name, as before.
    if (code > ClaimLimits::kMaxDelegationCode) return std::optional<std::uint32_t>{};
    auto add = db_.prepare("INSERT INTO delegations(code, name) VALUES (?1, ?2)");
    if (!add) return add.error();
    if (auto s = add->bind(1, code).bind(2, name).run(); !s) return s.error();
    return std::optional(static_cast<std::uint32_t>(code));
}

Outcome<std::map<std::uint32_t, std::string>> Desk::delegations() {
    std::map<std::uint32_t, std::string> out;
    auto q = db_.prepare("SELECT code, name FROM delegations ORDER BY code");
    if (!q) return q.error();
    Status read = for_each_row(*q, [&](Statement& r) {
        out[static_cast<std::uint32_t>(r.column_int(0))] = r.column_text(1);
    });
    if (!read) return Error{"desk.db: cannot read the delegations: " + read.error().message};
    return out;
}

Status Desk::store_credential(const StoredCredential& c) {
    auto q = db_.prepare("INSERT INTO credentials(cti, holder, issue, text, issued_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q) return q.error();
    return q->bind_blob(1, blob(c.cti))
        .bind(2, c.holder)
        .bind(3, std::int64_t{c.issue})
        .bind(4, c.text)
        .bind(5, static_cast<std::int64_t>(c.issued_at))
        .run();
}

Outcome<std::optional<StoredCredential>> Desk::latest_credential(const std::string& holder) {
    auto q = db_.prepare(std::string("SELECT ") + kCredentialColumns +
                         " FROM credentials c LEFT JOIN revocations r ON r.cti = c.cti "
                         "WHERE c.holder = ?1 ORDER BY c.issue DESC LIMIT 1");
    if (!q) return q.error();
    q->bind(1, holder);
    return first_row(q.value(), credential_from_row);
}

Outcome<std::optional<StoredCredential>> Desk::credential_by_cti(const CredentialId& cti) {
    auto q = db_.prepare(std::string("SELECT ") + kCredentialColumns +
                         " FROM credentials c LEFT JOIN revocations r ON r.cti = c.cti "
                         "WHERE c.cti = ?1");
    if (!q) return q.error();
    q->bind_blob(1, blob(cti));
    return first_row(q.value(), credential_from_row);
}

Outcome<std::vector<StoredCredential>> Desk::credentials() {
    auto q = db_.prepare(std::string("SELECT ") + kCredentialColumns +
                         " FROM credentials c LEFT JOIN revocations r ON r.cti = c.cti "
                         "ORDER BY c.holder, c.issue");
    if (!q) return q.error();
    std::vector<StoredCredential> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out.push_back(credential_from_row(r)); });
        !s)
        return Error{"desk.db: cannot read the credentials: " + s.error().message};
    return out;
}

Status Desk::revoke(const CredentialId& cti, const std::string& reason, std::uint64_t now) {
    auto q = db_.prepare("INSERT INTO revocations(cti, reason, revoked_at) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT(cti) DO NOTHING");
    if (!q) return q.error();
    return q->bind_blob(1, blob(cti)).bind(2, reason).bind(3, static_cast<std::int64_t>(now)).run();
}

Outcome<std::uint64_t> Desk::take_export_version() {
    auto bump = db_.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                            "WHERE key = 'export_version' RETURNING value");
    if (!bump) return bump.error();
    auto row = bump->step();
    if (!row) return row.error();
    if (!row.value()) return Error{"desk.db has no export counter"};
    // The counter is text in meta: a damaged file is an error here, never an exception.
    const std::string stored = bump->column_text(0);
    std::uint64_t version = 0;
    const auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), version);
    if (ec != std::errc{} || end != stored.data() + stored.size())
        return Error{"desk.db's export counter is damaged (\"" + stored.substr(0, 20) + "\")"};
    // The statement must finish before COMMIT, and an error finishing it is the update's.
    if (auto s = for_each_row(*bump, [](Statement&) {}); !s) return s.error();
    return version;
}

Outcome<std::uint64_t> Desk::next_export_version() {
    std::uint64_t version = 0;
    Status done = in_transaction(db_, [&]() -> Status {
        auto taken = take_export_version();
        if (!taken) return taken.error();
        version = taken.value();
        return success();
    });
    if (!done) return done.error();
    return version;
}

Outcome<RevocationList> Desk::revocation_list(std::uint64_t version, std::uint64_t now) {
    RevocationList list;
    list.event_id = event_.id;
    list.version = version;
    list.issued_at = now;
    list.max_age_minutes = event_.revocation_max_age_minutes;
    auto revoked = db_.prepare("SELECT cti FROM revocations ORDER BY cti");
    if (!revoked) return revoked.error();
    Status read = for_each_row(*revoked, [&](Statement& r) {
        const std::string cti = r.column_blob(0);
        CredentialId id{};
        std::copy_n(cti.begin(), std::min<std::size_t>(cti.size(), 8), id.begin());
        list.revoked.push_back(id);
    });
    if (!read) return Error{"desk.db: cannot read the revocations: " + read.error().message};
    std::sort(list.revoked.begin(), list.revoked.end());
    auto current = db_.prepare("SELECT holder, MAX(issue) FROM credentials GROUP BY holder "
                               "HAVING MAX(issue) > 1");
    if (!current) return current.error();
    read = for_each_row(*current, [&](Statement& r) {
        list.current_issue[r.column_text(0)] = static_cast<std::uint32_t>(r.column_int(1));
    });
    if (!read)
        return Error{"desk.db: cannot read the current issue numbers: " + read.error().message};
    return list;
}

Outcome<RevocationList> Desk::next_revocation_list(std::uint64_t now) {
    std::optional<RevocationList> list;
    // One transaction: a read that fails rolls the version back, and nothing is signed.
    Status done = in_transaction(db_, [&]() -> Status {
        auto version = take_export_version();
        if (!version) return version.error();
        auto read = revocation_list(version.value(), now);
        if (!read) return read.error();
        list = std::move(read).value();
        return success();
    });
    if (!done) return done.error();
    return std::move(*list);
}

Status Desk::with_next_export_version(const std::function<Status(std::uint64_t)>& body) {
    return in_transaction(db_, [&]() -> Status {
        auto version = take_export_version();
        if (!version) return version.error();
        return body(version.value());
    });
}

Outcome<KioskBundle> Desk::bundle_policy(std::uint64_t version, std::uint64_t now) {
    auto codes = delegations();
    if (!codes) return codes.error();
    auto revocations = revocation_list(version, now);
    if (!revocations) return revocations.error();
    KioskBundle bundle;
    bundle.version = version;
    bundle.issued_at = now;
    bundle.event = event_for_kiosks(event_);
    bundle.credential_keys = {event_key_};
    bundle.revocations = std::move(revocations).value();
    bundle.delegations = std::move(codes).value();
    return bundle;
}

} // namespace accred
