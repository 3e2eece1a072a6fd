// kiosk join's parts: the desk's certificate is accepted only for this kiosk's own key and gate,
// verified against the fleet CA; the fleet files are stored, read back strictly and removed.
#include "crypto/file_io.h"
#include "kiosk/fleet/fleet_certificate.h"
#include "kiosk/fleet/fleet_fixture.h"
#include "kiosk/fleet/fleet_setup.h"

#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>

using namespace accred;
using namespace accred::test;

TEST_CASE("The fleet certificate must be this kiosk's, for its gate, from the pinned CA",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    const KioskState& main = f->kiosk("main_gate").state();
    const KioskState& side = f->kiosk("side_gate").state();
    const FleetPki pki = make_fleet_pki(*f, "main_gate");
    const auto now = static_cast<std::int64_t>(std::time(nullptr));

    auto ok = check_fleet_certificate(main, pki.cert_pem, pki.ca_pem, now);
    INFO((ok ? std::string() : ok.error().message));
    REQUIRE(ok);
    CHECK(ok->kiosk_id == main.kiosk_id);
    CHECK(ok->gate == "main_gate");

    auto other_kiosk = check_fleet_certificate(side, pki.cert_pem, pki.ca_pem, now);
    REQUIRE_FALSE(other_kiosk);
    CHECK_THAT(other_kiosk.error().message, Catch::Contains("not for this one"));

    const FleetPki other_desk = make_fleet_pki(*f, "side_gate");
    auto foreign_ca = check_fleet_certificate(main, pki.cert_pem, other_desk.ca_pem, now);
    REQUIRE_FALSE(foreign_ca);
    CHECK_THAT(foreign_ca.error().message, Catch::Contains("does not verify"));

    auto expired = check_fleet_certificate(main, pki.cert_pem, pki.ca_pem, now + 400 * 86400);
    REQUIRE_FALSE(expired);
    CHECK_FALSE(check_fleet_certificate(main, pki.ca_pem, pki.ca_pem, now)); // the CA itself
    CHECK_FALSE(check_fleet_certificate(main, "not a certificate", pki.ca_pem, now));
    CHECK_FALSE(check_fleet_certificate(main, pki.cert_pem, pki.cert_pem, now)); // not a CA
}

TEST_CASE("The fleet files are stored, read back strictly and removed", "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    const std::string dir = f->kiosk("main_gate").state().dir;
    auto none = read_fleet_setup(dir);
    REQUIRE(none);
    CHECK_FALSE(none.value());

    REQUIRE(write_fleet_setup(dir, {"https://127.0.0.1:8443", "CA PEM", "CERT PEM"}));
    auto read = read_fleet_setup(dir);
    REQUIRE(read);
    REQUIRE(read.value());
    CHECK(read.value()->desk_url == "https://127.0.0.1:8443");
    CHECK(read.value()->ca_pem == "CA PEM");
    CHECK(read.value()->cert_pem == "CERT PEM");
    // Joining again replaces the files.
    REQUIRE(write_fleet_setup(dir, {"https://desk.local:9000", "CA 2", "CERT 2"}));
    CHECK(read_fleet_setup(dir).value().value().desk_url == "https://desk.local:9000");

    for (const std::string bad :
         {"{}", "{\"desk\": 5}", "{\"desk\": \"https://x:1\", \"extra\": 1}", "[\"desk\"]", "",
          "{\"desk\": \"\"}"}) {
        std::filesystem::remove(dir + "/fleet.json");
        REQUIRE(write_new_file(dir + "/fleet.json", as_bytes(bad), 0644));
        auto damaged = read_fleet_setup(dir);
        CAPTURE(bad);
        REQUIRE_FALSE(damaged);
        CHECK_THAT(damaged.error().message, Catch::Contains("damaged"));
    }

    REQUIRE(remove_fleet_setup(dir));
    for (const char* name : {"/fleet.json", "/fleet.crt", "/fleet-ca.crt"})
        CHECK_FALSE(std::filesystem::exists(dir + name));
    CHECK_FALSE(read_fleet_setup(dir).value());
    REQUIRE(remove_fleet_setup(dir)); // leaving twice is no error
}
