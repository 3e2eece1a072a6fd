// Internal to fleet/tls: building and signing X.509 certificates, shared by the fleet CA
// (Ed25519, fleet_ca.h) and the web desk's certificate (ECDSA P-256, web_tls.h).
#pragma once

#include "openssl_util.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace accred::tls_internal {

// An IPv4 or IPv6 literal.
bool is_ip_literal(const std::string& name);
// A DNS name as it may go into a subjectAltName: labels of letters, digits and hyphens. Checked
// because the SAN is built from an OpenSSL config string, where a comma would start a new name.
bool is_dns_name(const std::string& name);
// 16 random bytes, the first in 0x40..0x7f (positive, always 16 bytes once encoded).
Outcome<std::vector<std::uint8_t>> random_serial();
Outcome<X509NamePtr> make_name(const std::vector<std::pair<int, std::string>>& entries);

struct CertSpec {
    const X509_NAME* subject = nullptr;
    EVP_PKEY* subject_key = nullptr; // its public half goes into the certificate
    X509* issuer_cert = nullptr;     // nullptr: self-signed
    EVP_PKEY* issuer_key = nullptr;
    std::int64_t not_before = 0, not_after = 0;
    std::vector<std::pair<int, std::string>> extensions; // nid, OpenSSL config value
};

// Builds and signs one certificate; the serial is 16 fresh random bytes. Ed25519 issuers sign
// the message itself; any other key signs its SHA-256.
Outcome<X509Ptr> build_certificate(const CertSpec& spec);

// A server certificate's subjectAltName value ("DNS:desk.example,IP:10.0.0.2"), or which name is
// neither a DNS name nor an IP address.
Outcome<std::string> subject_alt_names(const std::vector<std::string>& server_names);

} // namespace accred::tls_internal
