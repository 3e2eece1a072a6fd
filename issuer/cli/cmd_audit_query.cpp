// issuer audit trail / zone / occupancy / anomalies: the reviewers' questions, on the merged store.
#include "event/moment_text.h"
#include "issuer/audit/query_output.h"
#include "issuer/cli/audit_cli.h"
#include "issuer/cli/commands.h"

#include <ctime>
#include <iostream>

namespace accred {
namespace {

struct QueryOptions {
    std::string db;
    bool json = false;
    std::string subject; // holder id or zone id
    std::string from;
    std::string to;
    std::string now; // occupancy: the moment judged
    AnomalyOptions anomalies;
};

void add_store_options(CLI::App* sub, QueryOptions& o) {
    sub->add_option("--db", o.db, "The event-wide store made by `issuer audit merge`")->required();
    sub->add_flag("--json", o.json, "Print JSON (default: CSV)");
}

// A search that finds nothing exits 1, as grep does, after printing its (empty) table: a script
// tells "no movements" from "movements" without reading the output (docs/cli-conventions.md).
int found_exit(std::size_t rows) {
    return rows == 0 ? kExitRefused : kExitOk;
}

int run_trail(const QueryOptions& o) {
    auto store = AuditStore::open_readonly(o.db);
    if (!store) return fail_audit(store.error().message);
    auto rows = holder_trail(store.value(), o.subject);
    if (!rows) return fail_audit(rows.error().message);
    print_rows(std::cout, store->event().time_zone, rows.value(), o.json);
    return found_exit(rows->size());
}

int run_zone(const QueryOptions& o) {
    auto store = AuditStore::open_readonly(o.db);
    if (!store) return fail_audit(store.error().message);
    const std::string& tz = store->event().time_zone;
    const auto zone = ResolvedZone::resolve_or_unknown(tz);
    auto from = parse_moment(zone, o.from);
    if (!from) return fail_audit("--from: " + from.error().message);
    auto to = parse_moment(zone, o.to);
    if (!to) return fail_audit("--to: " + to.error().message);
    if (to.value() <= from.value()) return fail_audit("--to must be after --from");
    auto rows = zone_movements(store.value(), o.subject, from.value(), to.value());
    if (!rows) return fail_audit(rows.error().message);
    print_rows(std::cout, tz, rows.value(), o.json);
    return found_exit(rows->size());
}

int run_occupancy(const QueryOptions& o) {
    auto store = AuditStore::open_readonly(o.db);
    if (!store) return fail_audit(store.error().message);
    const std::string& tz = store->event().time_zone;
    std::int64_t at = static_cast<std::int64_t>(std::time(nullptr));
    if (!o.now.empty()) {
        auto parsed = parse_moment(ResolvedZone::resolve_or_unknown(tz), o.now);
        if (!parsed) return fail_audit("--now: " + parsed.error().message);
        at = parsed.value();
    }
    auto inside = zone_occupancy(store.value(), o.subject, at);
    if (!inside) return fail_audit(inside.error().message);
    print_occupants(std::cout, tz, o.subject, at, inside.value(), o.json);
    return kExitOk;
}

int run_anomalies(const QueryOptions& o) {
    auto store = AuditStore::open_readonly(o.db);
    if (!store) return fail_audit(store.error().message);
    auto found = find_anomalies(store.value(), o.anomalies);
    if (!found) return fail_audit(found.error().message);
    print_anomalies(std::cout, store->event().time_zone, found.value(), o.json);
    return kExitOk;
}

} // namespace

void add_audit_query_commands(CLI::App* audit, int& exit_code) {
    auto o = std::make_shared<QueryOptions>();
    CLI::App* trail = audit->add_subcommand("trail", "One person's movements across all gates");
    add_store_options(trail, *o);
    trail->add_option("ID", o->subject, "Holder id (as on the roster)")->required();
    trail->callback([o, &exit_code] { exit_code = run_trail(*o); });

    CLI::App* zone = audit->add_subcommand("zone", "Who entered and left a zone in a window");
    add_store_options(zone, *o);
    zone->add_option("ZONE", o->subject, "Zone id (its inner zones count too)")->required();
    zone->add_option("--from", o->from,
                     "Start: 2014-04-01T12:00:00Z, 2014-04-01T14:00+02:00, or local time "
                     "'2014-04-01 14:00'")
        ->required();
    zone->add_option("--to", o->to, "End (exclusive), same forms")->required();
    zone->callback([o, &exit_code] { exit_code = run_zone(*o); });

    CLI::App* occ = audit->add_subcommand("occupancy", "Who was inside a zone (evacuation list)");
    add_store_options(occ, *o);
    occ->add_option("ZONE", o->subject, "Zone id (its inner zones count too)")->required();
    occ->add_option("--now", o->now,
                    "The moment judged (default: the clock), same forms as "
                    "zone --from");
    occ->callback([o, &exit_code] { exit_code = run_occupancy(*o); });

    CLI::App* anomalies =
        audit->add_subcommand("anomalies", "Everything a reviewer should look at");
    add_store_options(anomalies, *o);
    anomalies
        ->add_option("--min-transit", o->anomalies.min_transit_seconds,
                     "Seconds below which one badge at two distant gates is reported")
        ->capture_default_str()
        ->check(CLI::Range(1, 86400));
    anomalies
        ->add_option("--double-entry", o->anomalies.double_entry_seconds,
                     "Seconds within which one badge admitted into a zone at two gates is reported")
        ->capture_default_str()
        ->check(CLI::Range(1, 7 * 86400));
    anomalies
        ->add_option("--repeated", o->anomalies.repeated_denials,
                     "Denials of one person from which they are reported")
        ->capture_default_str()
        ->check(CLI::Range(2, 1000000));
    anomalies->callback([o, &exit_code] { exit_code = run_anomalies(*o); });
}

} // namespace accred
