#include "operator_accounts.h"

#include "crypto/secret_buffer.h"

#include <algorithm>
#include <sodium.h>

namespace accred {
namespace {

// Argon2id at libsodium's "interactive" cost: 64 MiB and 2 passes, about 0.1 s on a desk's
// machine; what a login page can afford per attempt, with the web desk's rate limit on top.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

Status check_password_rules(std::string_view password) {
    if (password.size() < kMinOperatorPasswordLength)
        return Error{"the password must be at least " + std::to_string(kMinOperatorPasswordLength) +
                     " characters"};
    if (password.size() > kMaxOperatorPasswordLength)
        return Error{"the password must be at most " + std::to_string(kMaxOperatorPasswordLength) +
                     " characters"};
    return success();
}

Outcome<std::string> hash_password(std::string_view password) {
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
        return Error{"not enough memory to hash the password (Argon2id needs 64 MiB)"};
    return std::string(out);
}

OperatorAccount account_from_row(const Statement& q) {
    OperatorAccount a;
    a.name = q.column_text(0);
    // A role this version does not know (a hand-edited file) becomes the one that changes
    // nothing: fail closed.
    a.role = parse_role(q.column_text(1)).value_or(OperatorRole::auditor);
    a.created_at = q.column_int(2);
    a.disabled = q.column_int(3) != 0;
    return a;
}

// A valid Argon2id string for no account: verified against when the name is unknown, so that
// both answers take the same time. Made once per process, at the same cost as real ones.
const std::string& decoy_hash() {
    static const std::string hash = [] {
        unsigned char random[16];
        randombytes_buf(random, sizeof random);
        auto h = hash_password(std::string_view(reinterpret_cast<char*>(random), sizeof random));
        return h ? h.value() : std::string();
    }();
    return hash;
}

} // namespace

bool valid_operator_name(std::string_view s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
               ch == '.' || ch == '_' || ch == '-';
    });
}

Status add_operator(Database& db, const std::string& name, OperatorRole role,
                    std::string_view password, std::int64_t now) {
    if (!valid_operator_name(name))
        return Error{"operator name \"" + name + "\" must be 1-32 of A-Z a-z 0-9 . _ -"};
    if (auto s = check_password_rules(password); !s) return s;
    auto existing = find_operator(db, name);
    if (!existing) return existing.error();
    if (existing->has_value()) return Error{"there is already an operator named " + name};
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    auto q = db.prepare("INSERT INTO operators(name, role, password_hash, created_at) "
                        "VALUES (?1, ?2, ?3, ?4)");
    if (!q) return q.error();
    if (auto s = q->bind(1, name).bind(2, role_name(role)).bind(3, hash.value()).bind(4, now).run();
        !s)
        return Error{"operator " + name + " could not be added: " + s.error().message};
    return success();
}

Status set_operator_password(Database& db, const std::string& name, std::string_view password) {
    if (auto s = check_password_rules(password); !s) return s;
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    auto q = db.prepare("UPDATE operators SET password_hash = ?2 WHERE name = ?1");
    if (!q) return q.error();
    if (auto s = q->bind(1, name).bind(2, hash.value()).run(); !s) return s;
    if (db.changes() == 0) return Error{"there is no operator named " + name};
    return success();
}

Status set_operator_disabled(Database& db, const std::string& name, bool disabled) {
    auto q = db.prepare("UPDATE operators SET disabled = ?2 WHERE name = ?1");
    if (!q) return q.error();
    if (auto s = q->bind(1, name).bind(2, disabled ? 1 : 0).run(); !s) return s;
    if (db.changes() == 0) return Error{"there is no operator named " + name};
    return success();
}

Outcome<std::vector<OperatorAccount>> list_operators(Database& db) {
    auto q = db.prepare("SELECT name, role, created_at, disabled FROM operators ORDER BY name");
    if (!q) return q.error();
    std::vector<OperatorAccount> out;
    if (auto s = for_each_row(q.value(), [&](Statement& r) { out.push_back(account_from_row(r)); });
        !s)
        return s.error();
    return out;
}

Outcome<std::optional<OperatorAccount>> find_operator(Database& db, const std::string& name) {
    auto q = db.prepare("SELECT name, role, created_at, disabled FROM operators WHERE name = ?1");
    if (!q) return q.error();
    q->bind(1, name);
    return first_row(q.value(), [](const Statement& r) { return account_from_row(r); });
}

Outcome<std::optional<OperatorAccount>>
check_operator_password(Database& db, const std::string& name, std::string_view password) {
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    std::string hash = decoy_hash();
    std::optional<OperatorAccount> account;
    if (valid_operator_name(name) && password.size() <= kMaxOperatorPasswordLength) {
        auto q = db.prepare("SELECT name, role, created_at, disabled, password_hash FROM "
                            "operators WHERE name = ?1");
        if (!q) return q.error();
        q->bind(1, name);
        auto row = first_row(q.value(), [](const Statement& r) {
            return std::make_pair(account_from_row(r), r.column_text(4));
        });
        if (!row) return row.error();
        if (row->has_value()) {
            account = row->value().first;
            hash = row->value().second;
        }
    }
    if (password.size() > kMaxOperatorPasswordLength) password = password.substr(0, 0);
    const bool matches = !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                                                   password.size()) == 0;
    if (!matches || !account || account->disabled) return std::optional<OperatorAccount>{};
    return account;
}

} // namespace accred
