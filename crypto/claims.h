// The claims an AC1 credential carries (docs/credential-format.md, section 5), as plain values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

// The holder's delegation or organisation: a code 0..65535 from the event's delegation table when
// it has one (compact: at most 3 bytes of CBOR), otherwise its name.
struct Organisation {
    std::optional<std::uint32_t> code;
    std::string name; // used only when code is empty
    bool operator==(const Organisation&) const = default;
};

struct Claims {
    std::string iss; // event id
    std::string sub; // holder id
    std::uint64_t iat = 0;
    std::uint64_t nbf = 0;
    std::uint64_t exp = 0;
    std::array<std::uint8_t, 8> cti{}; // random credential id
    // The accreditation (private claim -65537).
    std::string name;
    std::optional<Organisation> org;
    std::uint32_t category = 0;
    std::uint32_t rank = 0;
    std::vector<std::uint32_t> zones; // explicit grants, strictly ascending
    std::array<std::uint8_t, 12> photo{}; // first 12 bytes of SHA-256 of the photo file
    std::uint32_t issue = 1;
    std::optional<std::string> escort; // holder id of the protected principal

    bool operator==(const Claims&) const = default;
};

// Limits from the format (docs/credential-format.md); the encoder and decoder both enforce them.
struct ClaimLimits {
    static constexpr std::size_t kMaxIdBytes = 32;
    static constexpr std::size_t kMaxTextBytes = 64;
    static constexpr std::uint32_t kMaxCode = 255; // category and zone codes
    // Delegation codes (org): a summit has thousands of delegations. Codes 0..255 are encoded
    // exactly as when they were the whole range.
    static constexpr std::uint32_t kMaxDelegationCode = 65535;
    static constexpr std::uint32_t kMaxRank = 100;
    static constexpr std::size_t kMaxZones = 16;
    static constexpr std::uint64_t kMaxTime = 1ull << 40;
};

// Empty when the claims satisfy every rule of the format, else the first rule broken, in words.
std::optional<std::string> claims_rule_violation(const Claims& claims);

// SHA-256 of photo bytes truncated to 12 bytes: the value of the photo claim.
std::array<std::uint8_t, 12> photo_digest(const std::string& photo_bytes);

// Whether s is a valid id (iss, sub, escort): 1-32 bytes of A-Z a-z 0-9 . _ -
bool is_valid_id(const std::string& s);

} // namespace accred
