#include "anomalies.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace accred {
namespace {

// Runs sql (parameters bound by bind) and hands each row to take.
template <typename Bind, typename Take>
Status each_row(Database& db, const std::string& sql, Bind bind, Take take) {
    auto q = db.prepare(sql);
    if (!q) return q.error();
    bind(q.value());
    for (auto row = q->step();; row = q->step()) {
        if (!row) return row.error();
        if (!row.value()) return success();
        take(q.value());
    }
}

// True when a person can plausibly pass gate a and gate b in quick succession: the same zone,
// or one zone directly encloses the other.
bool gates_adjacent(const EventDefinition& e, const std::string& a, const std::string& b) {
    const Gate* ga = e.find_gate(a);
    const Gate* gb = e.find_gate(b);
    if (ga == nullptr || gb == nullptr) return false;
    if (ga->zone == gb->zone) return true;
    const Zone* za = e.find_zone(ga->zone);
    const Zone* zb = e.find_zone(gb->zone);
    return (za != nullptr && za->parent == gb->zone) || (zb != nullptr && zb->parent == ga->zone);
}

// True when zone is outer or lies inside it (leaving outer leaves zone too).
bool zone_within(const EventDefinition& e, const std::string& zone, const std::string& outer) {
    const Zone* z = e.find_zone(zone);
    for (int hops = 0; z != nullptr && hops < 256; ++hops) { // the parser refuses cycles
        if (z->id == outer) return true;
        z = z->parent ? e.find_zone(*z->parent) : nullptr;
    }
    return zone == outer;
}

bool by_time(const Anomaly& a, const Anomaly& b) {
    return std::tie(a.time, a.kiosk_id, a.seq) < std::tie(b.time, b.kiosk_id, b.seq);
}

struct Denials {
    std::int64_t count = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::set<std::string> gates;
    std::string holder;
};

// Everything found in one pass over the rows in (kiosk, row) order: the table's own order, so
// no sort, and one read of a million rows instead of one per kind.
struct RowPass {
    const AnomalyOptions& o;
    std::map<std::string, std::int64_t> denied_by_reason;
    std::map<std::string, Denials> denied_by_person; // holder, or "#" + credential id
    std::vector<Anomaly> revoked, passback, overrides, manual, supervisor, clock;
    std::map<std::string, std::pair<Anomaly, std::int64_t>> simulated_by_kiosk; // first row, count
    std::string prev_kiosk;
    std::int64_t prev_seq = 0;
    std::int64_t prev_time = 0;

    void take(const Statement& q) {
        Anomaly a{"",
                  q.column_int(0),
                  q.column_text(1),
                  q.column_text(2),
                  static_cast<std::uint64_t>(q.column_int(3)),
                  q.column_text(4),
                  ""};
        // The store holds rows the audit verified: names of the vocabulary. Anything else reads as
        // internal_error (and a denial), never as something that was let through.
        const Verdict verdict = verdict_from_name(q.column_text(5)).value_or(Verdict::denied);
        const Reason reason = reason_from_name(q.column_text(6)).value_or(Reason::internal_error);
        const std::optional<Reason> original =
            q.column_is_null(7) ? std::nullopt
                                : std::optional(reason_from_name(q.column_text(7))
                                                    .value_or(Reason::internal_error));
        const std::string reason_text(reason_name(reason));
        const std::string original_text(original ? reason_name(*original) : "");
        if (reason == Reason::pin_rejected || reason == Reason::supervisor_unlock) {
            // A supervisor's action, not a badge: no holder, and override_by names the supervisor.
            const std::string who = q.column_is_null(8) ? "(none)" : q.column_text(8);
            if (reason == Reason::pin_rejected)
                add(supervisor, a, "pin_rejected", "wrong PIN for supervisor " + who);
            else
                add(supervisor, a, "supervisor_unlock", "supervisor " + who + " unlocked the gate");
            sequence_and_clock(a, reason);
            return;
        }
        if (verdict == Verdict::denied) {
            ++denied_by_reason[reason_text];
            const std::string who = a.holder.empty() ? "#" + q.column_text(10) : a.holder;
            Denials& d = denied_by_person[who];
            if (d.count++ == 0) d.first = a.time;
            d.last = std::max(d.last, a.time);
            d.gates.insert(a.gate);
            d.holder = a.holder;
        }
        auto revoked_or_superseded = [](std::optional<Reason> r) {
            return r == Reason::revoked || r == Reason::superseded;
        };
        if (revoked_or_superseded(reason))
            add(revoked, a, "revoked_or_superseded", reason_text + " badge tried");
        else if (revoked_or_superseded(original))
            add(revoked, a, "revoked_or_superseded", original_text + " badge let in by override");
        if (reason == Reason::already_inside || original == Reason::already_inside)
            add(passback, a, "passback", "already inside: " + std::string(verdict_name(verdict)));
        const auto others = reasons_from_text(q.column_text(11)).value_or(std::vector<Reason>{});
        if (std::find(others.begin(), others.end(), Reason::manual_lookup) != others.end())
            add(manual, a, "manual_lookup",
                "decided by manual lookup, the badge unscanned: " + reason_text +
                    (q.column_is_null(8) ? ", no PIN (gate open to it)"
                                         : ", PIN of supervisor " + q.column_text(8)));
        else if (!q.column_is_null(8))
            add(overrides, a, "override",
                "supervisor " + q.column_text(8) + " overrode " + original_text);
        if (q.column_int(9) == 1) {
            auto [it, fresh] = simulated_by_kiosk.try_emplace(a.kiosk_id, a, 0);
            it->second.first.time = std::min(it->second.first.time, a.time);
            ++it->second.second;
        }
        sequence_and_clock(a, reason);
    }

    void sequence_and_clock(const Anomaly& a, Reason reason) {
        const auto seq = static_cast<std::int64_t>(a.seq);
        const bool first = a.kiosk_id != prev_kiosk;
        const std::int64_t expected = first ? 1 : prev_seq + 1;
        if (seq != expected)
            add(clock, a, "sequence_gap",
                "rows " + std::to_string(expected) + " to " + std::to_string(seq - 1) +
                    " are missing from the store");
        if (!first) {
            const std::int64_t step = a.time - prev_time;
            const bool suspect = reason == Reason::clock_suspect;
            if (step < 0 || step > o.clock_jump_seconds || suspect)
                add(clock, a, "clock_jump",
                    "clock stepped " + std::string(step < 0 ? "back " : "forward ") +
                        std::to_string(step < 0 ? -step : step) + " s since the row before" +
                        (suspect ? " (kiosk: clock_suspect)" : ""));
        }
        prev_kiosk = a.kiosk_id;
        prev_seq = seq;
        prev_time = a.time;
    }

    static void add(std::vector<Anomaly>& to, Anomaly a, const char* kind, std::string detail) {
        a.kind = kind;
        a.detail = std::move(detail);
        to.push_back(std::move(a));
    }
};

// Per holder in time order: the same holder at two distant gates too soon
// (impossible_travel), and a second admission into a zone, at another gate, while the first
// has no exit from that zone recorded after it (double_entry).
struct HolderPass {
    const EventDefinition& event;
    const AnomalyOptions& o;
    std::vector<Anomaly> travel, doubled;
    std::string prev_holder;
    std::string prev_gate;
    std::int64_t prev_time = 0;
    std::map<std::string, std::pair<std::string, std::int64_t>> inside; // zone -> gate, time

    void take(const Statement& q) {
        Anomaly a{"impossible_travel",
                  q.column_int(1),
                  q.column_text(2),
                  q.column_text(3),
                  static_cast<std::uint64_t>(q.column_int(4)),
                  q.column_text(0),
                  ""};
        const std::string zone = q.column_text(5);
        const bool entry = q.column_int(6) == 1;
        const bool passed = q.column_int(7) == 1;
        if (a.holder != prev_holder) inside.clear();
        const std::int64_t gap = a.time - prev_time;
        if (a.holder == prev_holder && a.gate != prev_gate && gap < o.min_transit_seconds &&
            !gates_adjacent(event, a.gate, prev_gate)) {
            a.detail = "at " + prev_gate + " " + std::to_string(gap) + " s before";
            travel.push_back(a);
        }
        if (entry && passed)
            enter(a, zone);
        else if (!entry && passed)
            std::erase_if(inside, [&](const auto& z) { return zone_within(event, z.first, zone); });
        prev_holder = std::move(a.holder);
        prev_gate = std::move(a.gate);
        prev_time = a.time;
    }

    void enter(const Anomaly& a, const std::string& zone) {
        auto it = inside.find(zone);
        if (it != inside.end() && it->second.first != a.gate &&
            a.time - it->second.second < o.double_entry_seconds) {
            Anomaly d = a;
            d.kind = "double_entry";
            d.detail = "admitted into " + zone + " at " + it->second.first + " " +
                       std::to_string(a.time - it->second.second) +
                       " s before, no exit recorded between: two copies of one badge?";
            doubled.push_back(std::move(d));
        }
        inside[zone] = {a.gate, a.time};
    }
};

// One line per denial reason, the most frequent first.
std::vector<Anomaly> denials_by_reason(const RowPass& pass) {
    std::vector<Anomaly> out;
    std::vector<std::pair<std::string, std::int64_t>> reasons(pass.denied_by_reason.begin(),
                                                              pass.denied_by_reason.end());
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [reason, n] : reasons)
        out.push_back(
            {"denials_by_reason", 0, "", "", 0, "", reason + ": " + std::to_string(n) + " denied"});
    return out;
}

// Holders (or unverified codes) denied at least o.repeated_denials times, in time order.
std::vector<Anomaly> repeated_denials(const RowPass& pass, const AnomalyOptions& o) {
    std::vector<Anomaly> repeated;
    for (const auto& [who, d] : pass.denied_by_person) {
        if (d.count < static_cast<std::int64_t>(o.repeated_denials)) continue;
        std::string gates;
        for (const auto& g : d.gates)
            gates += (gates.empty() ? "" : ", ") + g;
        repeated.push_back({"repeated_denials", d.first, gates, "", 0, d.holder,
                            std::to_string(d.count) + " denied attempts" +
                                (d.holder.empty() ? " with the same unverified code" : "") +
                                " in " + std::to_string((d.last - d.first) / 60) + " min"});
    }
    std::stable_sort(repeated.begin(), repeated.end(), by_time);
    return repeated;
}

// One line per kiosk that logged on a simulated clock: its first such row and how many.
std::vector<Anomaly> simulated_clocks(const RowPass& pass) {
    std::vector<Anomaly> simulated;
    for (const auto& [kiosk, first_and_count] : pass.simulated_by_kiosk) {
        Anomaly a = first_and_count.first;
        a.kind = "simulated_time";
        a.seq = 0;
        a.holder.clear();
        a.detail = std::to_string(first_and_count.second) + " entries on a simulated clock";
        simulated.push_back(a);
    }
    return simulated;
}

} // namespace

Outcome<std::vector<Anomaly>> compute_anomalies(AuditStore& store, const AnomalyOptions& o) {
    Database& db = store.db();
    RowPass pass{o, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 0, 0};
    if (auto s = each_row(
            db,
            "SELECT time, gate, kiosk_id, seq, COALESCE(holder, ''), verdict, "
            "reason, COALESCE(original_reason, ''), override_by, simulated_time, "
            "credential, other_reasons FROM entries ORDER BY kiosk_id, seq",
            [](Statement&) {}, [&](const Statement& q) { pass.take(q); });
        !s)
        return s.error();
    HolderPass holders{store.event(), o, {}, {}, {}, {}, 0, {}};
    if (auto s = each_row(
            db,
            "SELECT holder, time, gate, kiosk_id, seq, zone, direction = 'entry', "
            "admitted = 1 FROM entries WHERE holder IS NOT NULL "
            "ORDER BY holder, time, kiosk_id, seq",
            [](Statement&) {}, [&](const Statement& q) { holders.take(q); });
        !s)
        return s.error();

    std::vector<Anomaly> out = denials_by_reason(pass);
    std::vector<Anomaly> repeated = repeated_denials(pass, o);
    for (auto* kind : {&repeated, &pass.revoked, &pass.passback, &holders.travel, &holders.doubled,
                       &pass.overrides, &pass.manual, &pass.supervisor}) {
        if (kind != &repeated) std::stable_sort(kind->begin(), kind->end(), by_time);
        out.insert(out.end(), kind->begin(), kind->end());
    }
    const std::vector<Anomaly> simulated = simulated_clocks(pass);
    out.insert(out.end(), simulated.begin(), simulated.end());
    out.insert(out.end(), pass.clock.begin(), pass.clock.end());
    return out;
}

namespace {

// The row count the cache was computed on, or -1 when there is no cache.
std::int64_t cached_rows(Database& db) {
    auto q = db.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'anomaly_cache_rows'");
    if (!q) return -1;
    auto row = q->step();
    return row && row.value() ? q->column_int(0) : -1;
}

std::int64_t row_count(Database& db) {
    auto q = db.prepare("SELECT count(*) FROM entries");
    if (!q) return -2;
    auto row = q->step();
    return row && row.value() ? q->column_int(0) : -2;
}

} // namespace

Outcome<std::vector<Anomaly>> find_anomalies(AuditStore& store, const AnomalyOptions& o) {
    Database& db = store.db();
    if (!(o == AnomalyOptions{}) || cached_rows(db) != row_count(db))
        return compute_anomalies(store, o);
    std::vector<Anomaly> out;
    Status read = each_row(
        db,
        "SELECT kind, time, gate, kiosk_id, seq, holder, detail FROM anomaly_cache "
        "ORDER BY rowid",
        [](Statement&) {},
        [&](const Statement& q) {
            out.push_back({q.column_text(0), q.column_int(1), q.column_text(2), q.column_text(3),
                           static_cast<std::uint64_t>(q.column_int(4)), q.column_text(5),
                           q.column_text(6)});
        });
    if (!read) return read.error();
    return out;
}

Status cache_anomalies(AuditStore& store) {
    auto all = compute_anomalies(store, AnomalyOptions{});
    if (!all) return all.error();
    Database& db = store.db();
    return in_transaction(db, [&]() -> Status {
        if (auto s = db.exec("DELETE FROM anomaly_cache"); !s) return s;
        auto put = db.prepare("INSERT INTO anomaly_cache(kind, time, gate, kiosk_id, seq, holder, "
                              "detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!put) return put.error();
        for (const Anomaly& a : all.value()) {
            put->bind(1, a.kind).bind(2, a.time).bind(3, a.gate).bind(4, a.kiosk_id);
            put->bind(5, static_cast<std::int64_t>(a.seq)).bind(6, a.holder).bind(7, a.detail);
            if (auto s = put->run(); !s) return s;
        }
        auto mark = db.prepare("INSERT INTO meta(key, value) VALUES ('anomaly_cache_rows', ?1) "
                               "ON CONFLICT(key) DO UPDATE SET value = ?1");
        if (!mark) return mark.error();
        return mark->bind(1, std::to_string(row_count(db))).run();
    });
}

} // namespace accred
