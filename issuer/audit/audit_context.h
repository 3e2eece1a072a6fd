// What the audit trusts, gathered before any log is read: the event (time zone, zones, gates),
// the keys whose credentials it accepts, the kiosk keys registered at the desk and the newest
// checkpoint held from each kiosk.
#pragma once

#include "crypto/outcome.h"
#include "crypto/trust_store.h"
#include "entrylog/entry_record.h"
#include "event/event_definition.h"
#include "issuer/audit/kiosk_register.h"

#include <map>
#include <string>
#include <vector>

namespace accred {

class Desk;

struct AuditContext {
    EventDefinition event;
    TrustStore credential_keys;
    std::vector<RegisteredKiosk> kiosks;
    // kiosk id -> the newest checkpoint held for it (the desk's, or a newer one from a file).
    std::map<std::string, Checkpoint> newest_checkpoints;
    // Problems with the checkpoints handed in (bad lines, bad signatures, unknown keys): each is
    // a finding of the verification as a whole.
    std::vector<std::string> checkpoint_problems;

    // The registered kiosk whose id is kiosk_id, or nullptr.
    const RegisteredKiosk* kiosk(const std::string& kiosk_id) const;
};

// The context of the workspace: its event, the event key, the register and its checkpoints.
Outcome<AuditContext> audit_context_from_desk(Desk& desk);

// Adds the checkpoints of a file of `kiosk checkpoint` lines (blank lines allowed). A line that
// does not parse, is not validly signed or names an unregistered key becomes a checkpoint problem
// naming the file and line; a valid one replaces the held checkpoint when its seq is higher.
// An unreadable file is an Error.
Status add_checkpoint_file(AuditContext& context, const std::string& path);

// The workspace's context plus the checkpoints of each file (add_checkpoint_file): what
// `issuer audit verify` and `issuer audit report` trust, and the web desk's audit page.
Outcome<AuditContext> desk_audit_context(Desk& desk,
                                         const std::vector<std::string>& checkpoint_files);

} // namespace accred
