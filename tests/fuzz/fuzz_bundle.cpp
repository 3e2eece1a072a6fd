// fuzz_bundle: the kiosk bundle reader and the revocation update reader (bundle/bundle_file.h) on
// bytes, with a fixed event key. The first input byte picks what the rest is:
//   0: a bundle file, read_bundle          1: a revocation update, read_revocation_update
//   2: a bundle PAYLOAD (CBOR), which this target signs with the event key, then read_bundle
//   3: a revocation PAYLOAD, signed here, then read_revocation_update
// Modes 2 and 3 reach the payload parsers (strict CBOR, event_from_cbor, the field readers) that a
// fuzzer can never reach through a signature. Must hold: no crash, leak or UB; and a file that
// is accepted is exactly what the writer gives for the result (write(read(f)) == f), since both
// formats are deterministic CBOR under a deterministic Ed25519 signature.
// With ACCRED_FUZZ_WRITE_SEEDS=DIR set, the target instead writes seeds for the four modes (made
// by the real writer from assets/demo/event.toml) into DIR and exits: tests/fuzz/make_seeds.sh.
#include "fuzz_common.h"

#include "bundle/bundle_file.h"
#include "crypto/cose_sign1.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"
#include "event/event_toml.h"

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
    bundle.delegations = {{1, "Norway"}, {7, "Council of Europe"}};
    bundle.photos = {{"C001", "\x89PNG tiny"}, {"D001", "photo bytes"}};

    const auto bundle_file = write_bundle(bundle, event_key());
    const auto update_file = write_revocation_update(revocations, event_key());
    if (!read_bundle(bundle_file, event_key().public_key()) ||
        !read_revocation_update(update_file, event_key().public_key()))
        std::abort();
    write_file(dir + "/bundle-file", 0, bundle_file);
    write_file(dir + "/revocation-file", 1, update_file);
    write_file(dir + "/bundle-payload", 2,
               cose_sign1_decode(bundle_file, bundle_file.size())->payload);
    write_file(dir + "/revocation-payload", 3,
               cose_sign1_decode(update_file, update_file.size())->payload);
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
    const std::uint8_t mode = data[0] & 3;
    const auto rest = fuzz::as_span(data + 1, size - 1);
    std::vector<std::uint8_t> signed_file;
    std::span<const std::uint8_t> file = rest;
    if (mode >= 2) {
        signed_file = sign(rest);
        file = signed_file;
    }
    const PublicKey& key = event_key().public_key();
    if (mode == 0 || mode == 2) {
        if (auto bundle = read_bundle(file, key)) FUZZ_CHECK(same(write_bundle(*bundle, event_key()), file));
    } else {
        if (auto list = read_revocation_update(file, key))
            FUZZ_CHECK(same(write_revocation_update(*list, event_key()), file));
    }
    return 0;
}
