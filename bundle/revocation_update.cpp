#include "revocation_update.h"

#include "bundle/revocation_cbor.h"
#include "bundle/signed_payload.h"
#include "crypto/cbor_map.h"

namespace accred {
namespace {

constexpr std::uint64_t kFormat = 1;
constexpr const char* kType = "revocation-update";
// Bounds the decoder: two items per revoked id and per current-issue entry, with room.
constexpr std::size_t kMaxItems = 4'000'000;

} // namespace

std::vector<std::uint8_t> write_revocation_update(const RevocationList& list,
                                                  const SigningKey& event_key) {
    const CborValue payload = CborMapBuilder()
                                  .add_text("type", kType)
                                  .add_uint("format", kFormat)
                                  .add("revocations", revocations_to_cbor(list))
                                  .build();
    return sign_payload(payload, event_key);
}

Outcome<RevocationList> read_revocation_update(std::span<const std::uint8_t> file,
                                               const PublicKey& event_key) {
    auto payload = open_signed(file, event_key, kMaxRevocationUpdateBytes, kMaxItems, kType,
                               kFormat, "revocation update");
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
