#include "fleet_sim_kiosk.h"

#include "bundle/bundle_file.h"
#include "fleet/protocol/sync_messages.h"
#include "kiosk/log/entry_chain.h"

#include <algorithm>

namespace accred::bench {

void SimKiosk::decide(std::int64_t now) {
    EntryRecord r;
    r.seq = ++seq;
    r.time = now;
    r.kiosk_id = id;
    r.gate = gate;
    r.zone = zone;
    r.verdict = Verdict::granted;
    r.admitted = true;
    r.reason = Reason::granted;
    r.holder = "D" + std::to_string(1000 + seq % 900);
    r.cti = std::array<std::uint8_t, 8>{1, 2, 3, 4, 5, 6, 7, static_cast<std::uint8_t>(seq)};
    r.issue = 1;
    r.credential = "AC1:" + std::string(300, 'A'); // a badge's text is about this long
    r.prev_hash = head;
    r.hash = entry_hash(r);
    head = r.hash;
    pending.push_back(std::move(r));
    decided_at.push_back(Clock::now());
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
