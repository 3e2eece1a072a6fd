// The desk's certificate authority for one event's fleet, and the kiosk certificates it signs.
// Files, algorithms and checks: docs/fleet-pki.md.
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// Where the fleet CA lives in a desk workspace.
struct FleetCaPaths {
    std::string dir; // DESK_DIR/fleet (0700)
    std::string
        ca_key; // fleet/ca.key      Ed25519, PKCS#8 PEM encrypted (AES-256-CBC, PBKDF2), 0600
    std::string ca_cert;     // fleet/ca.crt      self-signed CA certificate, 0644
    std::string server_key;  // fleet/server.key  the desk's TLS key, encrypted as ca.key, 0600
    std::string server_cert; // fleet/server.crt  signed by the CA, serverAuth, 0644
};

// The paths under desk_dir; touches nothing.
FleetCaPaths fleet_ca_paths(const std::string& desk_dir);

// Creates DESK_DIR/fleet/ with the CA and the desk's server certificate for server_names (DNS
// names or IPv4/IPv6 literals, at least one). Both keys are encrypted under passphrase. Validity
// is now-1h .. now+days for both certificates. Refuses if DESK_DIR/fleet/ca.key exists (or any of
// the four files does). Nothing is left behind on failure. days: 1..3650.
Status create_fleet_ca(const std::string& desk_dir, const std::string& event_id,
                       const std::vector<std::string>& server_names, std::string_view passphrase,
                       std::int64_t now, int days);

// A kiosk certificate as signed by the CA.
struct IssuedKioskCert {
    std::string pem;        // the certificate, PEM
    std::string kiosk_id;   // CN = fingerprint(kiosk_key)
    std::string gate;       // OU
    std::string serial_hex; // lower-case hex, 16 random bytes (first byte 0x40..0x7f)
    std::int64_t not_before = 0, not_after = 0;
    PublicKey kiosk_key;
};

// What a kiosk's certificate request asks for.
struct KioskCsr {
    PublicKey kiosk_key;
    std::string kiosk_id;
    std::string gate;
};

// Reads a certificate request (PEM, at most 16 KiB): checks its self-signature, that its key is
// Ed25519, that its CN is fingerprint(key) and that it has exactly one non-empty OU (the gate).
// Returns what it asks for, without signing anything. CN and OU: printable ASCII, at most 64.
Outcome<KioskCsr> read_kiosk_csr(std::string_view csr_pem);

// Signs the request (checked as read_kiosk_csr does) with the CA in desk_dir: a client
// certificate (clientAuth, CA:FALSE) for the request's key, CN and OU, 16 random bytes of serial,
// valid now-1h .. now+days (never past the CA's own expiry). ca.key is decrypted with passphrase
// and freed (OpenSSL wipes it) before returning. days >= 1. Writes nothing: keeping a record of
// the certificate is the caller's business.
Outcome<IssuedKioskCert> sign_kiosk_csr(const std::string& desk_dir, std::string_view csr_pem,
                                        std::string_view passphrase, std::int64_t now, int days);

} // namespace accred
