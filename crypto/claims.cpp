#include "claims.h"

#include "secret_buffer.h"
#include "sha256.h"

#include <algorithm>

namespace accred {
namespace {

bool is_id(const std::string& s) {
    if (s.empty() || s.size() > ClaimLimits::kMaxIdBytes) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF) and no control
// characters, so that a name can never carry a terminal escape onto a guard's screen.
bool is_printable_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return false;
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = cp << 6 | (cc & 0x3F);
        }
        static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
            (cp >= 0x80 && cp < 0xA0))
            return false;
        i += len;
    }
    return true;
}

bool is_text(const std::string& s) {
    return !s.empty() && s.size() <= ClaimLimits::kMaxTextBytes && is_printable_utf8(s);
}

} // namespace

std::optional<std::string> claims_rule_violation(const Claims& c) {
    if (!is_id(c.iss)) return "iss must be 1-32 characters of A-Z a-z 0-9 . _ -";
    if (!is_id(c.sub)) return "sub must be 1-32 characters of A-Z a-z 0-9 . _ -";
    if (c.exp >= ClaimLimits::kMaxTime || c.nbf >= ClaimLimits::kMaxTime ||
        c.iat >= ClaimLimits::kMaxTime)
        return "a time is out of range";
    if (c.nbf > c.exp) return "the start of validity (nbf) is after its end (exp)";
    if (c.iat > c.exp) return "the issue time (iat) is after the end of validity (exp)";
    if (!is_text(c.name)) return "name must be 1-64 bytes of printable UTF-8";
    if (c.org) {
        if (c.org->code) {
            if (*c.org->code > ClaimLimits::kMaxDelegationCode)
                return "delegation code above 65535";
        } else if (!is_text(c.org->name)) {
            return "delegation name must be 1-64 bytes of printable UTF-8";
        }
    }
    if (c.category > ClaimLimits::kMaxCode) return "category code above 255";
    if (c.rank > ClaimLimits::kMaxRank) return "clearance rank above 100";
    if (c.zones.size() > ClaimLimits::kMaxZones) return "more than 16 zone grants";
    for (std::size_t i = 0; i < c.zones.size(); ++i) {
        if (c.zones[i] > ClaimLimits::kMaxCode) return "zone code above 255";
        if (i > 0 && c.zones[i] <= c.zones[i - 1]) return "zone codes not strictly ascending";
    }
    if (c.issue < 1) return "issue number must be at least 1";
    if (c.escort && !is_id(*c.escort))
        return "escort must be a holder id: 1-32 characters of A-Z a-z 0-9 . _ -";
    return std::nullopt;
}

std::array<std::uint8_t, 12> photo_digest(const std::string& photo_bytes) {
    const Sha256Digest full = sha256_of(photo_bytes);
    std::array<std::uint8_t, 12> out{};
    std::copy_n(full.begin(), out.size(), out.begin());
    return out;
}

bool is_valid_id(const std::string& s) { return is_id(s); }

} // namespace accred
