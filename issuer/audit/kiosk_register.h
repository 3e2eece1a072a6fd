// The desk's register of kiosk keys and the newest checkpoint it holds from each kiosk (desk.db,
// tables kiosks and kiosk_checkpoints). The audit trusts a log only through these.
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "entrylog/entry_record.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct RegisteredKiosk {
    std::string kiosk_id; // fingerprint(key)
    PublicKey key;
    std::string gate;
    std::int64_t added_at = 0;
    std::optional<Checkpoint> checkpoint; // the newest the desk holds, signature checked
};

// What keep_checkpoint did with a checkpoint handed in.
enum class KeptCheckpoint { stored, already_held, older_than_held };

// Registers a kiosk's public key (from `kiosk enroll`'s kiosk.pub) at gate. Registering the same
// key at the same gate again changes nothing; the same key at another gate is refused.
Status register_kiosk(Database& desk_db, const PublicKey& key, const std::string& gate,
                      std::int64_t now);

// Every registered kiosk, by kiosk id, with the newest checkpoint held for it.
Outcome<std::vector<RegisteredKiosk>> registered_kiosks(Database& desk_db);

// Keeps checkpoint when it is validly signed by a registered kiosk key and newer (higher seq)
// than the one held. Refuses, naming the reason: a bad signature, an unregistered key, and a
// checkpoint at the seq held that names another head (the kiosk's log forked).
Outcome<KeptCheckpoint> keep_checkpoint(Database& desk_db, const Checkpoint& checkpoint,
                                        std::int64_t now);

} // namespace accred
