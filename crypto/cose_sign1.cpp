#include "cose_sign1.h"

#include "cbor_codec.h"

#include <algorithm>
#include <string_view>

namespace accred {
namespace {

constexpr std::uint64_t kCoseSign1Tag = 18;
constexpr std::int64_t kHeaderAlg = 1;
constexpr std::int64_t kHeaderKid = 4;
constexpr std::int64_t kAlgEdDSA = -8;

std::string to_string(std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Explains a protected header that is not exactly {1: -8, 4: kid}.
std::string explain_protected(const std::string& bytes) {
    auto header = cbor_decode_strict(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    if (!header || header->kind != CborValue::Kind::map)
        return "the protected header is not a CBOR map";
    const CborValue* alg = header->find(kHeaderAlg);
    if (alg == nullptr) return "the protected header has no algorithm";
    if (alg->as_int() != kAlgEdDSA) return "the algorithm is not EdDSA (-8)";
    const CborValue* kid = header->find(kHeaderKid);
    if (kid == nullptr || kid->kind != CborValue::Kind::bytes || kid->bytes.size() != 8)
        return "the key id is not 8 bytes";
    return "the protected header has parameters other than alg and kid";
}

} // namespace

std::vector<std::uint8_t> cose_protected_header(const Kid& kid) {
    // {1: -8, 4: kid}, written directly (it is part of every Sig_structure); the bytes are pinned
    // by tests/crypto/cose_sign1_test.cpp.
    std::vector<std::uint8_t> out;
    cbor_append_head(out, CborMajor::map, 2);
    cbor_append_head(out, CborMajor::uint, static_cast<std::uint64_t>(kHeaderAlg));
    cbor_append_head(out, CborMajor::negint, static_cast<std::uint64_t>(-1 - kAlgEdDSA));
    cbor_append_head(out, CborMajor::uint, static_cast<std::uint64_t>(kHeaderKid));
    cbor_append_bytes(out, kid);
    return out;
}

std::vector<std::uint8_t> cose_sig_structure(const Kid& kid,
                                             std::span<const std::uint8_t> payload) {
    // Written head by head (cbor_append_head: libcbor's shortest-form head encoders) rather
    // than through a value tree: this runs on every scan before the signature check, and the
    // tree's copies of the payload cost as much as a tenth of the Ed25519 verify (kiosk_bench).
    // The bytes are the same (tests/crypto/cose_sign1_test.cpp compares them with the tree's
    // encoding).
    static constexpr std::string_view kContext = "Signature1";
    const std::vector<std::uint8_t> header = cose_protected_header(kid);
    std::vector<std::uint8_t> out;
    out.reserve(32 + header.size() + payload.size());
    cbor_append_head(out, CborMajor::array, 4);
    cbor_append_string(out, CborMajor::text, kContext);
    cbor_append_bytes(out, header);
    cbor_append_bytes(out, {}); // external_aad: none
    cbor_append_bytes(out, payload);
    return out;
}

std::vector<std::uint8_t> cose_sign1_encode(const CoseSign1& m) {
    return cbor_encode(CborValue::make_tag(
        kCoseSign1Tag, CborValue::make_array({
                           CborValue::make_bytes(to_string(cose_protected_header(m.kid))),
                           CborValue::make_map({}),
                           CborValue::make_bytes(to_string(m.payload)),
                           CborValue::make_bytes(to_string(m.signature)),
                       })));
}

Outcome<CoseSign1> cose_sign1_decode(std::span<const std::uint8_t> bytes,
                                     std::size_t max_payload) {
    // Tag 18 in its one-byte form (major type 6, value 18), checked here by hand: libcbor 0.8's
    // streaming decoder refuses tags 6-20 as "unassigned".
    constexpr std::uint8_t kTag18Head = 0xC0 | kCoseSign1Tag;
    if (bytes.empty() || bytes[0] != kTag18Head) return Error{"COSE: not a COSE_Sign1 (tag 18)"};
    CborLimits limits;
    limits.max_depth = 2;
    limits.max_items = 8;
    auto decoded = cbor_decode_strict(bytes.subspan(1), limits);
    if (!decoded) return Error{"COSE: " + decoded.error().message};
    const CborValue& array = decoded.value();
    if (array.kind != CborValue::Kind::array || array.items.size() != 4)
        return Error{"COSE: COSE_Sign1 must be an array of 4 elements"};
    const CborValue& prot = array.items[0];
    const CborValue& unprot = array.items[1];
    const CborValue& payload = array.items[2];
    const CborValue& signature = array.items[3];
    if (prot.kind != CborValue::Kind::bytes) return Error{"COSE: protected header not a bstr"};
    if (unprot.kind != CborValue::Kind::map || !unprot.pairs.empty())
        return Error{"COSE: the unprotected header must be empty"};
    if (payload.kind != CborValue::Kind::bytes || payload.bytes.empty() ||
        payload.bytes.size() > max_payload)
        return Error{"COSE: payload must be a bstr of 1 to " + std::to_string(max_payload) +
                     " bytes"};
    if (signature.kind != CborValue::Kind::bytes || signature.bytes.size() != 64)
        return Error{"COSE: signature must be a bstr of 64 bytes"};

    CoseSign1 m;
    const std::string& p = prot.bytes;
    if (p.size() != 13) return Error{"COSE: " + explain_protected(p)};
    std::copy(p.begin() + 5, p.end(), m.kid.begin());
    if (cose_protected_header(m.kid) != std::vector<std::uint8_t>(p.begin(), p.end()))
        return Error{"COSE: " + explain_protected(p)};
    m.payload.assign(payload.bytes.begin(), payload.bytes.end());
    std::copy(signature.bytes.begin(), signature.bytes.end(), m.signature.begin());
    return m;
}

} // namespace accred
