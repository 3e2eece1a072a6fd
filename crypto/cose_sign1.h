// COSE_Sign1 (RFC 9052) restricted to the single form AC1 uses: tag 18, protected header
// {1: -8, 4: kid}, empty unprotected header, 64-byte Ed25519 signature.
#pragma once

#include "outcome.h"
#include "public_key.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace accred {

struct CoseSign1 {
    Kid kid{};
    std::vector<std::uint8_t> payload;
    std::array<std::uint8_t, 64> signature{};
};

// Credential payloads above this are refused: a credential's claims take about 110 bytes.
inline constexpr std::size_t kMaxCosePayloadBytes = 1024;

// The 13 bytes A2 01 27 04 48 || kid.
std::vector<std::uint8_t> cose_protected_header(const Kid& kid);

// The bytes Ed25519 signs: ["Signature1", protected, h'', payload] (RFC 9052 section 4.4).
std::vector<std::uint8_t> cose_sig_structure(const Kid& kid, std::span<const std::uint8_t> payload);

std::vector<std::uint8_t> cose_sign1_encode(const CoseSign1& message);

// Parses the envelope only: the payload is returned as opaque bytes, to be read after the
// signature is checked. Anything but the exact deterministic form above is an error.
// max_payload bounds the payload (credentials: kMaxCosePayloadBytes; bundles carry photos).
Outcome<CoseSign1> cose_sign1_decode(std::span<const std::uint8_t> bytes,
                                     std::size_t max_payload = kMaxCosePayloadBytes);

} // namespace accred
