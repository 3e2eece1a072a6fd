// The web desk's roles (docs/desk-web.md, "Roles"): what each operator account may do. One
// definition; the text forms are only for desk.db, the command line and the pages.
#pragma once

#include <optional>
#include <string_view>

namespace accred {

enum class OperatorRole {
    desk_operator, // registers walk-ins, issues, prints
    supervisor,    // also revokes, withdraws, reinstates, reissues, exports bundles; reads the
                   // operator journal
    security,      // the security chief: the operations view and the evacuation list
    auditor,       // reads everything, changes nothing; the audit report
};

// "operator", "supervisor", "security", "auditor": desk.db's and --role's spelling.
std::string_view role_name(OperatorRole role);
std::optional<OperatorRole> parse_role(std::string_view text);

// What a role may do. Each page and each action asks for one of these, never for a role, so
// that the table below is the whole policy.
enum class Permission {
    search_people,   // search, a person's page
    register_people, // walk-ins, roster upload
    issue_badges,    // issue, print, reissue a lost badge
    revoke_badges,   // revoke, withdraw, reinstate
    export_bundles,  // bundles and revocation updates for the kiosks
    view_operations, // the fleet, the refusals feed, occupancy and the evacuation list
    view_journal,    // the operator journal, the print log
    view_audit,      // the audit report
};

[[nodiscard]] bool role_allows(OperatorRole role, Permission permission);

} // namespace accred
