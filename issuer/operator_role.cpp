#include "operator_role.h"

#include <array>
#include <utility>

namespace accred {
namespace {

constexpr std::array<std::pair<OperatorRole, std::string_view>, 4> kNames{{
    {OperatorRole::desk_operator, "operator"},
    {OperatorRole::supervisor, "supervisor"},
    {OperatorRole::security, "security"},
    {OperatorRole::auditor, "auditor"},
}};

} // namespace

std::string_view role_name(OperatorRole role) {
    for (const auto& [r, name] : kNames)
        if (r == role) return name;
    return "unknown";
}

std::optional<OperatorRole> parse_role(std::string_view text) {
    for (const auto& [r, name] : kNames)
        if (name == text) return r;
    return std::nullopt;
}

bool role_allows(OperatorRole role, Permission p) {
    using P = Permission;
    switch (role) {
    case OperatorRole::desk_operator:
        return p == P::search_people || p == P::register_people || p == P::issue_badges;
    case OperatorRole::supervisor:
        return p == P::search_people || p == P::register_people || p == P::issue_badges ||
               p == P::revoke_badges || p == P::export_bundles || p == P::view_journal;
    case OperatorRole::security:
        // Needs faces and names at the gates: search and a person's page, never a change.
        return p == P::search_people || p == P::view_operations;
    case OperatorRole::auditor:
        // Reads everything; every permission that changes something is left out.
        return p == P::search_people || p == P::view_operations || p == P::view_journal ||
               p == P::view_audit;
    }
    return false; // an unknown value: fail closed
}

} // namespace accred
