#include "report_html.h"

#include "crypto/count_noun.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/html_text.h"

namespace accred {
namespace {

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #111; margin: 0 auto;
       max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; page-break-after: avoid; }
.meta { color: #444; margin: 0 0 4mm; }
.verdict { padding: 3mm 4mm; border: 2px solid; font-size: 12pt; font-weight: bold; }
.ok { border-color: #1e8449; color: #1e8449; background: #eef8f1; }
.bad { border-color: #c0392b; color: #c0392b; background: #fbeeee; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ddd; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
table.anomalies { table-layout: fixed; }
td.time { white-space: nowrap; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; }
.finding { color: #c0392b; }
.note { color: #555; }
.legend span { margin-right: 4mm; white-space: nowrap; }
.legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; }
figure { margin: 0; page-break-inside: avoid; }
figcaption { color: #444; font-size: 8.5pt; }
)css";

std::string e(const std::string& s) {
    return html_escape(s);
}

void verification(std::string& h, const ReportData& d) {
    h += "<h2>1. Verification</h2>";
    h += d.verified() ? "<p class=\"verdict ok\">All " + std::to_string(d.kiosks.size()) +
                            " kiosk logs verified: hash chains, signed checkpoints, registered "
                            "keys and credentials.</p>"
                      : "<p class=\"verdict bad\">Verification FAILED: see the findings below."
                        "</p>";
    for (const auto& p : d.checkpoint_problems)
        h += "<p class=\"finding\">" + e(p) + "</p>";
    h += "<table><tr><th>Kiosk</th><th>Gate</th><th class=\"num\">Rows</th><th>Result</th></tr>";
    for (const auto& k : d.kiosks) {
        const LogVerdict& v = k.verdict;
        std::string result = v.ok() ? "verified" : "";
        for (const auto& f : v.findings)
            result += "<div class=\"finding\">" + e(f.what) + "</div>";
        for (const auto& w : v.warnings)
            result += "<div class=\"note\">" + e(w) + "</div>";
        h += "<tr><td>" + e(v.kiosk_id) + "</td><td>" + e(v.gate) + "</td><td class=\"num\">" +
             std::to_string(v.rows) + "</td><td>" + result + "</td></tr>";
    }
    h += "</table>";
}

void charts(std::string& h, const ReportData& d) {
    const std::string bucket =
        d.bucket_seconds == 3600 ? "hour" : std::to_string(d.bucket_seconds / 3600) + " hours";
    const std::string zone_note = "Times in " + e(d.time_zone) + " local time (month-day hh:mm).";
    h += "<h2>2. Entries per " + bucket + " per gate</h2><figure>";
    h += svg_line_chart(d.bucket_labels, d.entries_per_gate, false, "decisions per " + bucket);
    h += html_legend(d.entries_per_gate) +
         "<figcaption>Every decision logged (granted, denied, "
         "exits), by the gate's kiosk. " +
         zone_note + "</figcaption></figure>";
    h += "<h2>3. Denials by reason</h2><figure>";
    h += svg_bar_chart(d.denials_by_reason, "denials");
    h += "</figure>";
    h += "<h2>4. Occupancy of each zone</h2><figure>";
    h += svg_line_chart(d.bucket_labels, d.occupancy, true, "people inside");
    h += html_legend(d.occupancy) +
         "<figcaption>People inside each zone (its inner zones "
         "included) at the end of each " +
         bucket + ", from admitted entries and recorded exits. " + zone_note +
         "</figcaption></figure>";
}

void anomalies(std::string& h, const ReportData& d, std::size_t max) {
    h += "<h2>5. Anomalies (" + std::to_string(d.anomalies.size()) +
         ")</h2><p class=\"note\">"
         "Times in " +
         e(d.time_zone) +
         " local time (month-day hh:mm); docs/audit.md says what "
         "each kind means.</p>";
    h += "<table class=\"anomalies\"><colgroup><col style=\"width:19%\"><col style=\"width:"
         "19%\"><col style=\"width:17%\"><col style=\"width:8%\"><col style=\"width:7%\"><col>"
         "</colgroup><tr><th>Kind</th><th>Time</th><th>Gate</th><th>Holder</th><th class=\"num\">"
         "Row</th><th>Detail</th></tr>";
    for (std::size_t i = 0; i < d.anomalies.size() && i < max; ++i) {
        const Anomaly& a = d.anomalies[i];
        h += "<tr><td>" + e(a.kind) + "</td><td class=\"time\">" +
             (a.time ? e(format_audit_time(d.zone, a.time).substr(5, 11)) : "") + "</td><td>" +
             e(a.gate) + "</td><td>" + e(a.holder) + "</td><td class=\"num\">" +
             (a.seq ? std::to_string(a.seq) : "") + "</td><td>" + e(a.detail) + "</td></tr>";
    }
    h += "</table>";
    if (d.anomalies.size() > max)
        h += "<p class=\"note\">" + std::to_string(d.anomalies.size() - max) +
             " more: run <code>issuer audit anomalies</code> for the full list.</p>";
}

void checkpoints(std::string& h, const ReportData& d) {
    h += "<h2>6. Checkpoint status of each kiosk</h2>";
    h += "<table><tr><th>Kiosk</th><th>Gate</th><th class=\"num\">Rows</th><th>Newest in the log"
         "</th><th>Newest held by the desk</th><th class=\"num\">Rows not covered</th></tr>";
    const auto cp = [&](const std::optional<Checkpoint>& c) {
        return c ? "row " + std::to_string(c->seq) + ", " + format_audit_time(d.zone, c->time)
                 : std::string("none");
    };
    for (const auto& k : d.kiosks) {
        const LogVerdict& v = k.verdict;
        h += "<tr><td>" + e(v.kiosk_id) + "</td><td>" + e(v.gate) + "</td><td class=\"num\">" +
             std::to_string(v.rows) + "</td><td>" + e(cp(k.newest_in_log)) + "</td><td>" +
             e(cp(v.desk_checkpoint)) + "</td><td class=\"num\">" +
             (v.desk_checkpoint ? std::to_string(v.rows_after_checkpoint) : "all") + "</td></tr>";
    }
    h += "</table>";
}

// Every row of the desk's operator journal: what was done at the desk, by whom, from where.
void operator_journal(std::string& h, const ReportData& d) {
    const auto& rows = *d.operator_journal;
    h += "<h2 id=\"operator-journal\">7. Operator journal (" + std::to_string(rows.size()) +
         ")</h2><p class=\"note\">Every action taken through the web desk, oldest first; times "
         "in " +
         e(d.time_zone) + " local time.</p>";
    if (rows.empty()) {
        h += "<p>No operator action recorded.</p>";
        return;
    }
    h += "<table class=\"journal\"><tr><th class=\"num\">#</th><th>When</th><th>Who</th>"
         "<th>Role</th><th>Action</th><th>Subject</th><th>Detail</th><th>From</th></tr>";
    for (const OperatorAction& a : rows)
        h += "<tr><td class=\"num\">" + std::to_string(a.seq) + "</td><td class=\"time\">" +
             e(format_audit_time(d.zone, a.at)) + "</td><td>" + e(a.operator_name) + "</td><td>" +
             e(a.role) + "</td><td>" + e(std::string(journal_action_name(a.action))) + "</td><td>" +
             e(a.subject) + "</td><td>" + e(a.detail) + "</td><td>" + e(a.remote) + "</td></tr>";
    h += "</table>";
}

} // namespace

std::string report_html(const ReportData& d, std::size_t max_anomalies) {
    std::string h = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<title>Audit report: " +
                    e(d.event_name) + "</title><style>" + kStyle + "</style></head><body>";
    h += "<h1>Audit report: " + e(d.event_name) + "</h1>";
    h += "<p class=\"meta\">Event " + e(d.event_id) + ", time zone " + e(d.time_zone) + ". " +
         count_noun(d.total_rows, "decision", "decisions") + " from " +
         count_noun(d.kiosks.size(), "kiosk", "kiosks") + " in " + e(d.store_path) +
         ". Generated " + e(format_audit_time(d.zone, d.generated_at)) + ".</p>";
    verification(h, d);
    charts(h, d);
    anomalies(h, d, max_anomalies);
    checkpoints(h, d);
    if (d.operator_journal) operator_journal(h, d);
    return h + "</body></html>\n";
}

} // namespace accred
