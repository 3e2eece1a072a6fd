// The web desk's operator accounts in desk.db (schema version 6): a name, a role, an Argon2id
// password hash, and whether the account is disabled. issuer operator manages them; issuer web
// checks passwords against them (docs/desk-web.md).
#pragma once

#include "crypto/outcome.h"
#include "issuer/operator_role.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// A password shorter than this is refused: Argon2id slows guessing, it cannot save "1234".
inline constexpr std::size_t kMinOperatorPasswordLength = 10;
// Longer ones are refused too: a login form is attacker input, and Argon2id hashes what it is
// given (the limit is far above any passphrase a person types).
inline constexpr std::size_t kMaxOperatorPasswordLength = 256;

struct OperatorAccount {
    std::string name;
    OperatorRole role = OperatorRole::auditor;
    std::int64_t created_at = 0;
    bool disabled = false;
};

// 1-32 of a-z A-Z 0-9 . _ - (a login name, also written into the journal and the pages).
[[nodiscard]] bool valid_operator_name(std::string_view name);

// Adds an account; an Error when the name is taken or invalid or the password too short or long.
[[nodiscard]] Status add_operator(Database& db, const std::string& name, OperatorRole role,
                                  std::string_view password, std::int64_t now);
// Replaces an account's password (same rules as add_operator).
[[nodiscard]] Status set_operator_password(Database& db, const std::string& name,
                                           std::string_view password);
// Disables or enables an account; a disabled account cannot log in (its sessions end at their
// next request: issuer web checks the account on each one).
[[nodiscard]] Status set_operator_disabled(Database& db, const std::string& name, bool disabled);
// Every account, by name.
Outcome<std::vector<OperatorAccount>> list_operators(Database& db);
// The account, whatever its state; nullopt when there is none of that name.
Outcome<std::optional<OperatorAccount>> find_operator(Database& db, const std::string& name);

// The account when name and password match an enabled account, else nullopt. One Argon2id
// verification runs whether or not the name exists (against a fixed hash when it does not), so
// the answer's time does not tell an attacker which names exist. Costs about 64 MiB and a tenth
// of a second: callers bound how many run at once.
[[nodiscard]] Outcome<std::optional<OperatorAccount>>
check_operator_password(Database& db, const std::string& name, std::string_view password);

} // namespace accred
