#include "fleet_sim_kiosk.h"

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "fleet/protocol/sync_messages.h"
#include "crypto/credential.h"
#include "entrylog/entry_chain.h"

#include <algorithm>

namespace accred::bench {

Outcome<std::vector<LoadBadge>> sign_load_badges(const SigningKey& event_key,
                                                 const std::string& event_id, int n,
                                                 std::int64_t now) {
    std::vector<LoadBadge> out;
    for (int i = 0; i < n; ++i) {
        Claims c;
        c.iss = event_id;
        c.sub = "D" + std::to_string(1000 + i);
        c.iat = c.nbf = static_cast<std::uint64_t>(now - 3600);
        c.exp = static_cast<std::uint64_t>(now + 86400);
        c.cti = {1, 2, 3, 4, static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 8),
                 static_cast<std::uint8_t>(i), 9};
        c.name = "Load Test Delegate " + std::to_string(i);
        auto text = sign_credential(c, event_key);
        if (!text) return text.error();
        out.push_back({c.sub, c.cti, c.issue, std::move(text).value()});
    }
    return out;
}

void SimKiosk::decide(std::int64_t now, Clock::time_point at) {
    EntryRecord r;
    r.seq = ++seq;
    r.time = now;
    r.kiosk_id = id;
    r.gate = gate;
    r.zone = zone;
    r.direction = direction;
    r.verdict = Verdict::granted;
    r.admitted = true;
    r.reason = direction == Direction::exit ? Reason::exit_recorded : Reason::granted;
    const LoadBadge& badge = (*badges)[(seq + offset) % badges->size()];
    r.holder = badge.holder;
    r.cti = badge.cti;
    r.issue = badge.issue;
    r.credential = badge.text;
    r.prev_hash = head;
    r.hash = entry_hash(r);
    head = r.hash;
    pending.push_back(std::move(r));
    decided_at.push_back(at);
}

std::size_t SimKiosk::sync(std::int64_t now) {
    SyncRequest q;
    q.log_seq = seq;
    const std::size_t n = std::min(pending.size(), kMaxRowsPerSync);
    q.rows.assign(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
    q.presence_after = presence_cursor;
    q.kiosk_time = now;
    q.revocations_version = revocations_version;
    const auto sent = Clock::now();
    auto reply = client->post(kSyncPath, sync_request_to_json(q));
    if (!reply || reply->status != 200) {
        ++failures;
        if (reply && reply->status == 409) ++refused;
        return 0;
    }
    auto a = sync_reply_from_json(reply->body);
    if (!a) {
        ++failures;
        return 0;
    }
    const auto at = Clock::now();
    sync_ms.push_back(ms_between(sent, at));
    if (a->revocations) learn(*a->revocations, at);
    presence_cursor = a->presence_cursor;
    presence_rows += a->presence.size();
    std::size_t taken = 0;
    while (!pending.empty() && pending.front().seq <= a->acked_seq) {
        delays_ms.push_back(ms_between(decided_at[pending.front().seq - 1], at));
        pending.erase(pending.begin());
        ++taken;
    }
    acked = a->acked_seq;
    return taken;
}

void SimKiosk::learn(const std::vector<std::uint8_t>& update, Clock::time_point at) {
    auto list = read_revocation_update(update, *event_key);
    if (!list || list->version <= revocations_version) return;
    revocations_version = list->version;
    learned.emplace_back(list->version, at);
}

} // namespace accred::bench
