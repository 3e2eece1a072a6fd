#include "revocation_list.h"

#include <algorithm>

namespace accred {

bool RevocationList::is_revoked(const CredentialId& cti) const {
    return std::binary_search(revoked.begin(), revoked.end(), cti);
}

bool RevocationList::is_superseded(const std::string& holder, std::uint32_t issue) const {
    const auto it = current_issue.find(holder);
    return it != current_issue.end() && issue < it->second;
}

bool RevocationList::is_stale(std::uint64_t now) const {
    return now < issued_at || now - issued_at > std::uint64_t{max_age_minutes} * 60;
}

} // namespace accred
