// fuzz_bundle: the kiosk bundle reader (bundle/bundle_reader.h), the manifest and roster chunk
// parsers and the revocation update reader on bytes, with a fixed event key. The first input
// byte (mod 5) picks what the rest is:
//   0: a bundle file, read_bundle          1: a revocation update, read_revocation_update
//   2: a manifest PAYLOAD (CBOR), which this target signs with the event key, then
//      read_bundle_manifest               3: a revocation PAYLOAD, signed here, then read
//   4: a roster chunk's bytes, decode_roster_chunk (reached in a file only through a digest)
// Modes 2-4 reach the parsers (strict CBOR, event_from_cbor, the field readers, the chunk decoder)
// that a fuzzer can never reach through a signature or a digest. Must hold: no crash, leak or
// UB; and what is accepted is exactly what the writer gives for the result (write(read(f)) == f),
// since every format is deterministic CBOR under a deterministic Ed25519 signature.
// With ACCRED_FUZZ_WRITE_SEEDS=DIR set, the target instead writes seeds for the four modes (made
// by the real writer from assets/demo/event.toml) into DIR and exits: tests/fuzz/make_seeds.sh.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "bundle/roster_chunk.h"
#include "crypto/cose_sign1.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"
#include "event/event_toml.h"
#include "fuzz_common.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sodium.h>
#include <vector>

using namespace accred;

namespace {

const SigningKey& event_key() {
    static const SigningKey key = [] {
        std::array<std::uint8_t, 32> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(0xA0 + i);
        return std::move(SigningKey::from_seed(seed)).value();
    }();
    return key;
}

// A COSE_Sign1 over payload by the event key: what write_bundle / write_revocation_update do.
std::vector<std::uint8_t> sign(std::span<const std::uint8_t> payload) {
    CoseSign1 message;
    message.kid = event_key().kid();
    message.payload.assign(payload.begin(), payload.end());
    message.signature = event_key().sign(cose_sig_structure(message.kid, message.payload));
    return cose_sign1_encode(message);
}

bool same(const std::vector<std::uint8_t>& a, std::span<const std::uint8_t> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void write_file(const std::string& path, std::uint8_t mode, std::span<const std::uint8_t> bytes) {
    std::ofstream out(path, std::ios::binary);
    out.put(static_cast<char>(mode));
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) std::abort();
}

void write_seeds(const std::string& dir) {
    auto toml = read_small_file(ACCRED_FUZZ_DEMO_DIR "/event.toml", 1 << 20);
    if (!toml) std::abort();
    auto event = parse_event_toml(*toml, "event.toml");
    if (!event) std::abort();

    RevocationList revocations;
    revocations.event_id = event->id;
    revocations.version = 3;
    revocations.issued_at = 1396300000;
    revocations.revoked = {CredentialId{1, 2, 3, 4, 5, 6, 7, 8}, CredentialId{9, 9, 9, 9, 9, 9, 9, 9}};
    revocations.current_issue = {{"D001", 2}, {"M001", 3}};

    KioskBundle bundle;
    bundle.version = 3;
    bundle.issued_at = 1396300000;
    bundle.event = *event;
    bundle.credential_keys = {event_key().public_key()};
    bundle.revocations = revocations;
    bundle.delegations = {{1, "Norway"}, {7, "Council of Europe"}, {65535, "Last code"}};
    const std::vector<RosterPhoto> photos{{"C001", "\x89PNG tiny", {}}, {"D001", "photo bytes", {}}};

    const auto bundle_file = write_bundle(bundle, photos, event_key());
    bundle.version = 4;
    const DeltaSpec delta{3, {"C001"}, summarise_roster({{"D001", "new photo", {}}})};
    const auto delta_file = write_bundle_delta(bundle, delta, {{"D001", "new photo", {}}}, event_key());
    const auto update_file = write_revocation_update(revocations, event_key());
    auto whole = read_bundle(bundle_file, event_key().public_key());
    if (!whole || !read_bundle(delta_file, event_key().public_key()) ||
        !read_revocation_update(update_file, event_key().public_key()))
        std::abort();
    write_file(dir + "/bundle-file", 0, bundle_file);
    write_file(dir + "/delta-file", 0, delta_file);
    write_file(dir + "/revocation-file", 1, update_file);
    const auto manifest = sign_bundle_manifest(whole->manifest, event_key());
    write_file(dir + "/manifest-payload", 2, cose_sign1_decode(manifest, manifest.size())->payload);
    write_file(dir + "/revocation-payload", 3,
               cose_sign1_decode(update_file, update_file.size())->payload);
    write_file(dir + "/roster-chunk", 4, encode_roster_chunk(photos));
}

// write(read(f)) == f for a bundle file: the whole or the delta the reader says it is.
void check_bundle_file(std::span<const std::uint8_t> file) {
    auto read = read_bundle(file, event_key().public_key());
    if (!read) return;
    const BundleManifest& m = read->manifest;
    const auto again = m.is_delta()
                           ? write_bundle_delta(m.bundle, {*m.base, m.removed, m.roster},
                                                read->roster, event_key())
                           : write_bundle(m.bundle, read->roster, event_key());
    FUZZ_CHECK(same(again, file));
}

void check_chunk(std::span<const std::uint8_t> bytes) {
    std::vector<RosterPhoto> entries;
    Status decoded = decode_roster_chunk(
        bytes, [&](const std::string& holder, std::string_view photo, std::string_view claims) {
            entries.push_back({holder, std::string(photo), std::string(claims)});
            return success();
        });
    if (decoded) FUZZ_CHECK(same(encode_roster_chunk(entries), bytes));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    (void)event_key();
    if (const char* dir = std::getenv("ACCRED_FUZZ_WRITE_SEEDS")) {
        write_seeds(dir);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0] % 5;
    const auto rest = fuzz::as_span(data + 1, size - 1);
    const PublicKey& key = event_key().public_key();
    if (mode == 0) {
        check_bundle_file(rest);
    } else if (mode == 2) {
        const auto signed_manifest = sign(rest);
        if (auto m = read_bundle_manifest(signed_manifest, key))
            FUZZ_CHECK(same(sign_bundle_manifest(*m, event_key()), signed_manifest));
    } else if (mode == 4) {
        check_chunk(rest);
    } else {
        std::vector<std::uint8_t> signed_file;
        std::span<const std::uint8_t> file = rest;
        if (mode == 3) {
            signed_file = sign(rest);
            file = signed_file;
        }
        if (auto list = read_revocation_update(file, key))
            FUZZ_CHECK(same(write_revocation_update(*list, event_key()), file));
    }
    return 0;
}
