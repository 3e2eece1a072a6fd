#include "kiosk_register.h"

#include "entrylog/checkpoint.h"

#include <algorithm>

namespace accred {
Status register_kiosk(Database& db, const PublicKey& key, const std::string& gate,
                      std::int64_t now) {
    const std::string id = fingerprint(key);
    auto find = db.prepare("SELECT gate FROM kiosks WHERE kiosk_id = ?1");
    if (!find) return find.error();
    find->bind(1, id);
    auto held = first_row(find.value(), [](const Statement& r) { return r.column_text(0); });
    if (!held) return held.error();
    if (held->has_value()) {
        if (**held == gate) return success();
        return Error{"kiosk " + id + " is already registered at gate " + **held +
                     "; a kiosk key belongs to one gate (enrol a new kiosk to move it)"};
    }
    auto add = db.prepare(
        "INSERT INTO kiosks(kiosk_id, public_key, gate, added_at) VALUES (?1, ?2, ?3, ?4)");
    if (!add) return add.error();
    return add->bind(1, id).bind_blob(2, key.bytes).bind(3, gate).bind(4, now).run();
}

Outcome<std::vector<RegisteredKiosk>> registered_kiosks(Database& db) {
    auto q = db.prepare("SELECT k.kiosk_id, k.public_key, k.gate, k.added_at, c.text "
                        "FROM kiosks k LEFT JOIN kiosk_checkpoints c ON c.kiosk_id = k.kiosk_id "
                        "ORDER BY k.gate, k.kiosk_id");
    if (!q) return q.error();
    std::vector<RegisteredKiosk> out;
    for (auto row = q->step();; row = q->step()) {
        if (!row) return row.error();
        if (!row.value()) break;
        RegisteredKiosk k;
        k.kiosk_id = q->column_text(0);
        const std::string key = q->column_blob(1);
        if (key.size() != 32)
            return Error{"desk.db: the key of kiosk " + k.kiosk_id + " is damaged"};
        std::copy(key.begin(), key.end(), k.key.bytes.begin());
        k.gate = q->column_text(2);
        k.added_at = q->column_int(3);
        if (!q->column_is_null(4)) {
            // Re-checked on every read: desk.db is a file too.
            auto cp = checkpoint_from_text(q->column_text(4));
            if (!cp || !verify_checkpoint_signature(cp.value()) ||
                cp->kiosk_public_key != k.key.bytes)
                return Error{"desk.db: the checkpoint held for kiosk " + k.kiosk_id +
                             " is damaged or not signed by its key"};
            k.checkpoint = cp.value();
        }
        out.push_back(std::move(k));
    }
    return out;
}

Outcome<KeptCheckpoint> keep_checkpoint(Database& db, const Checkpoint& cp, std::int64_t now) {
    if (!verify_checkpoint_signature(cp))
        return Error{"the checkpoint of kiosk " + cp.kiosk_id +
                     " is not validly signed by the key it names"};
    auto kiosks = registered_kiosks(db);
    if (!kiosks) return kiosks.error();
    const auto k = std::find_if(kiosks->begin(), kiosks->end(), [&](const RegisteredKiosk& r) {
        return r.kiosk_id == cp.kiosk_id;
    });
    if (k == kiosks->end() || k->key.bytes != cp.kiosk_public_key)
        return Error{"the checkpoint is signed by kiosk key " + cp.kiosk_id +
                     ", which is not registered at this desk (issuer kiosks add)"};
    if (k->checkpoint) {
        const Checkpoint& held = *k->checkpoint;
        if (cp.seq == held.seq && cp.head != held.head)
            return Error{"kiosk " + cp.kiosk_id + " signed two different logs at row " +
                         std::to_string(cp.seq) + ": its log forked; keep both for the audit"};
        if (cp.seq < held.seq) return KeptCheckpoint::older_than_held;
        if (cp.seq == held.seq) return KeptCheckpoint::already_held;
    }
    auto put = db.prepare("INSERT INTO kiosk_checkpoints(kiosk_id, seq, text, added_at) "
                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(kiosk_id) DO UPDATE "
                          "SET seq = ?2, text = ?3, added_at = ?4");
    if (!put) return put.error();
    const std::string text = checkpoint_to_text(cp);
    if (auto s = put->bind(1, cp.kiosk_id)
                     .bind(2, static_cast<std::int64_t>(cp.seq))
                     .bind(3, text)
                     .bind(4, now)
                     .run();
        !s)
        return s.error();
    return KeptCheckpoint::stored;
}

} // namespace accred
