// The desk's workspace: a folder with desk.db (SQLite), the event definition and the event key.
//
//   DIR/desk.db      people, delegation codes, credentials, revocations, export counter, the
//                    accreditation journal (withdrawals and reinstatements), and the kiosk
//                    register and checkpoints kept (issuer/audit/kiosk_register.h)
//   DIR/event.toml   the event definition as given to `issuer init` (the parsed copy is in desk.db)
//   DIR/event.key    the event signing key, encrypted with the desk passphrase, mode 0600
//   DIR/event.pub    its public key
#pragma once

#include "bundle/kiosk_bundle.h"
#include "bundle/revocation_list.h"
#include "crypto/key_file.h"
#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "event/resolved_zone.h"
#include "issuer/people_search.h"
#include "issuer/person.h"
#include "store/sqlite_db.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct StoredCredential {
    CredentialId cti{};
    std::string holder;
    std::uint32_t issue = 0;
    std::string text; // the AC1 text
    std::uint64_t issued_at = 0;
    std::optional<std::string> revoked_reason; // set when revoked
};

// A person's accreditation withdrawn for cause (issuer revoke), in force until reinstated.
struct Withdrawal {
    std::string holder;
    std::string reason;
    std::uint64_t at = 0;
    std::string by; // who or what withdrew it, e.g. "alice via issuer revoke"
};

// One row of the accreditation journal, which is only ever added to.
struct AccreditationChange {
    std::int64_t seq = 0;
    std::string holder;
    std::string action; // "withdrawn" or "reinstated"
    std::string reason;
    std::uint64_t at = 0;
    std::string by;
};

// "X001 is withdrawn (press card withdrawn, 2014-03-28T09:00:00Z): not issued; `issuer
// reinstate X001 --reason ...` to accredit again": the one wording every command uses.
std::string withdrawn_notice(const Withdrawal& w, const std::string& consequence);

struct ImportReport {
    std::vector<std::string> added;
    std::vector<std::string> changed; // "ID: field, field"
    std::vector<std::string> unchanged;
};

class Desk {
  public:
    // Creates DIR (which must not exist or be empty) with desk.db, event.toml, a new event key
    // encrypted under passphrase, and event.pub. Nothing is left behind on failure. logo: the
    // event's logo file, already checked (read_logo_file), kept as DIR/event-logo when given.
    static Outcome<Desk> create(const std::string& dir, const std::string& event_toml,
                                const EventDefinition& event, std::string_view passphrase,
                                const KdfCost& cost, const std::string& logo = {});
    // Opens an existing workspace.
    static Outcome<Desk> open(const std::string& dir);

    const std::string& dir() const { return dir_; }
    const EventDefinition& event() const { return event_; }
    // The event's time zone, resolved once when the desk is opened (unresolved when the system
    // lacks it: the local-time functions then give the same answers as for an unknown name).
    const ResolvedZone& time_zone() const { return time_zone_; }
    const PublicKey& event_public_key() const { return event_key_; }
    Outcome<SigningKey> unlock_event_key(std::string_view passphrase) const;

    // Adds new people and updates changed ones, all in one transaction.
    Outcome<ImportReport> import_people(const std::vector<Person>& people, std::uint64_t now);
    // The same for people handed over one at a time: produce(sink) gives each to sink, inside one
    // transaction that is committed when produce succeeds and rolled back, writing nothing, when
    // it (or sink) fails. For a roster too large to hold in memory (read_roster_csv).
    using PeopleProducer = std::function<Status(const PersonSink& sink)>;
    Outcome<ImportReport> import_people(const PeopleProducer& produce, std::uint64_t now);
    // Adds one person who is not on the roster yet (a walk-in, check_walk_in), in one
    // transaction with what an import does for a new person (the delegation's code). Never
    // changes anyone: an id already taken, even by a concurrent desk that added it first, is
    // the Error "X is already on the roster", and nothing is written.
    Status add_new_person(const Person& person, std::uint64_t now);
    // Everyone's record, by id, without the photos (Person::photo empty): 100,000 photos would
    // take a gigabyte (`issuer status` at the summit's scale held 1.15 GB before). person() reads
    // one person with the photo.
    Outcome<std::vector<Person>> people_without_photos();
    // Everyone's id, name, delegation and category, by id, without reading the photos: for
    // PeopleSearch (people_search.h).
    Outcome<std::vector<PersonSummary>> people_summaries();
    Outcome<std::optional<Person>> person(const std::string& id);
    Outcome<std::vector<std::string>> person_ids();

    // The delegation's code, assigned once per name (0..65535, ClaimLimits::kMaxDelegationCode)
    // and never reused; nullopt once 65,536 codes are taken (the credential then carries the name
    // itself).
    Outcome<std::optional<std::uint32_t>> delegation_code(const std::string& name);
    Outcome<std::map<std::uint32_t, std::string>> delegations();

    Status store_credential(const StoredCredential& credential);
    // The holder's highest issue, revoked or not; nullopt when never issued.
    Outcome<std::optional<StoredCredential>> latest_credential(const std::string& holder);
    Outcome<std::optional<StoredCredential>> credential_by_cti(const CredentialId& cti);
    Outcome<std::vector<StoredCredential>> credentials();
    // Every credential issued to holder, oldest issue first, each with its revocation reason if
    // revoked: a person's badge history. Empty for someone never issued one (or unknown).
    Outcome<std::vector<StoredCredential>> credentials_of(const std::string& holder);
    Status revoke(const CredentialId& cti, const std::string& reason, std::uint64_t now);

    // Withdraws holder's accreditation (a journal row): issue, reissue and badges then leave them
    // out until reinstate(). Returns false, adding nothing, when already withdrawn.
    Outcome<bool> withdraw(const std::string& holder, const std::string& reason,
                           std::uint64_t now, const std::string& by);
    // Ends holder's withdrawal (a journal row); an error when holder is not withdrawn.
    Status reinstate(const std::string& holder, const std::string& reason, std::uint64_t now,
                     const std::string& by);
    // holder's withdrawal in force, or nullopt when accredited.
    Outcome<std::optional<Withdrawal>> withdrawal(const std::string& holder);
    // Every withdrawal in force, by holder.
    Outcome<std::map<std::string, Withdrawal>> withdrawals();
    // holder's journal, oldest first: every withdrawal and reinstatement ever recorded.
    Outcome<std::vector<AccreditationChange>> accreditation_history(const std::string& holder);

    // The next value of the export counter shared by bundles and revocation updates.
    Outcome<std::uint64_t> next_export_version();
    // The revocation list as of now, stamped with version. A failed read is an error, never a
    // shorter list: the list is signed and sent to every gate.
    Outcome<RevocationList> revocation_list(std::uint64_t version, std::uint64_t now);
    // The next export of the revocation list alone, with a new export version. The version is
    // taken only when every read succeeded.
    Outcome<RevocationList> next_revocation_list(std::uint64_t now);
    // Runs body in one desk.db transaction with the next export version taken: an Error from
    // body rolls it all back, the version with it (a bundle export: bundle_export.h).
    [[nodiscard]] Status with_next_export_version(
        const std::function<Status(std::uint64_t version)>& body);
    // The policy a bundle of version carries: the event, its key, the revocation list as of now
    // and the delegation codes. Read inside the caller's transaction.
    Outcome<KioskBundle> bundle_policy(std::uint64_t version, std::uint64_t now);

    Database& db() { return db_; }

  private:
    // Takes the next export version; the caller holds the transaction.
    Outcome<std::uint64_t> take_export_version();
    Desk(std::string dir, Database db, EventDefinition event, PublicKey key)
        : dir_(std::move(dir)), db_(std::move(db)), event_(std::move(event)),
          time_zone_(ResolvedZone::resolve_or_unknown(event_.time_zone)), event_key_(key) {}
    std::string dir_;
    Database db_;
    EventDefinition event_;
    ResolvedZone time_zone_; // of event_ (declared after it: initialised from it)
    PublicKey event_key_;
};

} // namespace accred
