#include "bundle_shelf_export.h"

#include "bundle/revocation_update.h"
#include "crypto/file_io.h"
#include "issuer/export_file.h"

#include <cerrno>
#include <cstring>
#include <optional>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {
namespace {

Status make_shelf(const std::string& desk_dir) {
    const std::string dir = desk_dir + "/exports";
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        return Error{"cannot create " + dir + ": " + std::strerror(errno)};
    return success();
}

std::string shelf_name(const std::string& desk_dir, const BundleExportResult& r) {
    return desk_dir + "/exports/bundle-" + std::to_string(r.version) +
           (r.base ? "-on-" + std::to_string(*r.base) : std::string()) + ".acb";
}

} // namespace

Outcome<ShelfExport>
export_bundle_to_shelf(Desk& desk, const SigningKey& event_key, const BundleExportRequest& request,
                       const std::function<Status(std::span<const std::uint8_t>)>& also_to) {
    // Opened with the first bytes: an export refused before it writes leaves no copy. The
    // temporary name carries a random part: two desks (issuer web's threads, a command beside
    // it) may export at once.
    std::optional<ExportFile> copy;
    auto result =
        export_bundle(desk, event_key, request, [&](std::span<const std::uint8_t> bytes) -> Status {
            if (!copy) {
                if (auto s = make_shelf(desk.dir()); !s) return s;
                auto opened = ExportFile::create(desk.dir() + "/exports/.export-" +
                                                 std::to_string(::getpid()) + "-" +
                                                 std::to_string(randombytes_random()));
                if (!opened) return opened.error();
                copy.emplace(std::move(opened).value());
            }
            if (also_to)
                if (auto s = also_to(bytes); !s) return s;
            return copy->write(bytes);
        });
    if (!result) return result.error();
    const std::string path = shelf_name(desk.dir(), result.value());
    if (!copy) return Error{"the bundle export wrote nothing"};
    if (auto s = copy->finish_as(path); !s)
        return Error{"the copy for issuer serve: " + s.error().message};
    return ShelfExport{std::move(result).value(), path};
}

Outcome<ShelvedRevocations> export_revocations_to_shelf(Desk& desk, const SigningKey& event_key,
                                                        std::uint64_t now) {
    if (auto s = make_shelf(desk.dir()); !s) return s.error();
    auto list = desk.next_revocation_list(now);
    if (!list) return list.error();
    const auto bytes = write_revocation_update(list.value(), event_key);
    const std::string path =
        desk.dir() + "/exports/revocations-" + std::to_string(list->version) + ".update";
    if (auto s = write_new_file(path, bytes, 0644); !s) return s.error();
    return ShelvedRevocations{std::move(list).value(), path, bytes.size()};
}

} // namespace accred
