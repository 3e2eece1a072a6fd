// People added one at a time (the walk-in desk), their summaries for search, and a person's
// credentials: the desk's reads and writes for the web desk's people pages.
#include "desk.h"
#include "issuer/desk_rows.h"
#include "issuer/roster_rules.h"

namespace accred {

using namespace desk_rows;

Status Desk::add_new_person(const Person& person, std::uint64_t now) {
    return in_transaction(db_, [&]() -> Status {
        // A plain INSERT, never an upsert: BEGIN IMMEDIATE makes a second desk wait for the
        // first one's commit, and its INSERT then fails on the primary key.
        auto insert = db_.prepare("INSERT INTO people(id, name, delegation, category, days, "
                                  "zones, escort_of, photo, updated_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!insert) return insert.error();
        bind_person(*insert, person, now);
        if (auto inserted = insert->run(); !inserted) {
            auto held = this->person(person.id);
            if (held && held->has_value()) return Error{already_on_roster(person.id)};
            return inserted;
        }
        // As import_people: a new delegation gets its code now, so that it keeps its place
        // in the order delegations were first seen.
        if (!person.delegation.empty())
            if (auto code = delegation_code(person.delegation); !code) return code.error();
        return success();
    });
}

Outcome<std::vector<PersonSummary>> Desk::people_summaries() {
    auto q = db_.prepare("SELECT id, name, delegation, category FROM people ORDER BY id");
    if (!q) return q.error();
    std::vector<PersonSummary> out;
    Status read = for_each_row(*q, [&](Statement& r) {
        out.push_back({r.column_text(0), r.column_text(1), r.column_text(2), r.column_text(3)});
    });
    if (!read) return Error{"desk.db: cannot read the people: " + read.error().message};
    return out;
}

Outcome<std::vector<StoredCredential>> Desk::credentials_of(const std::string& holder) {
    auto q = db_.prepare(std::string("SELECT ") + kCredentialColumns +
                         " FROM credentials c LEFT JOIN revocations r ON r.cti = c.cti "
                         "WHERE c.holder = ?1 ORDER BY c.issue");
    if (!q) return q.error();
    q->bind(1, holder);
    std::vector<StoredCredential> out;
    if (auto s = for_each_row(*q, [&](Statement& r) { out.push_back(credential_from_row(r)); }); !s)
        return Error{"desk.db: cannot read " + holder + "'s credentials: " + s.error().message};
    return out;
}

} // namespace accred
