#include "fleet_ca.h"

#include "crypto/file_io.h"
#include "certificate_builder.h"
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
