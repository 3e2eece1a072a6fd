#include "bundle_manifest.h"

#include "bundle/event_cbor.h"
#include "bundle/revocation_cbor.h"
#include "bundle/signed_payload.h"
#include "crypto/cbor_map.h"
#include "crypto/claims.h"

#include <algorithm>

namespace accred {
namespace {

constexpr const char* kType = "kiosk-bundle";
// Bounds the decoder: revocations and removed holders of a 100 000-person event, with room.
constexpr std::size_t kMaxItems = 4'000'000;
constexpr std::size_t kMaxNameBytes = 64;

std::string raw(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

CborValue delegations_to_cbor(const std::map<std::uint32_t, std::string>& delegations) {
    std::vector<CborValue> items;
    for (const auto& [code, name] : delegations)
        items.push_back(
            CborValue::make_array({CborValue::make_uint(code), CborValue::make_text(name)}));
    return CborValue::make_array(std::move(items));
}

Status read_delegations(const CborValue& array, std::map<std::uint32_t, std::string>& out) {
    for (const auto& d : array.items) {
        if (d.kind != CborValue::Kind::array || d.items.size() != 2 ||
            d.items[0].kind != CborValue::Kind::uint ||
            d.items[0].number > ClaimLimits::kMaxDelegationCode ||
            d.items[1].kind != CborValue::Kind::text || d.items[1].bytes.empty() ||
            d.items[1].bytes.size() > kMaxNameBytes)
            return Error{"kiosk bundle: a delegation entry is malformed"};
        const auto code = static_cast<std::uint32_t>(d.items[0].number);
        if (!out.empty() && out.rbegin()->first >= code)
            return Error{"kiosk bundle: delegation codes out of order or repeated"};
        out.emplace(code, d.items[1].bytes);
    }
    return success();
}

Status read_keys(const CborValue& array, std::vector<PublicKey>& out) {
    for (const auto& k : array.items) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(k.bytes.data());
        auto key = k.kind == CborValue::Kind::bytes
                       ? public_key_from_bytes(std::span(p, k.bytes.size()))
                       : std::nullopt;
        if (!key) return Error{"kiosk bundle: a trusted key is not a valid Ed25519 key"};
        out.push_back(*key);
    }
    return success();
}

Status read_roster(CborMapReader& r, BundleManifest& m) {
    if (const CborValue* roster = r.map("roster")) {
        CborMapReader rr(*roster, "kiosk bundle roster");
        m.roster.people = rr.uint("people");
        const std::string digest = rr.bytes("digest", 32, true);
        std::copy(digest.begin(), digest.end(), m.roster.digest.begin());
        if (auto s = rr.finish(); !s) return s;
    }
    if (const CborValue* chunks = r.array("chunks")) {
        for (const auto& c : chunks->items) {
            if (c.kind != CborValue::Kind::bytes || c.bytes.size() != 32)
                return Error{"kiosk bundle: a chunk digest is not 32 bytes"};
            Sha256Digest d{};
            std::copy(c.bytes.begin(), c.bytes.end(), d.begin());
            m.chunks.push_back(d);
        }
    }
    // A delta states both its base and its removed holders (perhaps none); a whole bundle neither.
    if (r.has("base") != r.has("removed"))
        return Error{"kiosk bundle: a delta needs both its base and its removed holders"};
    if (!r.has("base")) return success();
    m.base = r.uint("base");
    if (const CborValue* removed = r.array("removed")) {
        for (const auto& h : removed->items) {
            if (h.kind != CborValue::Kind::text || !is_valid_id(h.bytes))
                return Error{"kiosk bundle: a removed holder is not a holder id"};
            if (!m.removed.empty() && !(m.removed.back() < h.bytes))
                return Error{"kiosk bundle: removed holders out of order or repeated"};
            m.removed.push_back(h.bytes);
        }
    }
    return success();
}

// The rules between fields, once each is read.
Status check_consistency(const BundleManifest& m) {
    if (m.bundle.revocations.event_id != m.bundle.event.id)
        return Error{"kiosk bundle: its revocation list is for another event"};
    if (m.base && *m.base >= m.bundle.version)
        return Error{"kiosk bundle: a delta's base version is not below its own version"};
    if (!m.base && !m.removed.empty())
        return Error{"kiosk bundle: a whole bundle names removed holders"};
    // Every chunk holds at least one holder who is in the roster afterwards.
    if (m.chunks.size() > m.roster.people) return Error{"kiosk bundle: more chunks than people"};
    return success();
}

} // namespace

std::vector<std::uint8_t> sign_bundle_manifest(const BundleManifest& m,
                                               const SigningKey& event_key) {
    const KioskBundle& b = m.bundle;
    std::vector<CborValue> keys, chunks;
    for (const auto& k : b.credential_keys)
        keys.push_back(CborValue::make_bytes(raw(k.bytes)));
    for (const auto& c : m.chunks)
        chunks.push_back(CborValue::make_bytes(raw(c)));
    CborMapBuilder payload;
    payload.add_text("type", kType)
        .add_uint("format", kBundleFormat)
        .add_uint("version", b.version)
        .add_uint("issued_at", b.issued_at)
        .add("event", event_to_cbor(b.event))
        .add("credential_keys", CborValue::make_array(std::move(keys)))
        .add("revocations", revocations_to_cbor(b.revocations))
        .add("delegations", delegations_to_cbor(b.delegations))
        .add("roster", CborMapBuilder()
                           .add_uint("people", m.roster.people)
                           .add_bytes("digest", raw(m.roster.digest))
                           .build())
        .add("chunks", CborValue::make_array(std::move(chunks)));
    if (m.base) {
        std::vector<CborValue> removed;
        for (const auto& h : m.removed)
            removed.push_back(CborValue::make_text(h));
        payload.add_uint("base", *m.base).add("removed", CborValue::make_array(std::move(removed)));
    }
    return sign_payload(payload.build(), event_key);
}

Outcome<BundleManifest> read_bundle_manifest(std::span<const std::uint8_t> signed_bytes,
                                             const PublicKey& event_key) {
    auto payload = open_signed(signed_bytes, event_key, kMaxManifestBytes, kMaxItems, kType,
                               kBundleFormat, "kiosk bundle");
    if (!payload) return payload.error();
    BundleManifest m;
    KioskBundle& b = m.bundle;
    CborMapReader r(payload.value(), "kiosk bundle");
    r.text("type", 32);
    r.uint("format");
    b.version = r.uint("version");
    b.issued_at = r.uint("issued_at");
    if (const CborValue* event = r.map("event")) {
        auto parsed = event_from_cbor(*event);
        if (!parsed) return Error{"kiosk bundle: " + parsed.error().message};
        b.event = std::move(parsed).value();
    }
    if (const CborValue* keys = r.array("credential_keys"))
        if (auto s = read_keys(*keys, b.credential_keys); !s) return s.error();
    if (const CborValue* list = r.map("revocations")) {
        auto parsed = revocations_from_cbor(*list);
        if (!parsed) return Error{"kiosk bundle: " + parsed.error().message};
        b.revocations = std::move(parsed).value();
    }
    if (const CborValue* delegations = r.array("delegations"))
        if (auto s = read_delegations(*delegations, b.delegations); !s) return s.error();
    if (auto s = read_roster(r, m); !s) return s.error();
    if (auto s = r.finish(); !s) return s.error();
    if (auto s = check_consistency(m); !s) return s.error();
    return m;
}

} // namespace accred
