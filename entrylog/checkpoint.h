// Signed checkpoints of an entry log: their canonical bytes, signing, verification and the
// one-line text form the desk keeps. docs/entry-log-format.md defines every byte.
#pragma once

#include "crypto/outcome.h"
#include "crypto/signing_key.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_record.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// The bytes a checkpoint's signature covers: "accred checkpoint v1\0", kiosk_id (u32 length +
// bytes), seq (u64), head (32), time (i64), kiosk_public_key (32); integers big-endian.
std::vector<std::uint8_t> checkpoint_signed_bytes(const Checkpoint& checkpoint);

// A checkpoint of (kiosk_id, seq, head, time) signed by kiosk_key. Refuses a kiosk_id that is not
// fingerprint(kiosk_key.public_key()), so a log's id always names the key that vouches for it,
// and a kiosk_id too long for a log row.
Outcome<Checkpoint> sign_checkpoint(const SigningKey& kiosk_key, const std::string& kiosk_id,
                                    std::uint64_t seq, const Hash32& head, std::int64_t time);

// True only when checkpoint.signature is a valid Ed25519 signature of checkpoint_signed_bytes by
// checkpoint.kiosk_public_key (a usable, non-small-order point) and kiosk_id is that key's
// fingerprint. It proves who signed, not that the signer is a real kiosk: the audit must also
// find kiosk_public_key among the kiosk keys the desk registered.
[[nodiscard]] bool verify_checkpoint_signature(const Checkpoint& checkpoint);

// "accred-checkpoint v1 " + base64 (RFC 4648 with padding) of the signed bytes followed by the
// 64-byte signature: one line, no line break, for `kiosk checkpoint` to print.
std::string checkpoint_to_text(const Checkpoint& checkpoint);

// Parses checkpoint_to_text's form (one final "\n" or "\r\n" allowed, nothing else). Strict and
// bounded: exact prefix, canonical base64, every field within its limits, no trailing bytes.
// The signature is not checked here: call verify_checkpoint_signature.
Outcome<Checkpoint> checkpoint_from_text(std::string_view text);

} // namespace accred
