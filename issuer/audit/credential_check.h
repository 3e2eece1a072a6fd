// Re-verifies the credentials a log recorded against the event's trusted keys. A kiosk scans the
// same badges again and again, so each distinct credential text is verified once and remembered.
#pragma once

#include "entrylog/entry_record.h"
#include "issuer/audit/audit_context.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace accred {

class CredentialChecker {
  public:
    // context must outlive the checker.
    explicit CredentialChecker(const AuditContext& context) : context_(context) {}

    // What is wrong with row's credential, or nullopt. A row naming a holder must carry a
    // credential signed by a trusted key for this event whose holder, id and issue are the row's;
    // a row that let someone in must name a holder. Denials of unreadable or foreign codes carry
    // whatever was scanned and are not checked; nor are manual decisions (is_manual_row), which
    // scanned nothing. Validity times are not checked: the kiosk judged
    // them, and its verdict is in the row.
    std::optional<std::string> problem(const EntryRecord& row);

  private:
    struct Known {
        bool verified = false;
        std::string why; // when not verified
        std::string sub;
        std::array<std::uint8_t, 8> cti{};
        std::uint32_t issue = 0;
    };
    const Known& check(const std::string& credential);
    // The distinct credential texts remembered: an event's badges, several times over.
    static constexpr std::size_t kMaxRemembered = 250'000;

    const AuditContext& context_;
    std::unordered_map<std::string, Known> cache_;
};

} // namespace accred
