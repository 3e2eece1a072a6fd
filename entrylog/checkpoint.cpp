#include "checkpoint.h"

#include "canonical_bytes.h"
#include "crypto/public_key.h"
#include "crypto/secret_buffer.h"

#include <sodium.h>

namespace accred {

namespace {

using namespace canonical;

constexpr std::string_view kCheckpointDomain{"accred checkpoint v1\0", 21};
constexpr std::string_view kTextPrefix = "accred-checkpoint v1 ";
// Largest signed bytes: domain 21, id 4 + 64, seq 8, head 32, time 8, key 32; then 64 of
// signature. Anything longer in text is refused before decoding.
constexpr std::size_t kMaxSignedBytes = 21 + 4 + kMaxLogFieldBytes + 8 + 32 + 8 + 32;
constexpr std::size_t kMaxTextBytes = kTextPrefix.size() + (kMaxSignedBytes + 64 + 2) / 3 * 4;

std::string to_base64(std::span<const std::uint8_t> bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.pop_back(); // the terminating NUL sodium writes
    return out;
}

Error bad_text(const std::string& why) {
    return Error{"not a valid checkpoint: " + why};
}

} // namespace

std::vector<std::uint8_t> checkpoint_signed_bytes(const Checkpoint& checkpoint) {
    // Constructed from the domain rather than inserted into an empty vector: GCC 12 at -O2 warns
    // falsely (stringop-overflow) about the latter.
    std::vector<std::uint8_t> out(kCheckpointDomain.begin(), kCheckpointDomain.end());
    put_str(out, checkpoint.kiosk_id);
    put_u64(out, checkpoint.seq);
    put_raw(out, checkpoint.head);
    put_i64(out, checkpoint.time);
    put_raw(out, checkpoint.kiosk_public_key);
    return out;
}

Outcome<Checkpoint> sign_checkpoint(const SigningKey& kiosk_key, const std::string& kiosk_id,
                                    std::uint64_t seq, const Hash32& head, std::int64_t time) {
    if (kiosk_id != fingerprint(kiosk_key.public_key()))
        return Error{"the kiosk key (fingerprint " + fingerprint(kiosk_key.public_key()) +
                     ") is not the key of kiosk \"" + kiosk_id + "\" this log belongs to"};
    Checkpoint cp;
    cp.kiosk_id = kiosk_id;
    cp.seq = seq;
    cp.head = head;
    cp.time = time;
    cp.kiosk_public_key = kiosk_key.public_key().bytes;
    cp.signature = kiosk_key.sign(checkpoint_signed_bytes(cp));
    return cp;
}

bool verify_checkpoint_signature(const Checkpoint& checkpoint) {
    const auto key = public_key_from_bytes(checkpoint.kiosk_public_key);
    if (!key || checkpoint.kiosk_id != fingerprint(*key)) return false;
    return ed25519_verify_detached(checkpoint.signature, checkpoint_signed_bytes(checkpoint), *key);
}

std::string checkpoint_to_text(const Checkpoint& checkpoint) {
    auto bytes = checkpoint_signed_bytes(checkpoint);
    put_raw(bytes, checkpoint.signature);
    return std::string(kTextPrefix) + to_base64(bytes);
}

Outcome<Checkpoint> checkpoint_from_text(std::string_view text) {
    if (text.ends_with("\r\n"))
        text.remove_suffix(2);
    else if (text.ends_with('\n'))
        text.remove_suffix(1);
    if (!text.starts_with(kTextPrefix))
        return bad_text("it does not start with \"" + std::string(kTextPrefix) + "\"");
    if (text.size() > kMaxTextBytes) return bad_text("the line is too long");
    const std::string_view b64 = text.substr(kTextPrefix.size());
    if (b64.empty()) return bad_text("it holds no data");
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    std::vector<std::uint8_t> bytes(b64.size()); // base64 never decodes to more bytes than chars
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), b64.data(), b64.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size())
        return bad_text("the data is not valid base64");
    bytes.resize(len);
    // Only the canonical spelling is accepted, so one checkpoint has exactly one text form.
    if (to_base64(bytes) != b64) return bad_text("the base64 is not in canonical form");
    if (bytes.size() < 64) return bad_text("it is too short to hold a signature");

    Reader in(std::span<const std::uint8_t>(bytes).first(bytes.size() - 64));
    auto domain = in.take(kCheckpointDomain.size());
    if (!domain || std::string_view(reinterpret_cast<const char*>(domain->data()),
                                    domain->size()) != kCheckpointDomain)
        return bad_text("it is not a version 1 checkpoint");
    Checkpoint cp;
    auto id = in.get_str(kMaxLogFieldBytes);
    auto seq = in.get_u64();
    auto head = in.get_array<32>();
    auto time = in.get_i64();
    auto key = in.get_array<32>();
    if (!id || !seq || !head || !time || !key || !in.at_end())
        return bad_text("its fields are truncated, too long or followed by extra bytes");
    cp.kiosk_id = *id;
    cp.seq = *seq;
    cp.head = *head;
    cp.time = *time;
    cp.kiosk_public_key = *key;
    std::copy(bytes.end() - 64, bytes.end(), cp.signature.begin());
    return cp;
}

} // namespace accred
