#include "certificate_builder.h"

#include <arpa/inet.h>
#include <openssl/rand.h>

namespace accred::tls_internal {

bool is_ip_literal(const std::string& name) {
    unsigned char buf[16];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

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

// The first byte in 0x40..0x7f: positive (the top bit clear) and always 16 bytes long once
// encoded (a leading zero byte would be dropped), so serial_hex is always 32 digits.
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
    // Ed25519 signs the message itself: no separate digest (md = nullptr); ECDSA signs SHA-256.
    const EVP_MD* md = EVP_PKEY_id(spec.issuer_key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), spec.issuer_key, md) <= 0)
        return Error{"cannot sign a certificate: " + openssl_error()};
    return cert;
}

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

} // namespace accred::tls_internal
