// The web desk's certificate (fleet/tls/web_tls.h): made once, ECDSA P-256 so that browsers take
// it, keys encrypted at rest, served over real TLS and verified by a client trusting only ca.crt.
#include "crypto/file_io.h"
#include "fleet/tls/web_tls.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <httplib.h>
#include <sys/stat.h>
#include <thread>

using namespace accred;

namespace {

constexpr const char* kPass = "desk passphrase";

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

} // namespace

TEST_CASE("the web certificate is made once, its keys encrypted and private", "[tls][web]") {
    test::TempDir tmp;
    const std::string desk = tmp.path().string();
    const std::int64_t now = std::time(nullptr);
    REQUIRE(create_web_tls(desk, "gp14", {"localhost", "127.0.0.1"}, kPass, now, 30));
    const WebTlsPaths p = web_tls_paths(desk);
    CHECK(mode_of(p.dir) == 0700);
    CHECK(mode_of(p.ca_key) == 0600);
    CHECK(mode_of(p.server_key) == 0600);
    CHECK(mode_of(p.server_cert) == 0644);
    CHECK(read_small_file(p.server_key, 1 << 16).value().find("ENCRYPTED") != std::string::npos);
    // A second run refuses and leaves the first one's files alone.
    const std::string before = read_small_file(p.server_cert, 1 << 16).value();
    CHECK_FALSE(create_web_tls(desk, "gp14", {"localhost"}, kPass, now, 30));
    CHECK(read_small_file(p.server_cert, 1 << 16).value() == before);
    // Names that would inject into the SAN, and validity beyond what browsers take, are refused.
    test::TempDir other;
    CHECK_FALSE(create_web_tls(other.path().string(), "gp14", {"a,DNS:evil"}, kPass, now, 30));
    CHECK_FALSE(create_web_tls(other.path().string(), "gp14", {"localhost"}, kPass, now, 826));
    CHECK_FALSE(std::filesystem::exists(web_tls_paths(other.path().string()).ca_key));

    // The pin is the SHA-256 of the key, base64: 44 characters, the same every time.
    auto pin = certificate_spki_pin(p.server_cert);
    REQUIRE(pin);
    CHECK(pin->size() == 44);
    CHECK(certificate_spki_pin(p.server_cert).value() == pin.value());
    CHECK(certificate_spki_pin(p.ca_cert).value() != pin.value());
}

TEST_CASE("a client that trusts only ca.crt talks to the web desk's TLS", "[tls][web]") {
    test::TempDir tmp;
    const std::string desk = tmp.path().string();
    REQUIRE(
        create_web_tls(desk, "gp14", {"localhost", "127.0.0.1"}, kPass, std::time(nullptr), 30));
    const WebTlsPaths p = web_tls_paths(desk);

    Status wrong = success();
    httplib::SSLServer refused([&](SSL_CTX& ctx) {
        wrong = configure_web_tls(&ctx, p.server_cert, p.server_key, "not the passphrase");
        return static_cast<bool>(wrong);
    });
    CHECK_FALSE(wrong);
    CHECK(wrong.error().message.find("server.key") != std::string::npos);
    Status mismatched = success();
    httplib::SSLServer mismatch([&](SSL_CTX& ctx) {
        mismatched = configure_web_tls(&ctx, p.server_cert, p.ca_key, kPass);
        return static_cast<bool>(mismatched);
    });
    CHECK_FALSE(mismatched);

    Status configured = success();
    httplib::SSLServer server([&](SSL_CTX& ctx) {
        configured = configure_web_tls(&ctx, p.server_cert, p.server_key, kPass);
        return static_cast<bool>(configured);
    });
    REQUIRE(configured);
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("hello", "text/plain");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread serving([&] { server.listen_after_bind(); });

    httplib::SSLClient trusting("127.0.0.1", port);
    trusting.set_ca_cert_path(p.ca_cert.c_str());
    trusting.enable_server_certificate_verification(true);
    auto ok = trusting.Get("/");
    CHECK(ok);
    if (ok) CHECK(ok->body == "hello");

    // A client trusting only the system's CAs refuses the desk's certificate.
    httplib::SSLClient system_only("127.0.0.1", port);
    system_only.enable_server_certificate_verification(true);
    CHECK_FALSE(system_only.Get("/"));
    server.stop();
    serving.join();
}
