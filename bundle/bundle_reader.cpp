#include "bundle_reader.h"

#include "bundle/byte_string_item.h"

#include <algorithm>

namespace accred {
namespace {

constexpr std::uint8_t kCoseSign1Tag = 0xD2; // CBOR tag 18: how a format-1 bundle starts

std::string format_1_message(const std::string& name) {
    return name + " is a bundle of format 1 (made by an issuer before format 2), or not a "
                  "bundle; this kiosk reads bundle format 2 only: export the bundle again with "
                  "issuer bundle";
}

} // namespace

bool looks_like_bundle(std::span<const std::uint8_t> bytes) {
    return !bytes.empty() && (bytes[0] & 0xE0) == 0x40;
}

Outcome<BundleReader> BundleReader::open(ByteInput& in, const PublicKey& event_key) {
    const int first = in.peek();
    if (first == kCoseSign1Tag) return Error{format_1_message(in.name())};
    if (first < 0) return Error{in.name() + " is empty"};
    auto signed_bytes = read_byte_string(in, kMaxManifestBytes, in.name() + "'s manifest");
    if (!signed_bytes) return signed_bytes.error();
    auto manifest = read_bundle_manifest(signed_bytes.value(), event_key);
    if (!manifest) return manifest.error();
    return BundleReader(in, std::move(manifest).value(), std::move(signed_bytes).value());
}

Status BundleReader::read_roster(const RosterVisitor& visit) {
    std::string last;
    std::uint64_t entries = 0;
    const auto& removed = manifest_.removed;
    for (std::size_t i = 0; i < manifest_.chunks.size(); ++i) {
        const std::string what = in_->name() + "'s roster chunk " + std::to_string(i + 1);
        auto bytes = read_byte_string(*in_, kMaxChunkBytes, what);
        if (!bytes) return bytes.error();
        // The digest before the decoder sees a byte: a chunk is trusted only through the
        // signed manifest.
        if (sha256_of(bytes.value()) != manifest_.chunks[i])
            return Error{what + " does not match the signed manifest: altered or damaged"};
        Status decoded = decode_roster_chunk(
            bytes.value(),
            [&](const std::string& holder, std::string_view photo,
                std::string_view claims) -> Status {
                if (entries > 0 && !(last < holder))
                    return Error{what + " has holders out of order across chunks"};
                if (std::binary_search(removed.begin(), removed.end(), holder))
                    return Error{what + " adds " + holder + ", whom the delta also removes"};
                last = holder;
                ++entries;
                return visit(holder, photo, claims);
            });
        if (!decoded) return decoded;
    }
    if (!in_->at_end()) return Error{in_->name() + " has bytes after its last roster chunk"};
    if (!manifest_.is_delta() && entries != manifest_.roster.people)
        return Error{in_->name() + " holds " + std::to_string(entries) +
                     " roster entries, but its manifest says " +
                     std::to_string(manifest_.roster.people)};
    return success();
}

Outcome<BundleContents> read_bundle(std::span<const std::uint8_t> file,
                                    const PublicKey& event_key) {
    ByteInput in(file, "the bundle");
    auto reader = BundleReader::open(in, event_key);
    if (!reader) return reader.error();
    BundleContents contents;
    contents.manifest = reader->manifest();
    RosterDigest digest;
    Status read = reader->read_roster(
        [&](const std::string& holder, std::string_view photo, std::string_view claims) {
            contents.roster.push_back({holder, std::string(photo), std::string(claims)});
            (void)digest.add(holder, sha256_of(photo)); // order checked by read_roster
            return success();
        });
    if (!read) return read.error();
    if (!contents.manifest.is_delta() && digest.finish() != contents.manifest.roster)
        return Error{"the bundle's roster does not match the digest its manifest states"};
    return contents;
}

} // namespace accred
