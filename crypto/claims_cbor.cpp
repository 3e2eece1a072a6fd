#include "claims_cbor.h"

#include "cbor_codec.h"

#include <algorithm>
#include <cassert>

namespace accred {
namespace {

// CWT claim keys (RFC 8392) and the accreditation's own keys.
enum ClaimKey : std::int64_t { kIss = 1, kSub = 2, kExp = 4, kNbf = 5, kIat = 6, kCti = 7 };
// The first private-use claim key of the CWT registry (values below -65536 are private use).
constexpr std::int64_t kAccreditation = -65537;
enum AccKey : std::int64_t {
    kName = 1, kOrg = 2, kCategory = 3, kRank = 4, kZones = 5, kPhoto = 6, kIssue = 7, kEscort = 8
};

void put_key(std::vector<std::uint8_t>& out, std::int64_t key) {
    assert(key > 0);
    cbor_append_head(out, CborMajor::uint, static_cast<std::uint64_t>(key));
}

// The claims in their one deterministic form (RFC 8949 core: shortest heads, keys in ascending
// encoded order, as listed), written directly: it is built on every scan to prove a payload was
// in that form. The rules are the caller's to check.
std::vector<std::uint8_t> encode_unchecked(const Claims& c) {
    std::vector<std::uint8_t> out;
    out.reserve(128 + c.name.size() + (c.org ? c.org->name.size() : 0));
    cbor_append_head(out, CborMajor::map, 7);
    put_key(out, kIss);
    cbor_append_string(out, CborMajor::text, c.iss);
    put_key(out, kSub);
    cbor_append_string(out, CborMajor::text, c.sub);
    put_key(out, kExp);
    cbor_append_head(out, CborMajor::uint, c.exp);
    put_key(out, kNbf);
    cbor_append_head(out, CborMajor::uint, c.nbf);
    put_key(out, kIat);
    cbor_append_head(out, CborMajor::uint, c.iat);
    put_key(out, kCti);
    cbor_append_bytes(out, c.cti);
    cbor_append_head(out, CborMajor::negint, static_cast<std::uint64_t>(-1 - kAccreditation));
    const std::size_t entries = 5 + (c.org ? 1 : 0) + (c.zones.empty() ? 0 : 1) + (c.escort ? 1 : 0);
    cbor_append_head(out, CborMajor::map, entries);
    put_key(out, kName);
    cbor_append_string(out, CborMajor::text, c.name);
    if (c.org) {
        put_key(out, kOrg);
        if (c.org->code) cbor_append_head(out, CborMajor::uint, *c.org->code);
        else cbor_append_string(out, CborMajor::text, c.org->name);
    }
    put_key(out, kCategory);
    cbor_append_head(out, CborMajor::uint, c.category);
    put_key(out, kRank);
    cbor_append_head(out, CborMajor::uint, c.rank);
    if (!c.zones.empty()) {
        put_key(out, kZones);
        cbor_append_head(out, CborMajor::array, c.zones.size());
        for (const auto z : c.zones) cbor_append_head(out, CborMajor::uint, z);
    }
    put_key(out, kPhoto);
    cbor_append_bytes(out, c.photo);
    put_key(out, kIssue);
    cbor_append_head(out, CborMajor::uint, c.issue);
    if (c.escort) {
        put_key(out, kEscort);
        cbor_append_string(out, CborMajor::text, *c.escort);
    }
    return out;
}

// Typed readers for one map entry; each returns false with why set when the entry is unusable.
struct Reader {
    const CborValue& map;
    std::string why;

    const CborValue* get(std::int64_t key, const char* name, bool required) {
        const CborValue* v = map.find(key);
        if (v == nullptr && required) why = std::string("missing claim ") + name;
        return v;
    }
    bool text(std::int64_t key, const char* name, std::string& out) {
        const CborValue* v = get(key, name, true);
        if (v == nullptr) return false;
        if (v->kind != CborValue::Kind::text) return fail(name, "a text string");
        out = v->bytes;
        return true;
    }
    template <typename T> bool uint(std::int64_t key, const char* name, T& out, std::uint64_t max) {
        const CborValue* v = get(key, name, true);
        if (v == nullptr) return false;
        if (v->kind != CborValue::Kind::uint || v->number > max)
            return fail(name, "an unsigned integer in range");
        out = static_cast<T>(v->number);
        return true;
    }
    template <std::size_t N>
    bool bytes(std::int64_t key, const char* name, std::array<std::uint8_t, N>& out) {
        const CborValue* v = get(key, name, true);
        if (v == nullptr) return false;
        if (v->kind != CborValue::Kind::bytes || v->bytes.size() != N)
            return fail(name, (std::to_string(N) + " bytes").c_str());
        std::copy(v->bytes.begin(), v->bytes.end(), out.begin());
        return true;
    }
    bool fail(const char* name, const char* expected) {
        why = std::string("claim ") + name + " must be " + expected;
        return false;
    }
};

bool read_accreditation(const CborValue& acc, Claims& c, std::string& why) {
    if (acc.kind != CborValue::Kind::map) {
        why = "the accreditation claim must be a map";
        return false;
    }
    Reader r{acc, {}};
    bool ok = r.text(kName, "name", c.name) &&
              r.uint(kCategory, "category", c.category, ClaimLimits::kMaxCode) &&
              r.uint(kRank, "rank", c.rank, ClaimLimits::kMaxRank) &&
              r.bytes(kPhoto, "photo", c.photo) &&
              r.uint(kIssue, "issue", c.issue, UINT32_MAX);
    if (ok) {
        if (const CborValue* org = acc.find(kOrg)) {
            if (org->kind == CborValue::Kind::uint &&
                org->number <= ClaimLimits::kMaxDelegationCode)
                c.org = Organisation{static_cast<std::uint32_t>(org->number), {}};
            else if (org->kind == CborValue::Kind::text)
                c.org = Organisation{std::nullopt, org->bytes};
            else
                ok = r.fail("org", "a delegation code 0-65535 or a text string");
        }
    }
    if (ok) {
        if (const CborValue* zones = acc.find(kZones)) {
            if (zones->kind != CborValue::Kind::array || zones->items.empty() ||
                zones->items.size() > ClaimLimits::kMaxZones)
                ok = r.fail("zones", "an array of 1 to 16 zone codes");
            for (std::size_t i = 0; ok && i < zones->items.size(); ++i) {
                const CborValue& z = zones->items[i];
                if (z.kind != CborValue::Kind::uint || z.number > ClaimLimits::kMaxCode)
                    ok = r.fail("zones", "an array of zone codes 0-255");
                else
                    c.zones.push_back(static_cast<std::uint32_t>(z.number));
            }
        }
    }
    if (ok) {
        if (const CborValue* escort = acc.find(kEscort)) {
            if (escort->kind != CborValue::Kind::text) ok = r.fail("escort", "a text string");
            else c.escort = escort->bytes;
        }
    }
    if (!ok) why = r.why;
    return ok;
}

} // namespace

Outcome<std::vector<std::uint8_t>> claims_encode(const Claims& c) {
    if (auto violation = claims_rule_violation(c)) return Error{"claims: " + *violation};
    return encode_unchecked(c);
}

Outcome<Claims> claims_decode(std::span<const std::uint8_t> payload) {
    CborLimits limits;
    limits.max_depth = 3; // claims map > accreditation map > zones array
    limits.max_items = 64;
    auto decoded = cbor_decode_strict(payload, limits);
    if (!decoded) return Error{"claims: " + decoded.error().message};
    const CborValue& map = decoded.value();
    if (map.kind != CborValue::Kind::map) return Error{"claims: the payload must be a CBOR map"};

    Claims c;
    Reader r{map, {}};
    bool ok = r.text(kIss, "iss", c.iss) && r.text(kSub, "sub", c.sub) &&
              r.uint(kExp, "exp", c.exp, ClaimLimits::kMaxTime) &&
              r.uint(kNbf, "nbf", c.nbf, ClaimLimits::kMaxTime) &&
              r.uint(kIat, "iat", c.iat, ClaimLimits::kMaxTime) && r.bytes(kCti, "cti", c.cti);
    std::string why = r.why;
    if (ok) {
        const CborValue* acc = r.get(kAccreditation, "accreditation (-65537)", true);
        ok = acc != nullptr && read_accreditation(*acc, c, why);
        if (acc == nullptr) why = r.why;
    }
    if (!ok) return Error{"claims: " + why};
    if (auto violation = claims_rule_violation(c)) return Error{"claims: " + *violation};
    const std::vector<std::uint8_t> again = encode_unchecked(c);
    if (!std::equal(again.begin(), again.end(), payload.begin(), payload.end()))
        return Error{"claims: unknown claim keys or not in deterministic form"};
    return c;
}

} // namespace accred
