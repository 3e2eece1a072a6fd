#include "fleet_setup.h"

#include "crypto/file_io.h"
#include "kiosk/app/replace_file.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

constexpr std::size_t kMaxFleetJson = 4096;
constexpr std::size_t kMaxCertificate = 64 * 1024; // one PEM certificate is about 1 KiB
constexpr std::size_t kMaxDeskUrl = 512;

std::string config_path(const std::string& dir) {
    return dir + "/fleet.json";
}
std::string ca_path(const std::string& dir) {
    return dir + "/fleet-ca.crt";
}
std::string cert_path(const std::string& dir) {
    return dir + "/fleet.crt";
}

} // namespace

Outcome<std::optional<FleetSetup>> read_fleet_setup(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(config_path(dir), ec)) return std::optional<FleetSetup>{};
    auto text = read_small_file(config_path(dir), kMaxFleetJson);
    if (!text) return text.error();
    const auto j = nlohmann::json::parse(text.value(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.size() != 1 || !j.contains("desk") ||
        !j["desk"].is_string() || j["desk"].get<std::string>().empty() ||
        j["desk"].get<std::string>().size() > kMaxDeskUrl)
        return Error{config_path(dir) +
                     " is damaged: it must be {\"desk\": \"https://HOST:PORT\"}; run kiosk join "
                     "again, or kiosk join --leave"};
    FleetSetup setup;
    setup.desk_url = j["desk"].get<std::string>();
    auto ca = read_small_file(ca_path(dir), kMaxCertificate);
    if (!ca) return ca.error();
    auto cert = read_small_file(cert_path(dir), kMaxCertificate);
    if (!cert) return cert.error();
    setup.ca_pem = std::move(ca).value();
    setup.cert_pem = std::move(cert).value();
    return std::optional<FleetSetup>(std::move(setup));
}

Status write_fleet_setup(const std::string& dir, const FleetSetup& setup) {
    if (auto s = replace_file(ca_path(dir), as_bytes(setup.ca_pem)); !s) return s;
    if (auto s = replace_file(cert_path(dir), as_bytes(setup.cert_pem)); !s) return s;
    const std::string json = nlohmann::json{{"desk", setup.desk_url}}.dump(2) + "\n";
    return replace_file(config_path(dir), as_bytes(json));
}

Status remove_fleet_setup(const std::string& dir) {
    for (const std::string& path : {config_path(dir), cert_path(dir), ca_path(dir)})
        if (auto s = remove_file_durably(path); !s) return s;
    return success();
}

} // namespace accred
