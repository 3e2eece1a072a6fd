// audit verify's checks on one kiosk log: the hash chain, sequence and clock (verify_chain), the
// kiosk's registration and gate, every stored checkpoint's signature and rows, the newest
// checkpoint the desk holds, and every credential against the event's keys.
#pragma once

#include "issuer/audit/audit_context.h"
#include "issuer/audit/log_verdict.h"
#include "entrylog/entry_store.h"

#include <string>

namespace accred {

struct VerifiedLog {
    LogVerdict verdict;
    LogContents contents; // as read (empty when unreadable)
};

// Reads path with read_log_readonly (read-only, defensive, quick_check first) and verifies it.
// A file that cannot be read as an entry log is one finding (unreadable), never a crash.
VerifiedLog verify_log_file(const std::string& path, const AuditContext& context);

// The same checks on contents already read (from a file, or from the merged store's rows of one
// kiosk); path only names the source in the findings.
LogVerdict verify_log_contents(const LogContents& contents, const AuditContext& context,
                               const std::string& path);

} // namespace accred
