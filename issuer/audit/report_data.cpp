#include "report_data.h"

#include "entrylog/presence.h"
#include "event/event_window.h"
#include "issuer/audit/audit_queries.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/log_verifier.h"
#include "issuer/desk.h"

#include <algorithm>
#include <map>
#include <set>

namespace accred {
namespace {

constexpr std::size_t kMaxBuckets = 60;

Status chart_series(AuditStore& store, ReportData& d, std::int64_t first, std::size_t n) {
    const auto slot = [&](std::int64_t t) {
        return static_cast<std::size_t>(std::clamp<std::int64_t>((t - first) / d.bucket_seconds, 0,
                                                                 static_cast<std::int64_t>(n) - 1));
    };
    auto per_gate = store.db().prepare("SELECT gate, (time - ?1) / ?2, count(*) FROM entries "
                                       "GROUP BY gate, (time - ?1) / ?2 ORDER BY gate");
    if (!per_gate) return per_gate.error();
    per_gate->bind(1, first).bind(2, d.bucket_seconds);
    std::map<std::string, std::vector<double>> gates;
    if (auto s = for_each_row(per_gate.value(),
                              [&](Statement& q) {
                                  auto& v = gates[q.column_text(0)];
                                  v.resize(n, 0);
                                  v[slot(first + q.column_int(1) * d.bucket_seconds)] +=
                                      static_cast<double>(q.column_int(2));
                              });
        !s)
        return s;
    for (auto& [gate, v] : gates)
        d.entries_per_gate.push_back({gate, std::move(v)});

    // Occupancy: every admitting or exit row replayed in time order through the kiosks' presence
    // rules, sampled at the end of each bucket.
    const EventDefinition& event = store.event();
    std::vector<std::vector<std::string>> inner;
    for (const Zone& z : event.zones) {
        d.occupancy.push_back({z.name.empty() ? z.id : z.name, std::vector<double>(n, 0)});
        inner.push_back(zone_and_inner(event, z.id));
    }
    auto rows =
        store.db().prepare(store_entry_select() + " WHERE admitted = 1 AND holder IS NOT NULL "
                                                  "ORDER BY time, kiosk_id, seq");
    if (!rows) return rows.error();
    Presence presence;
    std::size_t next = 0;
    const auto sample_until = [&](std::size_t upto) {
        for (; next < upto && next < n; ++next)
            for (std::size_t z = 0; z < inner.size(); ++z) {
                // Sampled at the bucket's end, with the daily reset the kiosks apply.
                const std::int64_t at =
                    first + static_cast<std::int64_t>(next + 1) * d.bucket_seconds;
                const std::int64_t reset = presence_reset_before(event, d.zone, at);
                std::set<std::string> people;
                for (const auto& id : inner[z])
                    for (const auto& [holder, since] : presence.inside(id, reset))
                        people.insert(holder);
                d.occupancy[z].values[next] = static_cast<double>(people.size());
            }
    };
    for (auto row = rows->step();; row = rows->step()) {
        if (!row) return row.error();
        if (!row.value()) break;
        auto read = row_from_store(rows.value());
        if (!read) return read.error();
        const EntryRecord& r = read.value();
        sample_until(slot(r.time));
        presence.apply(event, r);
    }
    sample_until(n);
    return success();
}

} // namespace

bool ReportData::verified() const {
    if (!checkpoint_problems.empty()) return false;
    for (const auto& k : kiosks)
        if (!k.verdict.ok()) return false;
    return true;
}

Outcome<ReportData> gather_report(AuditStore& store, const AuditContext& context,
                                  std::int64_t now) {
    ReportData d;
    d.event_name = store.event().name;
    d.event_id = store.event().id;
    d.time_zone = store.event().time_zone;
    d.zone = ResolvedZone::resolve_or_unknown(d.time_zone);
    d.store_path = store.path();
    d.generated_at = now;
    d.checkpoint_problems = context.checkpoint_problems;
    auto logs = store.kiosk_logs();
    if (!logs) return logs.error();
    for (const LogContents& log : logs.value()) {
        KioskStatus k;
        k.verdict =
            verify_log_contents(log, context, store.path() + " (kiosk " + log.kiosk_id + ")");
        for (const Checkpoint& cp : log.checkpoints)
            if (!k.newest_in_log || cp.seq >= k.newest_in_log->seq) k.newest_in_log = cp;
        d.total_rows += log.rows.size();
        d.kiosks.push_back(std::move(k));
    }
    auto range = store.db().prepare("SELECT min(time), max(time) FROM entries");
    if (!range) return range.error();
    auto has = range->step();
    if (!has) return has.error();
    if (d.total_rows > 0) {
        const std::int64_t first = range->column_int(0) / 3600 * 3600;
        const std::int64_t last = range->column_int(1);
        for (std::int64_t hours : {1, 2, 3, 6, 12, 24, 48, 168}) {
            d.bucket_seconds = hours * 3600;
            if ((last - first) / d.bucket_seconds + 1 <= static_cast<std::int64_t>(kMaxBuckets))
                break;
        }
        const auto n = static_cast<std::size_t>(
            std::min<std::int64_t>((last - first) / d.bucket_seconds + 1, 4 * kMaxBuckets));
        for (std::size_t i = 0; i < n; ++i)
            d.bucket_labels.push_back(
                format_audit_time(d.zone, first + static_cast<std::int64_t>(i) * d.bucket_seconds)
                    .substr(5, 11));
        if (auto s = chart_series(store, d, first, n); !s) return s.error();
    }
    // Refusals: every row that kept the door shut (an amber for stale data too), not an unlock.
    auto denials =
        store.db().prepare("SELECT reason, count(*) FROM entries WHERE admitted = 0 AND reason <> "
                           "'supervisor_unlock' GROUP BY reason ORDER BY count(*) DESC, reason");
    if (!denials) return denials.error();
    if (auto s = for_each_row(denials.value(),
                              [&](Statement& q) {
                                  d.denials_by_reason.emplace_back(
                                      q.column_text(0), static_cast<double>(q.column_int(1)));
                              });
        !s)
        return s.error();
    auto anomalies = find_anomalies(store, AnomalyOptions{});
    if (!anomalies) return anomalies.error();
    d.anomalies = std::move(anomalies).value();
    return d;
}

Outcome<ReportData> desk_report_data(Desk& desk, const std::string& store_path,
                                     const std::vector<std::string>& checkpoint_files,
                                     std::int64_t now) {
    auto context = desk_audit_context(desk, checkpoint_files);
    if (!context) return context.error();
    auto store = AuditStore::open_readonly(store_path);
    if (!store) return store.error();
    if (store->event().id != context->event.id)
        return Error{store_path + " is the store of event " + store->event().id + ", not " +
                     context->event.id};
    auto data = gather_report(store.value(), context.value(), now);
    if (!data) return data.error();
    auto journal = all_operator_actions(desk.db());
    if (!journal) return journal.error();
    data->operator_journal = std::move(journal).value();
    return data;
}

} // namespace accred
