#include "bundle_file.h"

#include "bundle/event_cbor.h"
#include "crypto/cbor_codec.h"
#include "crypto/cbor_map.h"
#include "crypto/cose_sign1.h"

#include <algorithm>

namespace accred {
namespace {

constexpr std::uint64_t kFormat = 1;
constexpr const char* kTypeBundle = "kiosk-bundle";
constexpr const char* kTypeRevocations = "revocation-update";
// Bounds for the strict decoder: a bundle for 10 000 people has about 50 000 items.
constexpr std::size_t kMaxItems = 4'000'000;
constexpr std::size_t kMaxDepth = 8;
constexpr std::size_t kMaxPhotoBytes = 4u << 20;
constexpr std::size_t kMaxIdBytes = 32;

std::string raw(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

CborValue revocations_to_cbor(const RevocationList& list) {
    std::vector<CborValue> revoked;
    for (const auto& cti : list.revoked) revoked.push_back(CborValue::make_bytes(raw(cti)));
    CborMapBuilder current;
    for (const auto& [holder, issue] : list.current_issue) current.add_uint(holder, issue);
    return CborMapBuilder()
        .add_text("event", list.event_id)
        .add_uint("version", list.version)
        .add_uint("issued_at", list.issued_at)
        .add_uint("max_age_minutes", list.max_age_minutes)
        .add("revoked", CborValue::make_array(std::move(revoked)))
        .add("current_issue", current.build())
        .build();
}

Outcome<RevocationList> revocations_from_cbor(const CborValue& value) {
    RevocationList list;
    CborMapReader r(value, "revocation list");
    list.event_id = r.text("event", kMaxIdBytes);
    list.version = r.uint("version");
    list.issued_at = r.uint("issued_at");
    list.max_age_minutes = static_cast<std::uint32_t>(r.uint("max_age_minutes", 10080));
    if (const CborValue* revoked = r.array("revoked")) {
        for (const auto& item : revoked->items) {
            if (item.kind != CborValue::Kind::bytes || item.bytes.size() != 8) {
                r.fail("has a credential id that is not 8 bytes");
                break;
            }
            CredentialId cti{};
            std::copy(item.bytes.begin(), item.bytes.end(), cti.begin());
            list.revoked.push_back(cti);
        }
        // Sorted and unique is part of the format: it lets kiosks binary-search.
        if (!std::is_sorted(list.revoked.begin(), list.revoked.end()) ||
            std::adjacent_find(list.revoked.begin(), list.revoked.end()) != list.revoked.end())
            r.fail("has revoked ids out of order or repeated");
    }
    if (const CborValue* current = r.map("current_issue")) {
        for (const auto& [k, v] : current->pairs) {
            if (k.kind != CborValue::Kind::text || k.bytes.size() > kMaxIdBytes ||
                v.kind != CborValue::Kind::uint || v.number < 2 || v.number > UINT32_MAX) {
                r.fail("has a bad current-issue entry");
                break;
            }
            list.current_issue[k.bytes] = static_cast<std::uint32_t>(v.number);
        }
    }
    if (auto s = r.finish(); !s) return s.error();
    return list;
}

std::vector<std::uint8_t> sign_payload(const CborValue& payload, const SigningKey& key) {
    CoseSign1 m;
    m.kid = key.kid();
    m.payload = cbor_encode(payload);
    m.signature = key.sign(cose_sig_structure(m.kid, m.payload));
    return cose_sign1_encode(m);
}

// Checks the envelope and the signature with event_key, then decodes the payload strictly and
// checks its type and format version. Nothing of the payload is looked at before the signature.
Outcome<CborValue> open_signed(std::span<const std::uint8_t> file, const PublicKey& event_key,
                               std::size_t max_bytes, const char* type, const char* what) {
    if (file.size() > max_bytes) return Error{std::string(what) + " is too large"};
    auto cose = cose_sign1_decode(file, max_bytes);
    if (!cose) return Error{std::string("not a ") + what + " (" + cose.error().message + ")"};
    if (cose->kid != compute_kid(event_key) ||
        !ed25519_verify_detached(cose->signature, cose_sig_structure(cose->kid, cose->payload),
                                 event_key))
        return Error{std::string("the ") + what +
                     " is not signed by this event's key: altered, or from another event"};
    CborLimits limits;
    limits.max_depth = kMaxDepth;
    limits.max_items = kMaxItems;
    auto payload = cbor_decode_strict(cose->payload, limits);
    if (!payload) return Error{std::string("the ") + what + " is malformed: " + payload.error().message};
    CborMapReader r(payload.value(), what);
    const std::string found = r.has("type") ? r.text("type", 32) : std::string();
    if (found != type) return Error{std::string("not a ") + what + " (type \"" + found + "\")"};
    if (r.uint("format") != kFormat)
        return Error{std::string("the ") + what + " has an unsupported format version"};
    return std::move(payload).value();
}

} // namespace

std::vector<std::uint8_t> write_bundle(const KioskBundle& b, const SigningKey& event_key) {
    std::vector<CborValue> keys, delegations, photos;
    for (const auto& k : b.credential_keys) keys.push_back(CborValue::make_bytes(raw(k.bytes)));
    for (const auto& [code, name] : b.delegations)
        delegations.push_back(CborValue::make_array(
            {CborValue::make_uint(code), CborValue::make_text(name)}));
    std::vector<RosterPhoto> sorted = b.photos;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& x, const auto& y) { return x.holder < y.holder; });
    for (const auto& p : sorted)
        photos.push_back(CborValue::make_array(
            {CborValue::make_text(p.holder), CborValue::make_bytes(p.bytes)}));
    const CborValue payload = CborMapBuilder()
                                  .add_text("type", kTypeBundle)
                                  .add_uint("format", kFormat)
                                  .add_uint("version", b.version)
                                  .add_uint("issued_at", b.issued_at)
                                  .add("event", event_to_cbor(b.event))
                                  .add("credential_keys", CborValue::make_array(std::move(keys)))
                                  .add("revocations", revocations_to_cbor(b.revocations))
                                  .add("delegations", CborValue::make_array(std::move(delegations)))
                                  .add("photos", CborValue::make_array(std::move(photos)))
                                  .build();
    return sign_payload(payload, event_key);
}

Outcome<KioskBundle> read_bundle(std::span<const std::uint8_t> file, const PublicKey& event_key) {
    auto payload = open_signed(file, event_key, kMaxBundleBytes, kTypeBundle, "kiosk bundle");
    if (!payload) return payload.error();
    KioskBundle b;
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
    if (const CborValue* keys = r.array("credential_keys")) {
        for (const auto& k : keys->items) {
            const auto* p = reinterpret_cast<const std::uint8_t*>(k.bytes.data());
            auto key = k.kind == CborValue::Kind::bytes
                           ? public_key_from_bytes(std::span(p, k.bytes.size()))
                           : std::nullopt;
            if (!key) return Error{"kiosk bundle: a trusted key is not a valid Ed25519 key"};
            b.credential_keys.push_back(*key);
        }
    }
    if (const CborValue* list = r.map("revocations")) {
        auto parsed = revocations_from_cbor(*list);
        if (!parsed) return Error{"kiosk bundle: " + parsed.error().message};
        b.revocations = std::move(parsed).value();
    }
    if (const CborValue* delegations = r.array("delegations")) {
        for (const auto& d : delegations->items) {
            if (d.kind != CborValue::Kind::array || d.items.size() != 2 ||
                d.items[0].kind != CborValue::Kind::uint || d.items[0].number > 255 ||
                d.items[1].kind != CborValue::Kind::text || d.items[1].bytes.size() > 64)
                return Error{"kiosk bundle: a delegation entry is malformed"};
            b.delegations[static_cast<std::uint32_t>(d.items[0].number)] = d.items[1].bytes;
        }
    }
    if (const CborValue* photos = r.array("photos")) {
        for (const auto& p : photos->items) {
            if (p.kind != CborValue::Kind::array || p.items.size() != 2 ||
                p.items[0].kind != CborValue::Kind::text ||
                p.items[0].bytes.size() > kMaxIdBytes ||
                p.items[1].kind != CborValue::Kind::bytes ||
                p.items[1].bytes.size() > kMaxPhotoBytes)
                return Error{"kiosk bundle: a photo entry is malformed"};
            if (!b.photos.empty() && !(b.photos.back().holder < p.items[0].bytes))
                return Error{"kiosk bundle: photos out of order or repeated"};
            b.photos.push_back({p.items[0].bytes, p.items[1].bytes});
        }
    }
    if (auto s = r.finish(); !s) return s.error();
    if (b.revocations.event_id != b.event.id)
        return Error{"kiosk bundle: its revocation list is for another event"};
    return b;
}

std::vector<std::uint8_t> write_revocation_update(const RevocationList& list,
                                                  const SigningKey& event_key) {
    const CborValue payload = CborMapBuilder()
                                  .add_text("type", kTypeRevocations)
                                  .add_uint("format", kFormat)
                                  .add("revocations", revocations_to_cbor(list))
                                  .build();
    return sign_payload(payload, event_key);
}

Outcome<RevocationList> read_revocation_update(std::span<const std::uint8_t> file,
                                               const PublicKey& event_key) {
    auto payload = open_signed(file, event_key, kMaxRevocationUpdateBytes, kTypeRevocations,
                               "revocation update");
    if (!payload) return payload.error();
    CborMapReader r(payload.value(), "revocation update");
    r.text("type", 32);
    r.uint("format");
    RevocationList list;
    if (const CborValue* value = r.map("revocations")) {
        auto parsed = revocations_from_cbor(*value);
        if (!parsed) return parsed.error();
        list = std::move(parsed).value();
    }
    if (auto s = r.finish(); !s) return s.error();
    return list;
}

} // namespace accred
