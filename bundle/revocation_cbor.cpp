#include "revocation_cbor.h"

#include "crypto/cbor_map.h"

#include <algorithm>
#include <span>

namespace accred {
namespace {

constexpr std::size_t kMaxIdBytes = 32;

std::string raw(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace

CborValue revocations_to_cbor(const RevocationList& list) {
    std::vector<CborValue> revoked;
    for (const auto& cti : list.revoked)
        revoked.push_back(CborValue::make_bytes(raw(cti)));
    CborMapBuilder current;
    for (const auto& [holder, issue] : list.current_issue)
        current.add_uint(holder, issue);
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

} // namespace accred
