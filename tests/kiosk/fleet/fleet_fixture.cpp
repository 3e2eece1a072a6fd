#include "fleet_fixture.h"

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "fleet/tls/fleet_ca.h"
#include "fleet/tls/kiosk_csr.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>

namespace accred::test {

std::unique_ptr<GateFixture> make_fleet_fixture() {
    return std::make_unique<GateFixture>(kFleetBundleTime, [](KioskBundle& b) {
        Gate side;
        side.id = "side_gate";
        side.name = "Side gate, Rue aux Laines";
        side.zone = "grounds";
        side.direction = Direction::entry;
        side.anti_passback = AntiPassback::hard;
        b.event.gates.push_back(side);
    });
}

std::array<std::uint8_t, 8> fixture_cti(const std::string& id) {
    std::array<std::uint8_t, 8> cti{};
    std::copy_n(id.begin(), std::min<std::size_t>(id.size(), 8), cti.begin());
    return cti;
}

std::vector<std::uint8_t> revocation_update(GateFixture& f, std::uint64_t version,
                                            const std::vector<std::string>& revoked_ids,
                                            const SigningKey* key, const std::string& event_id) {
    RevocationList list = f.bundle().revocations;
    list.version = version;
    if (!event_id.empty()) list.event_id = event_id;
    list.revoked.clear();
    for (const auto& id : revoked_ids)
        list.revoked.push_back(fixture_cti(id));
    std::sort(list.revoked.begin(), list.revoked.end()); // the list's form: sorted, unique
    list.revoked.erase(std::unique(list.revoked.begin(), list.revoked.end()), list.revoked.end());
    return write_revocation_update(list, key ? *key : f.event_key());
}

std::vector<std::uint8_t> bundle_version(GateFixture& f, std::uint64_t version) {
    KioskBundle next = f.bundle();
    next.version = version;
    return f.signed_bundle(next);
}

SigningKey kiosk_key(GateFixture& f, const std::string& gate) {
    auto key = read_secret_key_file(f.kiosk(gate).state().dir + "/kiosk.key", "kiosk passphrase");
    REQUIRE(key);
    return std::move(key).value();
}

FleetPki make_fleet_pki(GateFixture& f, const std::string& gate) {
    FleetPki pki;
    pki.desk_dir = f.dir() + "/desk-" + gate;
    pki.passphrase = "fleet test passphrase";
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::filesystem::create_directories(pki.desk_dir);
    auto made =
        create_fleet_ca(pki.desk_dir, f.bundle().event.id, {"127.0.0.1"}, pki.passphrase, now, 30);
    INFO((made ? std::string() : made.error().message));
    REQUIRE(made);
    const KioskState& state = f.kiosk(gate).state();
    auto csr = make_kiosk_csr(kiosk_key(f, gate), state.kiosk_id, state.gate_id);
    REQUIRE(csr);
    auto cert = sign_kiosk_csr(pki.desk_dir, csr.value(), pki.passphrase, now, 30);
    INFO((cert ? std::string() : cert.error().message));
    REQUIRE(cert);
    pki.cert_pem = cert->pem;
    auto ca = read_small_file(fleet_ca_paths(pki.desk_dir).ca_cert, 64 * 1024);
    REQUIRE(ca);
    pki.ca_pem = ca.value();
    return pki;
}

} // namespace accred::test
