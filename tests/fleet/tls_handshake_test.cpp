// Mutual TLS between the desk's FleetServer and a kiosk's FleetClient, on real sockets with real
// certificates: who gets an answer, and who is refused before any handler runs.
#include "crypto/file_io.h"
#include "fleet/tls/fleet_client.h"
#include "fleet/tls/fleet_server.h"
#include "fleet/tls/openssl_util.h"
#include "support/test_support.h"
#include "tls_fixture.h"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <csignal>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;

namespace {

using Desk = accred::test::TlsDesk;
using accred::test::make_client;
using accred::test::RunningServer;
using accred::test::wall_clock;

bool mentions(const Error& error, const std::string& word) {
    return error.message.find(word) != std::string::npos;
}

// One HTTP request over TLS 1.3 with NO client certificate, by raw OpenSSL (httplib's client
// always has one here). Returns whatever the server sent back: nothing when it refused.
std::string post_without_certificate(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval tv{3, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    std::string got;
    if (SSL_connect(ssl) == 1) {
        const std::string request = "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                                    "5\r\nConnection: close\r\n\r\nhello";
        if (SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
            char buf[1024];
            int n = 0;
            while ((n = SSL_read(ssl, buf, sizeof buf)) > 0)
                got.append(buf, static_cast<std::size_t>(n));
        }
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ::close(fd);
    return got;
}

} // namespace

TEST_CASE("A kiosk with a valid certificate is answered and identified", "[tls]") {
    Desk desk;
    RunningServer server(desk);
    const SigningKey kiosk = key_from_label("kiosk-ok");
    const IssuedKioskCert cert = desk.sign(kiosk, "main_gate", wall_clock(), 7);
    auto client = make_client(desk.ca_pem(), cert.pem, kiosk, server.port);

    auto reply = client->post("/echo", "{\"rows\":[]}");
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->body == "application/json|{\"rows\":[]}");
    CHECK(server.calls == 1);
    {
        std::lock_guard lock(server.mutex);
        CHECK(server.last_peer.kiosk_id == fingerprint(kiosk.public_key()));
        CHECK(server.last_peer.key == kiosk.public_key());
        CHECK(server.last_peer.gate == "main_gate");
        CHECK(server.last_peer.serial_hex == cert.serial_hex);
        CHECK(server.last_peer.not_after == cert.not_after);
    }
    CHECK(server.admit_calls >= 1);

    // A second POST on the same client works too; unknown paths are 404, not a handler call.
    auto again = client->post("/echo", "x", "text/plain");
    REQUIRE(again);
    CHECK(again->body == "text/plain|x");
    auto unknown = client->post("/nowhere", "x");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(server.calls == 2);
}

TEST_CASE("Kiosks without an acceptable certificate are refused in the handshake", "[tls]") {
    Desk desk;
    RunningServer server(desk);
    const SigningKey kiosk = key_from_label("kiosk-refused");

    SECTION("no client certificate at all") {
        CHECK(post_without_certificate(server.port).empty());
    }
    SECTION("a certificate from another event's CA") {
        Desk other;
        const IssuedKioskCert foreign = other.sign(kiosk, "main_gate", wall_clock(), 7);
        auto client = make_client(desk.ca_pem(), foreign.pem, kiosk, server.port);
        auto reply = client->post("/echo", "{}");
        REQUIRE_FALSE(reply);
        INFO(reply.error().message);
        CHECK(mentions(reply.error(), "refused this kiosk"));
    }
    SECTION("an expired certificate") {
        const IssuedKioskCert old = desk.sign(kiosk, "main_gate", wall_clock() - 30 * 86400, 1);
        auto client = make_client(desk.ca_pem(), old.pem, kiosk, server.port);
        auto reply = client->post("/echo", "{}");
        REQUIRE_FALSE(reply);
        INFO(reply.error().message);
        CHECK(mentions(reply.error(), "refused this kiosk"));
        CHECK(server.admit_calls == 0); // OpenSSL's own date check, before admit()
    }
    SECTION("a withdrawn kiosk, while another kiosk is still served") {
        const IssuedKioskCert cert = desk.sign(kiosk, "main_gate", wall_clock(), 7);
        server.withdraw(cert.kiosk_id);
        auto client = make_client(desk.ca_pem(), cert.pem, kiosk, server.port);
        auto reply = client->post("/echo", "{}");
        REQUIRE_FALSE(reply);
        INFO(reply.error().message);
        CHECK(mentions(reply.error(), "refused this kiosk"));
        CHECK(server.admit_calls >= 1); // the handshake refused it; it never reached a handler

        const SigningKey neighbour = key_from_label("kiosk-neighbour");
        auto other = make_client(desk.ca_pem(), desk.sign(neighbour, "g2", wall_clock(), 7).pem,
                                 neighbour, server.port);
        auto ok = other->post("/echo", "{}");
        REQUIRE(ok);
        CHECK(ok->status == 200);
        CHECK(server.calls == 1);
        server.calls = 0;
    }
    CHECK(server.calls == 0);
}

TEST_CASE("A kiosk refuses a desk it cannot verify", "[tls]") {
    const SigningKey kiosk = key_from_label("kiosk-careful");

    SECTION("a man in the middle with another CA's server certificate") {
        Desk real;
        Desk impostor;
        RunningServer fake(impostor);
        const IssuedKioskCert cert = real.sign(kiosk, "main_gate", wall_clock(), 7);
        auto client = make_client(real.ca_pem(), cert.pem, kiosk, fake.port);
        auto reply = client->post("/echo", "{\"secret\":1}");
        REQUIRE_FALSE(reply);
        CHECK(mentions(reply.error(), "certificate"));
        CHECK(mentions(reply.error(), "pinned fleet CA"));
        CHECK(fake.calls == 0);
        CHECK(fake.admit_calls == 0);
    }
    SECTION("the desk's certificate is for another host name") {
        Desk elsewhere({"desk.example.org"});
        RunningServer server(elsewhere);
        const IssuedKioskCert cert = elsewhere.sign(kiosk, "main_gate", wall_clock(), 7);
        auto client = make_client(elsewhere.ca_pem(), cert.pem, kiosk, server.port);
        auto reply = client->post("/echo", "{}");
        REQUIRE_FALSE(reply);
        CHECK(mentions(reply.error(), "name mismatch"));
        CHECK(server.calls == 0);
    }
    SECTION("a DNS name in the certificate matches") {
        Desk named({"localhost"});
        RunningServer server(named);
        const IssuedKioskCert cert = named.sign(kiosk, "main_gate", wall_clock(), 7);
        // "localhost" may resolve to ::1 first; httplib then tries 127.0.0.1.
        auto client = make_client(named.ca_pem(), cert.pem, kiosk, server.port, "localhost");
        auto reply = client->post("/echo", "{}");
        REQUIRE(reply);
        CHECK(reply->status == 200);
        CHECK(server.calls == 1);
    }
}

TEST_CASE("Bodies over max_body_bytes get 413 and never reach the handler", "[tls]") {
    Desk desk;
    RunningServer server(desk, 1024);
    const SigningKey kiosk = key_from_label("kiosk-big");
    auto client =
        make_client(desk.ca_pem(), desk.sign(kiosk, "g", wall_clock(), 7).pem, kiosk, server.port);
    auto big = client->post("/echo", std::string(4096, 'x'));
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(server.calls == 0);
    auto small = client->post("/echo", std::string(1000, 'x'));
    REQUIRE(small);
    CHECK(small->status == 200);
    CHECK(server.calls == 1);
}

TEST_CASE("A body sent in chunks is refused before it is read", "[tls]") {
    // cpp-httplib 0.11 checks its payload limit against Content-Length alone: without the
    // server's own check, a kiosk key could stream a chunked body into the desk's memory.
    Desk desk;
    RunningServer server(desk, 1024);
    const SigningKey kiosk = key_from_label("kiosk-chunked");
    const IssuedKioskCert cert = desk.sign(kiosk, "g", wall_clock(), 7);
    auto x509 = tls_internal::certificate_from_pem(cert.pem, "the kiosk certificate");
    REQUIRE(x509);
    auto key = tls_internal::ed25519_private_key(kiosk);
    REQUIRE(key);
    // A plain httplib client with this kiosk's certificate (FleetClient always sends a length);
    // the desk's certificate is not checked here, the desk is what is tested.
    httplib::SSLClient raw("127.0.0.1", server.port, x509->get(), key->get());
    raw.enable_server_certificate_verification(false);
    int chunks = 0;
    auto reply = raw.Post(
        "/echo",
        [&](std::size_t, httplib::DataSink& sink) {
            if (chunks++ < 64) return sink.write(std::string(512, 'x').data(), 512);
            sink.done();
            return true;
        },
        "text/plain");
    // The desk answers 411 and closes without reading the body; whether the client still reads
    // that answer or finds the connection reset under it depends on timing (both happen).
    if (reply) CHECK(reply->status == 411);
    CHECK(server.calls == 0);
    // And the desk goes on serving kiosks that send a length.
    auto client = make_client(desk.ca_pem(), cert.pem, kiosk, server.port);
    auto fine = client->post("/echo", "ok");
    REQUIRE(fine);
    CHECK(fine->status == 200);
    CHECK(server.calls == 1);
}

TEST_CASE("FleetClient reports a desk that is not listening, and checks its own setup", "[tls]") {
    Desk desk;
    const SigningKey kiosk = key_from_label("kiosk-alone");
    const IssuedKioskCert cert = desk.sign(kiosk, "g", wall_clock(), 7);
    int port = 0;
    {
        RunningServer gone(desk);
        port = gone.port;
        gone.server->stop();
        gone.server->stop(); // idempotent
    }
    auto client = make_client(desk.ca_pem(), cert.pem, kiosk, port);
    auto reply = client->post("/echo", "{}");
    REQUIRE_FALSE(reply);
    CHECK(mentions(reply.error(), "cannot connect"));

    // A certificate for another key, and a server certificate posing as the CA, are refused.
    const SigningKey stranger = key_from_label("kiosk-stranger");
    FleetClientConfig config;
    config.host = "127.0.0.1";
    config.port = port;
    config.ca_cert_pem = desk.ca_pem();
    config.client_cert_pem = cert.pem;
    config.kiosk_key = &stranger;
    CHECK_FALSE(FleetClient::create(config));
    config.kiosk_key = &kiosk;
    config.ca_cert_pem = read_small_file(fleet_ca_paths(desk.path()).server_cert, 1 << 16).value();
    CHECK_FALSE(FleetClient::create(config));

    // The desk's server refuses a wrong passphrase for its key.
    FleetServerConfig server_config;
    server_config.desk_dir = desk.path();
    server_config.passphrase_for_server_key = "wrong";
    auto server = FleetServer::create(server_config);
    REQUIRE_FALSE(server);
    CHECK(mentions(server.error(), "passphrase"));
}
