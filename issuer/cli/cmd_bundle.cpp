// issuer bundle / revocations: the signed files the kiosks load.
#include "bundle/revocation_update.h"
#include "commands.h"
#include "crypto/count_noun.h"
#include "crypto/file_io.h"
#include "event/utc_time.h"
#include "issuer/bundle_shelf_export.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"
#include "issuer/export_file.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {
namespace {

struct BundleOptions {
    DeskOptions desk;
    std::string out;
    std::optional<std::uint64_t> since;      // issuer bundle --since: a delta
    Overwrite overwrite = Overwrite::refuse; // --force
};

int report(const BundleOptions& o, const char* what, std::uint64_t version, std::uint64_t now,
           std::size_t bytes, std::size_t revoked) {
    if (o.desk.json) {
        std::cout << nlohmann::json{{"file", o.out},      {"kind", what},
                                    {"version", version}, {"issued_at", format_utc_time(now)},
                                    {"bytes", bytes},     {"revoked", revoked}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "Wrote " << what << " version " << version << " to " << o.out << " ("
                  << count_noun(bytes, "byte", "bytes") << ", "
                  << count_noun(revoked, "revoked credential", "revoked credentials") << ", issued "
                  << format_utc_time(now) << ")\n";
    }
    return kExitOk;
}

int report_bundle(const BundleOptions& o, const BundleExportResult& r, std::uint64_t now) {
    const char* kind = r.base ? "kiosk bundle delta" : "kiosk bundle";
    if (o.desk.json) {
        nlohmann::json j{{"file", o.out},
                         {"kind", kind},
                         {"version", r.version},
                         {"issued_at", format_utc_time(now)},
                         {"bytes", r.written.bytes},
                         {"revoked", r.revoked},
                         {"people", r.written.roster.people},
                         {"photos_carried", r.written.entries},
                         {"chunks", r.written.chunks}};
        if (r.base) {
            j["base"] = *r.base;
            j["removed"] = r.removed;
        }
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "Wrote " << kind << " version " << r.version << " to " << o.out << " ("
              << count_noun(r.written.bytes, "byte", "bytes") << ", issued " << format_utc_time(now)
              << ")\n";
    if (r.base)
        std::cout << "  a delta on version " << *r.base << ": "
                  << count_noun(r.written.entries, "photo", "photos") << " added or changed, "
                  << count_noun(r.removed, "person", "people") << " removed\n";
    std::cout << "  roster: " << count_noun(r.written.roster.people, "person", "people")
              << " with photos; "
              << count_noun(r.revoked, "revoked credential", "revoked credentials") << "\n";
    return kExitOk;
}

// Opens the workspace with the event key, unless the output exists (checked first, so that a
// refused overwrite does not use up an export version).
Outcome<DeskSession> begin_export(const BundleOptions& o) {
    if (auto s = check_output_path(o.out, o.overwrite); !s) return s.error();
    return open_session(o.desk, true);
}

int run_bundle(const BundleOptions& o) {
    auto session = begin_export(o);
    if (!session) return fail_error(session.error());
    auto out = ExportFile::create(o.out, 0644, o.overwrite);
    if (!out) return fail_error(out.error());
    ProgressBar bar("Exporting", !o.desk.json);
    BundleExportRequest request{session->now, o.since};
    request.progress = [&](std::size_t d, std::size_t t) { bar.update(d, t); };
    auto shelved = export_bundle_to_shelf(
        session->desk, *session->key, request,
        [&](std::span<const std::uint8_t> bytes) { return out->write(bytes); });
    bar.finish();
    if (!shelved) return fail_error(shelved.error());
    if (auto s = out->finish(); !s) return fail_error(s.error());
    return report_bundle(o, shelved->result, session->now);
}

int run_revocations(const BundleOptions& o) {
    auto session = begin_export(o);
    if (!session) return fail_error(session.error());
    auto list = session->desk.next_revocation_list(session->now);
    if (!list) return fail_error(list.error());
    const auto bytes = write_revocation_update(list.value(), *session->key);
    if (auto s = write_output_file(o.out, bytes, 0644, o.overwrite); !s)
        return fail_error(s.error());
    return report(o, "revocation update", list->version, session->now, bytes.size(),
                  list->revoked.size());
}

} // namespace

void add_bundle_commands(CLI::App& app, int& exit_code) {
    auto bundle = std::make_shared<BundleOptions>();
    CLI::App* sub = app.add_subcommand(
        "bundle", "Export the signed kiosk bundle (policy, keys, revocations, photos); a copy "
                  "is kept in DESK/exports/ for issuer serve to offer the kiosks");
    sub->add_option("-o,--out", bundle->out, "Bundle file to create")->required();
    sub->add_option("--since", bundle->since,
                    "Write a delta on this bundle version: only the photos added or changed "
                    "since, and the people removed (kiosk update installs it on that version "
                    "or a later one)");
    add_desk_options(sub, bundle->desk);
    add_force_option(sub, bundle->overwrite);
    sub->callback([bundle, &exit_code] { exit_code = run_bundle(*bundle); });

    auto revocations = std::make_shared<BundleOptions>();
    sub = app.add_subcommand("revocations", "Export a signed revocation update alone");
    sub->add_option("-o,--out", revocations->out, "Revocation update file to create")->required();
    add_desk_options(sub, revocations->desk);
    add_force_option(sub, revocations->overwrite);
    sub->callback([revocations, &exit_code] { exit_code = run_revocations(*revocations); });
}

} // namespace accred
