// The fleet CA: files and modes, certificate requests, signing (fleet/tls/fleet_ca.h).
#include "crypto/file_io.h"
#include "fleet/tls/fleet_ca.h"
#include "fleet/tls/fleet_client.h"
#include "fleet/tls/kiosk_csr.h"
#include "fleet/tls/peer_identity.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>
#include <memory>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;

namespace {

const std::string kPass = "correct horse battery staple";

struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
using Cert = std::unique_ptr<X509, X509Free>;

Cert parse_cert(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    Cert cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return cert;
}

std::string read_text(const std::string& path) {
    return read_small_file(path, 1 << 16).value();
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return static_cast<unsigned>(st.st_mode & 07777);
}

std::string subject_cn(X509* cert) {
    char buf[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
    return buf;
}

// A CSR built by hand, so that the tests can make the ones make_kiosk_csr refuses to: signed by
// signer (which may differ from the key it certifies) with the given CN and OU.
std::string handmade_csr(const SigningKey& subject_key, const SigningKey& signer,
                         const std::string& cn, const std::string& ou) {
    const auto seed_of = [](const SigningKey& k) {
        return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, k.seed().data(), 32);
    };
    EVP_PKEY* subject = seed_of(subject_key);
    EVP_PKEY* sign = seed_of(signer);
    X509_REQ* req = X509_REQ_new();
    X509_NAME* name = X509_REQ_get_subject_name(req);
    X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.data()),
                               static_cast<int>(cn.size()), -1, 0);
    X509_NAME_add_entry_by_NID(name, NID_organizationalUnitName, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(ou.data()),
                               static_cast<int>(ou.size()), -1, 0);
    X509_REQ_set_pubkey(req, subject);
    X509_REQ_sign(req, sign, nullptr);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509_REQ(bio, req);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    X509_REQ_free(req);
    EVP_PKEY_free(subject);
    EVP_PKEY_free(sign);
    return pem;
}

// The same request with one bit of its signature flipped.
std::string tamper_signature(const std::string& csr_pem) {
    BIO* in = BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size()));
    X509_REQ* req = PEM_read_bio_X509_REQ(in, nullptr, nullptr, nullptr);
    BIO_free(in);
    unsigned char* der = nullptr;
    const int len = i2d_X509_REQ(req, &der);
    X509_REQ_free(req);
    der[len - 1] ^= 0x01; // the signature BIT STRING ends the DER
    const unsigned char* p = der;
    X509_REQ* bad = d2i_X509_REQ(nullptr, &p, len);
    OPENSSL_free(der);
    BIO* out = BIO_new(BIO_s_mem());
    PEM_write_bio_X509_REQ(out, bad);
    char* data = nullptr;
    const long n = BIO_get_mem_data(out, &data);
    std::string pem(data, static_cast<std::size_t>(n));
    BIO_free(out);
    X509_REQ_free(bad);
    return pem;
}

} // namespace

TEST_CASE("create_fleet_ca writes the CA and the desk's server certificate", "[tls]") {
    TempDir desk;
    const std::int64_t now = std::time(nullptr);
    REQUIRE(create_fleet_ca(desk.path().string(), "icgp2014", {"localhost", "127.0.0.1"}, kPass,
                            now, 30));
    const FleetCaPaths paths = fleet_ca_paths(desk.path().string());
    CHECK(mode_of(paths.dir) == 0700);
    CHECK(mode_of(paths.ca_key) == 0600);
    CHECK(mode_of(paths.server_key) == 0600);
    CHECK(mode_of(paths.ca_cert) == 0644);
    CHECK(mode_of(paths.server_cert) == 0644);
    // Keys are PKCS#8, encrypted: the PEM says so and no plain key can be read without a password.
    CHECK(read_text(paths.ca_key).starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    CHECK(read_text(paths.server_key).starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    Cert ca = parse_cert(read_text(paths.ca_cert));
    Cert server = parse_cert(read_text(paths.server_cert));
    REQUIRE(ca);
    REQUIRE(server);
    CHECK(subject_cn(ca.get()) == "accred fleet CA icgp2014");
    CHECK(X509_check_ca(ca.get()) != 0);
    CHECK(X509_get_key_usage(ca.get()) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    CHECK(EVP_PKEY_get_id(X509_get0_pubkey(ca.get())) == EVP_PKEY_ED25519);
    CHECK(X509_verify(ca.get(), X509_get0_pubkey(ca.get())) == 1);
    CHECK(X509_verify(server.get(), X509_get0_pubkey(ca.get())) == 1);
    CHECK(X509_check_ca(server.get()) == 0);
    CHECK((X509_get_extended_key_usage(server.get()) & XKU_SSL_SERVER) != 0);
    CHECK((X509_get_extended_key_usage(server.get()) & XKU_SSL_CLIENT) == 0);
    CHECK(X509_check_host(server.get(), "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_ip_asc(server.get(), "127.0.0.1", 0) == 1);
    CHECK(X509_check_host(server.get(), "example.org", 0, 0, nullptr) != 1);
    // now-1h .. now+30 days
    CHECK(X509_cmp_time(X509_get0_notBefore(ca.get()), nullptr) < 0);
    time_t edge = static_cast<time_t>(now - 3600 + 5);
    CHECK(X509_cmp_time(X509_get0_notBefore(server.get()), &edge) < 0);
    edge = static_cast<time_t>(now + 30 * 86400 - 5);
    CHECK(X509_cmp_time(X509_get0_notAfter(server.get()), &edge) > 0);
    edge = static_cast<time_t>(now + 30 * 86400 + 5);
    CHECK(X509_cmp_time(X509_get0_notAfter(server.get()), &edge) < 0);
}

TEST_CASE("create_fleet_ca refuses a second CA and leaves nothing behind on failure", "[tls]") {
    TempDir desk;
    const std::string dir = desk.path().string();
    const std::int64_t now = std::time(nullptr);
    const FleetCaPaths paths = fleet_ca_paths(dir);

    SECTION("a bad server name creates nothing") {
        auto made = create_fleet_ca(dir, "ev", {"localhost", "bad,name"}, kPass, now, 30);
        REQUIRE_FALSE(made);
        CHECK(made.error().message.find("bad,name") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(paths.dir));
    }
    SECTION("an empty passphrase creates nothing") {
        REQUIRE_FALSE(create_fleet_ca(dir, "ev", {"localhost"}, "", now, 30));
        CHECK_FALSE(std::filesystem::exists(paths.dir));
    }
    SECTION("a planted server.crt: refused, and the CA key written so far is removed") {
        std::filesystem::create_directory(paths.dir);
        REQUIRE(write_new_file(paths.server_cert, as_bytes(std::string("planted")), 0644));
        REQUIRE_FALSE(create_fleet_ca(dir, "ev", {"localhost"}, kPass, now, 30));
        CHECK_FALSE(std::filesystem::exists(paths.ca_key));
        CHECK_FALSE(std::filesystem::exists(paths.ca_cert));
        CHECK(read_text(paths.server_cert) == "planted");
    }
    SECTION("a second run is refused and changes nothing") {
        REQUIRE(create_fleet_ca(dir, "ev", {"localhost"}, kPass, now, 30));
        const std::string ca_before = read_text(paths.ca_cert);
        const std::string key_before = read_text(paths.ca_key);
        auto again = create_fleet_ca(dir, "ev", {"localhost"}, kPass, now, 30);
        REQUIRE_FALSE(again);
        CHECK(again.error().message.find("already") != std::string::npos);
        CHECK(read_text(paths.ca_cert) == ca_before);
        CHECK(read_text(paths.ca_key) == key_before);
    }
}

TEST_CASE("A kiosk's CSR round-trips: kiosk id, gate and key", "[tls]") {
    const SigningKey kiosk = key_from_label("kiosk-1");
    const std::string id = fingerprint(kiosk.public_key());
    auto csr = make_kiosk_csr(kiosk, id, "main_gate");
    REQUIRE(csr);
    CHECK(csr->starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
    auto read = read_kiosk_csr(*csr);
    REQUIRE(read);
    CHECK(read->kiosk_id == id);
    CHECK(read->gate == "main_gate");
    CHECK(read->kiosk_key == kiosk.public_key());
}

TEST_CASE("CSRs that lie about their kiosk or are damaged are refused", "[tls]") {
    const SigningKey kiosk = key_from_label("kiosk-1");
    const SigningKey other = key_from_label("kiosk-2");
    const std::string id = fingerprint(kiosk.public_key());

    // make_kiosk_csr refuses a kiosk id that is not its key's fingerprint.
    CHECK_FALSE(make_kiosk_csr(kiosk, fingerprint(other.public_key()), "main_gate"));
    CHECK_FALSE(make_kiosk_csr(kiosk, id, ""));
    CHECK_FALSE(make_kiosk_csr(kiosk, id, "gate\nX"));

    // The same CSR made by hand: CN is another kiosk's fingerprint.
    const std::string lying = handmade_csr(kiosk, kiosk, fingerprint(other.public_key()), "g");
    auto lie = read_kiosk_csr(lying);
    REQUIRE_FALSE(lie);
    CHECK(lie.error().message.find("fingerprint") != std::string::npos);

    // Signed by another key than the one it asks a certificate for (no proof of possession).
    auto foreign = read_kiosk_csr(handmade_csr(kiosk, other, id, "g"));
    REQUIRE_FALSE(foreign);
    CHECK(foreign.error().message.find("signature") != std::string::npos);

    // A genuine CSR with one bit of its signature flipped.
    const std::string good = make_kiosk_csr(kiosk, id, "main_gate").value();
    REQUIRE(read_kiosk_csr(handmade_csr(kiosk, kiosk, id, "g")));
    auto tampered = read_kiosk_csr(tamper_signature(good));
    REQUIRE_FALSE(tampered);
    CHECK(tampered.error().message.find("signature") != std::string::npos);

    // No gate; not PEM; too large.
    CHECK_FALSE(read_kiosk_csr(handmade_csr(kiosk, kiosk, id, "")));
    CHECK_FALSE(read_kiosk_csr("not a csr"));
    CHECK_FALSE(read_kiosk_csr(std::string(17 * 1024, 'A')));
}

TEST_CASE("sign_kiosk_csr issues a client certificate with the right fields", "[tls]") {
    TempDir desk;
    const std::string dir = desk.path().string();
    const std::int64_t now = std::time(nullptr);
    REQUIRE(create_fleet_ca(dir, "ev", {"localhost"}, kPass, now, 30));
    const SigningKey kiosk = key_from_label("kiosk-1");
    const std::string id = fingerprint(kiosk.public_key());
    const std::string csr = make_kiosk_csr(kiosk, id, "north_gate").value();

    SECTION("a wrong passphrase fails cleanly") {
        auto wrong = sign_kiosk_csr(dir, csr, "wrong passphrase", now, 7);
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().message.find("passphrase") != std::string::npos);
        CHECK_FALSE(sign_kiosk_csr(dir, csr, kPass, now, 0)); // days >= 1
    }
    SECTION("a CSR whose CN is not its key's fingerprint is not signed") {
        auto lie = sign_kiosk_csr(
            dir, handmade_csr(kiosk, kiosk, fingerprint(key_from_label("x").public_key()), "g"),
            kPass, now, 7);
        REQUIRE_FALSE(lie);
        CHECK(lie.error().message.find("fingerprint") != std::string::npos);
    }
    SECTION("the issued certificate") {
        auto issued = sign_kiosk_csr(dir, csr, kPass, now, 7);
        REQUIRE(issued);
        CHECK(issued->kiosk_id == id);
        CHECK(issued->gate == "north_gate");
        CHECK(issued->kiosk_key == kiosk.public_key());
        CHECK(issued->not_before == now - 3600);
        CHECK(issued->not_after == now + 7 * 86400);
        CHECK(issued->serial_hex.size() == 32);
        auto second = sign_kiosk_csr(dir, csr, kPass, now, 7);
        REQUIRE(second);
        CHECK(second->serial_hex != issued->serial_hex);

        Cert cert = parse_cert(issued->pem);
        REQUIRE(cert);
        auto peer = peer_identity(cert.get());
        REQUIRE(peer);
        CHECK(peer->kiosk_id == id);
        CHECK(peer->gate == "north_gate");
        CHECK(peer->key == kiosk.public_key());
        CHECK(peer->serial_hex == issued->serial_hex);
        CHECK(peer->not_after == issued->not_after);
        CHECK(X509_check_ca(cert.get()) == 0);
        CHECK((X509_get_extended_key_usage(cert.get()) & XKU_SSL_CLIENT) != 0);
        CHECK((X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER) == 0);

        // It chains to the CA for TLS client use, and to no other CA.
        Cert ca = parse_cert(read_text(fleet_ca_paths(dir).ca_cert));
        X509_STORE* store = X509_STORE_new();
        X509_STORE_add_cert(store, ca.get());
        X509_STORE_CTX* ctx = X509_STORE_CTX_new();
        X509_STORE_CTX_init(ctx, store, cert.get(), nullptr);
        X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT);
        CHECK(X509_verify_cert(ctx) == 1);
        X509_STORE_CTX_free(ctx);
        X509_STORE_free(store);
    }
}

TEST_CASE("peer_identity refuses certificates that are not kiosks'", "[tls]") {
    TempDir desk;
    const std::string dir = desk.path().string();
    REQUIRE(create_fleet_ca(dir, "ev", {"localhost"}, kPass, std::time(nullptr), 30));
    Cert server = parse_cert(read_text(fleet_ca_paths(dir).server_cert));
    Cert ca = parse_cert(read_text(fleet_ca_paths(dir).ca_cert));
    CHECK_FALSE(peer_identity(nullptr));
    auto desk_cert = peer_identity(server.get());
    REQUIRE_FALSE(desk_cert);
    CHECK(desk_cert.error().message.find("subject has no OU") != std::string::npos);
    CHECK_FALSE(peer_identity(ca.get()));
}

TEST_CASE("parse_desk_url accepts https://host:port only", "[tls]") {
    auto plain = parse_desk_url("https://desk.local:8443");
    REQUIRE(plain);
    CHECK(plain->first == "desk.local");
    CHECK(plain->second == 8443);
    auto v6 = parse_desk_url("https://[::1]:9000/");
    REQUIRE(v6);
    CHECK(v6->first == "::1");
    CHECK(v6->second == 9000);
    CHECK(parse_desk_url("https://10.0.0.2")->second == 443);
    CHECK_FALSE(parse_desk_url("http://desk:8443"));
    CHECK_FALSE(parse_desk_url("https://desk:0"));
    CHECK_FALSE(parse_desk_url("https://desk:70000"));
    CHECK_FALSE(parse_desk_url("https://desk:84x3"));
    CHECK_FALSE(parse_desk_url("https://desk:8443/sync"));
    CHECK_FALSE(parse_desk_url("https://user@desk:8443"));
    CHECK_FALSE(parse_desk_url("https://:8443"));
}
