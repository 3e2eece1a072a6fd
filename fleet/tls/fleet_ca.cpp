#include "fleet_ca.h"

#include "crypto/file_io.h"
#include "openssl_util.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {

using namespace tls_internal;

namespace {

constexpr std::int64_t kBackdateSeconds = 3600; // tolerate an hour of clock skew between devices
constexpr int kMaxDays = 3650;
constexpr std::size_t kMaxCsrBytes = 16 * 1024;
constexpr std::size_t kMaxPemFileBytes = 64 * 1024;

bool is_ip_literal(const std::string& name) {
    unsigned char buf[16];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

// A DNS name as it may go into a subjectAltName: labels of letters, digits and hyphens. Checked
// because the SAN is built from an OpenSSL config string, where a comma would start a new name.
bool is_dns_name(const std::string& name) {
    if (name.empty() || name.size() > 253 || name.front() == '.' || name.back() == '.')
        return false;
    std::size_t label = 0;
    for (const char c : name) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
            continue;
        }
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || ++label > 63) return false;
    }
    return true;
}

// 16 random bytes, the first in 0x40..0x7f: positive (the top bit clear) and always 16 bytes long
// once encoded (a leading zero byte would be dropped), so serial_hex is always 32 digits.
Outcome<std::vector<std::uint8_t>> random_serial() {
    std::vector<std::uint8_t> bytes(16);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        return Error{"no random numbers for a serial: " + openssl_error()};
    bytes[0] = static_cast<std::uint8_t>((bytes[0] & 0x3f) | 0x40);
    return bytes;
}

Outcome<X509NamePtr> make_name(const std::vector<std::pair<int, std::string>>& entries) {
    X509NamePtr name(X509_NAME_new());
    if (!name) return Error{"out of memory"};
    for (const auto& [nid, value] : entries) {
        if (X509_NAME_add_entry_by_NID(name.get(), nid, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.data()),
                                       static_cast<int>(value.size()), -1, 0) != 1)
            return Error{"cannot build a certificate name: " + openssl_error()};
    }
    return name;
}

struct CertSpec {
    const X509_NAME* subject = nullptr;
    EVP_PKEY* subject_key = nullptr; // its public half goes into the certificate
    X509* issuer_cert = nullptr;     // nullptr: self-signed
    EVP_PKEY* issuer_key = nullptr;
    std::int64_t not_before = 0, not_after = 0;
    std::vector<std::pair<int, std::string>> extensions; // nid, OpenSSL config value
};

// Builds and signs one certificate; the serial is 16 fresh random bytes.
Outcome<X509Ptr> build_certificate(const CertSpec& spec) {
    X509Ptr cert(X509_new());
    if (!cert) return Error{"out of memory"};
    auto serial_bytes = random_serial();
    if (!serial_bytes) return serial_bytes.error();
    std::unique_ptr<BIGNUM, OsslDeleter<BN_free>> bn(
        BN_bin2bn(serial_bytes->data(), static_cast<int>(serial_bytes->size()), nullptr));
    const X509_NAME* issuer_name =
        spec.issuer_cert ? X509_get_subject_name(spec.issuer_cert) : spec.subject;
    if (!bn || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
        !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) ||
        X509_set_subject_name(cert.get(), spec.subject) != 1 ||
        X509_set_issuer_name(cert.get(), issuer_name) != 1 ||
        !ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(spec.not_before)) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(spec.not_after)) ||
        X509_set_pubkey(cert.get(), spec.subject_key) != 1)
        return Error{"cannot build a certificate: " + openssl_error()};
    X509V3_CTX v3;
    X509V3_set_ctx(&v3, spec.issuer_cert ? spec.issuer_cert : cert.get(), cert.get(), nullptr,
                   nullptr, 0);
    for (const auto& [nid, value] : spec.extensions) {
        X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str()));
        if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1)
            return Error{std::string("cannot add the certificate extension ") + OBJ_nid2sn(nid) +
                         " = " + value + ": " + openssl_error()};
    }
    // Ed25519 signs the message itself: no separate digest (md = nullptr).
    if (X509_sign(cert.get(), spec.issuer_key, nullptr) <= 0)
        return Error{"cannot sign a certificate: " + openssl_error()};
    return cert;
}

bool path_exists(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

// Removes what create_fleet_ca wrote when a later step fails.
class Rollback {
  public:
    ~Rollback() {
        if (committed_) return;
        for (auto it = files_.rbegin(); it != files_.rend(); ++it)
            ::unlink(it->c_str());
        if (!dir_.empty()) ::rmdir(dir_.c_str());
    }
    void file(const std::string& path) { files_.push_back(path); }
    void dir(const std::string& path) { dir_ = path; }
    void commit() { committed_ = true; }

  private:
    std::vector<std::string> files_;
    std::string dir_;
    bool committed_ = false;
};

// The server certificate's subjectAltName value ("DNS:desk.example,IP:10.0.0.2"), or which
// name is neither a DNS name nor an IP address.
Outcome<std::string> subject_alt_names(const std::vector<std::string>& server_names) {
    if (server_names.empty())
        return Error{"the desk's server certificate needs at least one host name or IP address"};
    std::string san;
    for (const auto& name : server_names) {
        const bool ip = is_ip_literal(name);
        if (!ip && !is_dns_name(name))
            return Error{"\"" + name + "\" is neither a DNS name nor an IP address"};
        san += (san.empty() ? "" : ",") + std::string(ip ? "IP:" : "DNS:") + name;
    }
    return san;
}

struct Validity {
    std::int64_t not_before = 0, not_after = 0;
};

// The fleet CA's four files as PEM, made in memory: both keys encrypted under passphrase.
struct FleetCaPems {
    std::string ca_key, ca_cert, server_key, server_cert;
};

// The self-signed CA certificate for ca_key.
Outcome<X509Ptr> make_ca_certificate(EVP_PKEY* ca_key, const std::string& event_id,
                                     const Validity& validity) {
    auto ca_name = make_name({{NID_commonName, "accred fleet CA " + event_id}});
    if (!ca_name) return ca_name.error();
    CertSpec ca_spec;
    ca_spec.subject = ca_name->get();
    ca_spec.subject_key = ca_key;
    ca_spec.issuer_key = ca_key;
    ca_spec.not_before = validity.not_before;
    ca_spec.not_after = validity.not_after;
    // pathlen:0: the CA signs kiosk and desk certificates only, never another CA.
    ca_spec.extensions = {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                          {NID_key_usage, "critical,keyCertSign,cRLSign"},
                          {NID_subject_key_identifier, "hash"},
                          {NID_authority_key_identifier, "keyid:always"}};
    return build_certificate(ca_spec);
}

// The desk's TLS server certificate for server_key and the names in san, signed by the CA.
Outcome<X509Ptr> make_server_certificate(EVP_PKEY* server_key, X509* ca_cert, EVP_PKEY* ca_key,
                                         const std::string& event_id, const std::string& san,
                                         const Validity& validity) {
    // The server's CN is not a host name on purpose: clients match SAN entries only.
    auto server_name = make_name({{NID_commonName, "accred fleet desk " + event_id}});
    if (!server_name) return server_name.error();
    CertSpec server_spec;
    server_spec.subject = server_name->get();
    server_spec.subject_key = server_key;
    server_spec.issuer_cert = ca_cert;
    server_spec.issuer_key = ca_key;
    server_spec.not_before = validity.not_before;
    server_spec.not_after = validity.not_after;
    server_spec.extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                              {NID_key_usage, "critical,digitalSignature"},
                              {NID_ext_key_usage, "serverAuth"},
                              {NID_subject_alt_name, san},
                              {NID_subject_key_identifier, "hash"},
                              {NID_authority_key_identifier, "keyid:always"}};
    return build_certificate(server_spec);
}

Outcome<FleetCaPems> make_fleet_ca(const std::string& event_id, const std::string& san,
                                   std::string_view passphrase, const Validity& validity) {
    auto ca_key = generate_ed25519_key();
    if (!ca_key) return ca_key.error();
    auto server_key = generate_ed25519_key();
    if (!server_key) return server_key.error();
    auto ca_cert = make_ca_certificate(ca_key->get(), event_id, validity);
    if (!ca_cert) return ca_cert.error();
    auto server_cert = make_server_certificate(server_key->get(), ca_cert->get(), ca_key->get(),
                                               event_id, san, validity);
    if (!server_cert) return server_cert.error();
    FleetCaPems pems;
    auto ca_key_pem = encrypted_private_key_pem(ca_key->get(), passphrase);
    if (!ca_key_pem) return ca_key_pem.error();
    auto server_key_pem = encrypted_private_key_pem(server_key->get(), passphrase);
    if (!server_key_pem) return server_key_pem.error();
    pems.ca_key = std::move(ca_key_pem).value();
    pems.server_key = std::move(server_key_pem).value();
    pems.ca_cert = certificate_to_pem(ca_cert->get());
    pems.server_cert = certificate_to_pem(server_cert->get());
    if (pems.ca_cert.empty() || pems.server_cert.empty())
        return Error{"cannot write the certificates: " + openssl_error()};
    return pems;
}

// Creates paths.dir (unless it is there) and the four files, each new; on any failure removes
// what it made.
Status write_fleet_ca(const FleetCaPaths& paths, const FleetCaPems& pems) {
    Rollback rollback;
    struct stat st {};
    if (::mkdir(paths.dir.c_str(), 0700) == 0) {
        rollback.dir(paths.dir);
    } else if (errno != EEXIST) {
        return Error{"cannot create " + paths.dir + ": " + std::strerror(errno)};
    } else if (::lstat(paths.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return Error{paths.dir + " exists and is not a folder"};
    }
    // ca.key first: its O_EXCL creation is what makes a second, concurrent run fail.
    const std::pair<const std::string*, std::pair<const std::string*, unsigned>> files[] = {
        {&paths.ca_key, {&pems.ca_key, 0600}},
        {&paths.ca_cert, {&pems.ca_cert, 0644}},
        {&paths.server_key, {&pems.server_key, 0600}},
        {&paths.server_cert, {&pems.server_cert, 0644}},
    };
    for (const auto& [path, content] : files) {
        if (auto written = write_new_file(*path, as_bytes(*content.first), content.second);
            !written)
            return written.error();
        rollback.file(*path);
    }
    rollback.commit();
    return success();
}

} // namespace

FleetCaPaths fleet_ca_paths(const std::string& desk_dir) {
    FleetCaPaths p;
    p.dir = desk_dir + "/fleet";
    p.ca_key = p.dir + "/ca.key";
    p.ca_cert = p.dir + "/ca.crt";
    p.server_key = p.dir + "/server.key";
    p.server_cert = p.dir + "/server.crt";
    return p;
}

Status create_fleet_ca(const std::string& desk_dir, const std::string& event_id,
                       const std::vector<std::string>& server_names, std::string_view passphrase,
                       std::int64_t now, int days) {
    if (!printable_id(event_id, 64))
        return Error{"the event id must be 1 to 64 printable ASCII characters"};
    if (days < 1 || days > kMaxDays)
        return Error{"the fleet CA's validity must be 1 to " + std::to_string(kMaxDays) + " days"};
    if (passphrase.empty()) return Error{"a passphrase is needed for the fleet CA's keys"};
    auto san = subject_alt_names(server_names);
    if (!san) return san.error();
    struct stat st {};
    if (::stat(desk_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Error{desk_dir + " is not a desk workspace folder"};
    const FleetCaPaths paths = fleet_ca_paths(desk_dir);
    if (path_exists(paths.ca_key))
        return Error{paths.ca_key + " already exists: this desk already has a fleet CA"};
    for (const auto* p : {&paths.ca_cert, &paths.server_key, &paths.server_cert})
        if (path_exists(*p)) return Error{*p + " already exists; refusing to overwrite it"};
    // Everything is made in memory first, so that a failure leaves no half-made CA on disk.
    const Validity validity{now - kBackdateSeconds, now + static_cast<std::int64_t>(days) * 86400};
    auto pems = make_fleet_ca(event_id, san.value(), passphrase, validity);
    if (!pems) return pems.error();
    return write_fleet_ca(paths, pems.value());
}

Outcome<KioskCsr> read_kiosk_csr(std::string_view csr_pem) {
    if (csr_pem.size() > kMaxCsrBytes)
        return Error{"the certificate request is larger than 16 KiB"};
    BioPtr bio(BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())));
    if (!bio) return Error{"out of memory"};
    X509ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!req) return Error{"not a PEM certificate request: " + openssl_error()};
    EVP_PKEY* pkey = X509_REQ_get0_pubkey(req.get());
    auto key = ed25519_public_key(pkey);
    if (!key) return Error{"the certificate request's key: " + key.error().message};
    // Proof of possession: the request is signed by the key it asks a certificate for.
    if (X509_REQ_verify(req.get(), pkey) != 1) {
        ERR_clear_error();
        return Error{"the certificate request's signature does not verify"};
    }
    const X509_NAME* subject = X509_REQ_get_subject_name(req.get());
    auto cn = single_name_entry(subject, NID_commonName, "CN (kiosk id)");
    if (!cn) return Error{"the certificate request: " + cn.error().message};
    auto ou = single_name_entry(subject, NID_organizationalUnitName, "OU (gate)");
    if (!ou) return Error{"the certificate request: " + ou.error().message};
    const std::string expected = fingerprint(*key);
    if (*cn != expected)
        return Error{"the certificate request's CN " + *cn +
                     " is not the fingerprint of its key (" + expected + ")"};
    if (!printable_id(*ou, 64))
        return Error{"the certificate request's gate (OU) must be 1 to 64 printable ASCII "
                     "characters"};
    return KioskCsr{*key, std::move(*cn), std::move(*ou)};
}

Outcome<IssuedKioskCert> sign_kiosk_csr(const std::string& desk_dir, std::string_view csr_pem,
                                        std::string_view passphrase, std::int64_t now, int days) {
    if (days < 1 || days > kMaxDays)
        return Error{"a kiosk certificate's validity must be 1 to " + std::to_string(kMaxDays) +
                     " days"};
    auto csr = read_kiosk_csr(csr_pem);
    if (!csr) return csr.error();
    // Parsed again for the key object itself (read_kiosk_csr has checked it).
    BioPtr bio(BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())));
    X509ReqPtr req(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!req) return Error{"cannot read the certificate request: " + openssl_error()};

    const FleetCaPaths paths = fleet_ca_paths(desk_dir);
    auto ca_cert_pem = read_small_file(paths.ca_cert, kMaxPemFileBytes);
    if (!ca_cert_pem) return ca_cert_pem.error();
    auto ca_cert = certificate_from_pem(*ca_cert_pem, paths.ca_cert);
    if (!ca_cert) return ca_cert.error();
    auto ca_key_pem = read_small_file(paths.ca_key, kMaxPemFileBytes);
    if (!ca_key_pem) return ca_key_pem.error();
    auto ca_key = private_key_from_encrypted_pem(*ca_key_pem, passphrase, "the fleet CA key");
    if (!ca_key) return ca_key.error();
    if (X509_check_private_key(ca_cert->get(), ca_key->get()) != 1) {
        ERR_clear_error();
        return Error{paths.ca_key + " does not belong to " + paths.ca_cert};
    }
    auto ca_not_after = unix_time(X509_get0_notAfter(ca_cert->get()));
    if (!ca_not_after) return Error{paths.ca_cert + ": " + ca_not_after.error().message};
    // A certificate outliving its CA would only fail later, at a gate; cap it here instead.
    const std::int64_t not_before = now - kBackdateSeconds;
    const std::int64_t not_after =
        std::min(now + static_cast<std::int64_t>(days) * 86400, *ca_not_after);
    if (not_after <= now) return Error{"the fleet CA has expired; create a new one"};

    // Only CN and OU are copied: nothing else the request asks for (extensions, other names)
    // reaches the certificate.
    auto subject =
        make_name({{NID_commonName, csr->kiosk_id}, {NID_organizationalUnitName, csr->gate}});
    if (!subject) return subject.error();
    CertSpec spec;
    spec.subject = subject->get();
    spec.subject_key = X509_REQ_get0_pubkey(req.get());
    spec.issuer_cert = ca_cert->get();
    spec.issuer_key = ca_key->get();
    spec.not_before = not_before;
    spec.not_after = not_after;
    spec.extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                       {NID_key_usage, "critical,digitalSignature"},
                       {NID_ext_key_usage, "clientAuth"},
                       {NID_subject_key_identifier, "hash"},
                       {NID_authority_key_identifier, "keyid:always"}};
    auto cert = build_certificate(spec);
    if (!cert) return cert.error();

    IssuedKioskCert issued;
    issued.pem = certificate_to_pem(cert->get());
    if (issued.pem.empty()) return Error{"cannot write the certificate: " + openssl_error()};
    issued.kiosk_id = csr->kiosk_id;
    issued.gate = csr->gate;
    issued.serial_hex = serial_hex(X509_get0_serialNumber(cert->get()));
    issued.not_before = not_before;
    issued.not_after = not_after;
    issued.kiosk_key = csr->kiosk_key;
    return issued;
}

} // namespace accred
