// issuer bundle / revocations: the signed files the kiosks load.
#include "commands.h"

#include "bundle/bundle_file.h"
#include "crypto/file_io.h"
#include "issuer/cli/desk_cli.h"
#include "event/utc_time.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct BundleOptions {
    DeskOptions desk;
    std::string out;
};

int report(const BundleOptions& o, const char* what, std::uint64_t version, std::uint64_t now,
           std::size_t bytes, std::size_t revoked) {
    if (o.desk.json) {
        std::cout << nlohmann::json{{"file", o.out}, {"kind", what}, {"version", version},
                                    {"issued_at", format_utc_time(now)}, {"bytes", bytes},
                                    {"revoked", revoked}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "Wrote " << what << " version " << version << " to " << o.out << " ("
                  << bytes << " bytes, " << revoked << " revoked credentials, issued "
                  << format_utc_time(now) << ")\n";
    }
    return kExitOk;
}

// Opens the workspace with the event key, unless the output exists (checked first, so that a
// refused overwrite does not use up an export version).
Outcome<DeskSession> begin_export(const BundleOptions& o) {
    if (::access(o.out.c_str(), F_OK) == 0)
        return Error{o.out + " already exists; refusing to overwrite it"};
    return open_session(o.desk, true);
}

// Keeps a copy of an exported bundle in DESK/exports/bundle-<version>.acb, where issuer serve
// finds the newest to offer the kiosks (issuer/fleet/bundle_shelf.h). Written under a temporary
// name and then linked into place, so that serve never reads a half-written bundle, and never
// over an existing copy.
Status keep_export_copy(const std::string& desk_dir, std::uint64_t version,
                        const std::vector<std::uint8_t>& bytes) {
    const std::string dir = desk_dir + "/exports";
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        return Error{"cannot create " + dir + ": " + std::strerror(errno)};
    const std::string name = dir + "/bundle-" + std::to_string(version) + ".acb";
    const std::string part = dir + "/.bundle-" + std::to_string(version) + ".part";
    (void)::unlink(part.c_str()); // left by an export that was interrupted
    if (auto s = write_new_file(part, bytes, 0644); !s) return s;
    const bool linked = ::link(part.c_str(), name.c_str()) == 0;
    const int link_errno = errno;
    (void)::unlink(part.c_str());
    if (!linked) return Error{"cannot keep the copy " + name + ": " + std::strerror(link_errno)};
    return success();
}

int run_bundle(const BundleOptions& o) {
    auto session = begin_export(o);
    if (!session) return fail_usage(session.error().message);
    auto bundle = session->desk.next_bundle(session->now);
    if (!bundle) return fail_usage(bundle.error().message);
    const auto bytes = write_bundle(bundle.value(), *session->key);
    if (auto s = write_new_file(o.out, bytes, 0644); !s) return fail_usage(s.error().message);
    if (auto s = keep_export_copy(session->desk.dir(), bundle->version, bytes); !s)
        return fail_usage("wrote " + o.out + ", but " + s.error().message);
    return report(o, "kiosk bundle", bundle->version, session->now, bytes.size(),
                  bundle->revocations.revoked.size());
}

int run_revocations(const BundleOptions& o) {
    auto session = begin_export(o);
    if (!session) return fail_usage(session.error().message);
    auto list = session->desk.next_revocation_list(session->now);
    if (!list) return fail_usage(list.error().message);
    const auto bytes = write_revocation_update(list.value(), *session->key);
    if (auto s = write_new_file(o.out, bytes, 0644); !s) return fail_usage(s.error().message);
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
    add_desk_options(sub, bundle->desk);
    sub->callback([bundle, &exit_code] { exit_code = run_bundle(*bundle); });

    auto revocations = std::make_shared<BundleOptions>();
    sub = app.add_subcommand("revocations", "Export a signed revocation update alone");
    sub->add_option("-o,--out", revocations->out, "Revocation update file to create")->required();
    add_desk_options(sub, revocations->desk);
    sub->callback([revocations, &exit_code] { exit_code = run_revocations(*revocations); });
}

} // namespace accred
