// Everything the audit report shows, gathered from the merged store and the desk's context.
#pragma once

#include "crypto/outcome.h"
#include "event/resolved_zone.h"
#include "issuer/audit/anomalies.h"
#include "issuer/audit/audit_context.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/log_verdict.h"
#include "issuer/audit/svg_chart.h"
#include "issuer/operator_journal.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

struct KioskStatus {
    LogVerdict verdict;                      // the store's rows of this kiosk, verified again
    std::optional<Checkpoint> newest_in_log; // the newest checkpoint the kiosk stored
};

struct ReportData {
    std::string event_name;
    std::string event_id;
    std::string time_zone;
    ResolvedZone zone; // time_zone, resolved once for every label and sample
    std::string store_path;
    std::int64_t generated_at = 0;
    std::vector<std::string> checkpoint_problems;
    std::vector<KioskStatus> kiosks;
    std::size_t total_rows = 0;
    // Time buckets (labels in local time) of bucket_seconds each.
    std::int64_t bucket_seconds = 3600;
    std::vector<std::string> bucket_labels;
    std::vector<ChartSeries> entries_per_gate; // rows per bucket, one series per gate
    std::vector<std::pair<std::string, double>> denials_by_reason;
    std::vector<ChartSeries> occupancy; // people inside at the end of each bucket, per zone
    std::vector<Anomaly> anomalies;
    // The desk's operator journal, oldest first (desk_report_data); absent when the report was
    // gathered from a store alone.
    std::optional<std::vector<OperatorAction>> operator_journal;

    bool verified() const;
};

// Verifies every kiosk's rows in the store against context, and gathers the charts' series
// (bucketed so that there are at most about 60 buckets) and the anomalies.
Outcome<ReportData> gather_report(AuditStore& store, const AuditContext& context, std::int64_t now);

// The report `issuer audit report` writes and the web desk's audit page shows: the store at
// store_path opened read-only (issuer serve may be writing it), refused when it is another
// event's; verified against desk_audit_context(desk, checkpoint_files); with desk.db's operator
// journal.
Outcome<ReportData> desk_report_data(Desk& desk, const std::string& store_path,
                                     const std::vector<std::string>& checkpoint_files,
                                     std::int64_t now);

} // namespace accred
