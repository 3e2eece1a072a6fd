// Internal to the desk (issuer/desk*.cpp): how people and credentials are read from and written
// to desk.db's rows, in one place for every query that touches them.
#pragma once

#include "issuer/desk.h"

#include <cstdint>
#include <span>
#include <string>

namespace accred::desk_rows {

// The people columns person_from_row reads, in its order.
inline constexpr const char* kPersonColumns =
    "id, name, delegation, category, days, zones, escort_of, photo";
// The same with NULL for the photo, which person_from_row reads as none.
inline constexpr const char* kPersonColumnsWithoutPhoto =
    "id, name, delegation, category, days, zones, escort_of, NULL";
// The columns credential_from_row reads, from credentials c LEFT JOIN revocations r.
inline constexpr const char* kCredentialColumns =
    "c.cti, c.holder, c.issue, c.text, c.issued_at, r.reason";

std::span<const std::uint8_t> blob(const std::string& s);
std::span<const std::uint8_t> blob(const CredentialId& cti);

// A row of kPersonColumns as a person.
Person person_from_row(const Statement& q);
// A row of kCredentialColumns as a credential.
StoredCredential credential_from_row(const Statement& q);
// Binds p to ?1..?8 in kPersonColumns order and now to ?9 (updated_at), for an INSERT.
void bind_person(Statement& q, const Person& p, std::uint64_t now);

} // namespace accred::desk_rows
