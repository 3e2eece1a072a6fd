#include "signed_payload.h"

#include "crypto/cbor_codec.h"
#include "crypto/cbor_map.h"
#include "crypto/cose_sign1.h"

namespace accred {
namespace {

// Our deepest payload: map > event map > zones array > zone map > windows array > window map.
constexpr std::size_t kMaxDepth = 8;

} // namespace

std::vector<std::uint8_t> sign_payload(const CborValue& payload, const SigningKey& key) {
    CoseSign1 m;
    m.kid = key.kid();
    m.payload = cbor_encode(payload);
    m.signature = key.sign(cose_sig_structure(m.kid, m.payload));
    return cose_sign1_encode(m);
}

Outcome<CborValue> open_signed(std::span<const std::uint8_t> file, const PublicKey& event_key,
                               std::size_t max_bytes, std::size_t max_items, const char* type,
                               std::uint64_t format, const char* what) {
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
    limits.max_items = max_items;
    auto payload = cbor_decode_strict(cose->payload, limits);
    if (!payload)
        return Error{std::string("the ") + what + " is malformed: " + payload.error().message};
    CborMapReader r(payload.value(), what);
    const std::string found = r.has("type") ? r.text("type", 32) : std::string();
    if (found != type) return Error{std::string("not a ") + what + " (type \"" + found + "\")"};
    const std::uint64_t found_format = r.uint("format");
    if (found_format != format)
        return Error{std::string("the ") + what + " is of format " + std::to_string(found_format) +
                     "; this program reads format " + std::to_string(format)};
    return std::move(payload).value();
}

} // namespace accred
