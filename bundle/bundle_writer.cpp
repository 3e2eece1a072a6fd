#include "bundle_writer.h"

#include "bundle/byte_string_item.h"

#include <algorithm>
#include <cassert>

namespace accred {
namespace {

// Cuts a walk's entries into chunks (kChunkTargetBytes / kMaxChunkEntries) and hands each
// chunk's encoded bytes to on_chunk. Checks each entry and their order on the way.
class Chunker {
  public:
    explicit Chunker(std::function<Status(const std::vector<std::uint8_t>&)> on_chunk)
        : on_chunk_(std::move(on_chunk)) {}

    Status add(const std::string& holder, std::string_view photo, std::string_view claims) {
        if (auto problem = roster_entry_problem(holder, photo, claims); !problem.empty())
            return Error{"the roster cannot go into a bundle: " + problem};
        if (entries_ > 0 && !(last_ < holder))
            return Error{"the roster is not in ascending holder order at " + holder};
        last_ = holder;
        ++entries_;
        pending_.push_back({holder, std::string(photo), std::string(claims)});
        pending_bytes_ += holder.size() + photo.size() + claims.size();
        if (pending_bytes_ >= kChunkTargetBytes || pending_.size() >= kMaxChunkEntries)
            return flush();
        return success();
    }

    Status flush() {
        if (pending_.empty()) return success();
        const auto bytes = encode_roster_chunk(pending_);
        pending_.clear();
        pending_bytes_ = 0;
        ++chunks_;
        return on_chunk_(bytes);
    }

    std::uint64_t entries() const { return entries_; }
    std::size_t chunks() const { return chunks_; }

  private:
    std::function<Status(const std::vector<std::uint8_t>&)> on_chunk_;
    std::vector<RosterPhoto> pending_;
    std::size_t pending_bytes_ = 0;
    std::string last_;
    std::uint64_t entries_ = 0;
    std::size_t chunks_ = 0;
};

// Pass one: the chunk digests (and, for a whole bundle, the roster's summary).
Status digest_walk(const RosterWalk& walk, BundleManifest& m, RosterDigest* roster) {
    Chunker chunker([&](const std::vector<std::uint8_t>& bytes) {
        m.chunks.push_back(sha256_of(bytes));
        return success();
    });
    Status walked = walk(
        [&](const std::string& holder, std::string_view photo, std::string_view claims) -> Status {
            if (auto s = chunker.add(holder, photo, claims); !s) return s;
            if (roster && !roster->add(holder, sha256_of(photo)))
                return Error{"the roster is not in ascending holder order at " + holder};
            return success();
        });
    if (!walked) return walked;
    return chunker.flush();
}

Status write_item(const ByteSink& out, std::span<const std::uint8_t> bytes,
                  WrittenBundle& written) {
    const auto head = byte_string_head(bytes.size());
    if (auto s = out(head); !s) return s;
    if (auto s = out(bytes); !s) return s;
    written.bytes += head.size() + bytes.size();
    return success();
}

// Pass two: the signed manifest, then each chunk, which must hash as in pass one.
Outcome<WrittenBundle> write_file(const BundleManifest& m, const RosterWalk& walk,
                                  const SigningKey& key, const ByteSink& out) {
    WrittenBundle written;
    written.roster = m.roster;
    if (auto s = write_item(out, sign_bundle_manifest(m, key), written); !s) return s.error();
    std::size_t index = 0;
    Chunker chunker([&](const std::vector<std::uint8_t>& bytes) -> Status {
        if (index >= m.chunks.size() || sha256_of(bytes) != m.chunks[index])
            return Error{"the roster changed while the bundle was being written; nothing "
                         "usable was written, export again"};
        ++index;
        return write_item(out, bytes, written);
    });
    Status walked =
        walk([&](const std::string& holder, std::string_view photo, std::string_view claims) {
            return chunker.add(holder, photo, claims);
        });
    if (!walked) return walked.error();
    if (auto s = chunker.flush(); !s) return s.error();
    if (index != m.chunks.size())
        return Error{"the roster changed while the bundle was being written; export again"};
    written.entries = chunker.entries();
    written.chunks = chunker.chunks();
    return written;
}

RosterWalk walk_of(const std::vector<RosterPhoto>& photos) {
    return [&photos](const RosterVisitor& visit) -> Status {
        for (const auto& p : photos)
            if (auto s = visit(p.holder, p.bytes, p.claims); !s) return s;
        return success();
    };
}

ByteSink append_to(std::vector<std::uint8_t>& file) {
    return [&file](std::span<const std::uint8_t> bytes) {
        file.insert(file.end(), bytes.begin(), bytes.end());
        return success();
    };
}

void sort_by_holder(std::vector<RosterPhoto>& photos) {
    std::sort(photos.begin(), photos.end(),
              [](const auto& x, const auto& y) { return x.holder < y.holder; });
}

} // namespace

Outcome<WrittenBundle> write_bundle_stream(const KioskBundle& policy, const RosterWalk& roster,
                                           const SigningKey& event_key, const ByteSink& out) {
    BundleManifest m;
    m.bundle = policy;
    RosterDigest digest;
    if (auto s = digest_walk(roster, m, &digest); !s) return s.error();
    m.roster = digest.finish();
    return write_file(m, roster, event_key, out);
}

Outcome<WrittenBundle> write_bundle_delta_stream(const KioskBundle& policy, const DeltaSpec& delta,
                                                 const RosterWalk& changed,
                                                 const SigningKey& event_key, const ByteSink& out) {
    BundleManifest m;
    m.bundle = policy;
    m.base = delta.base;
    m.removed = delta.removed;
    m.roster = delta.roster_after;
    if (auto s = digest_walk(changed, m, nullptr); !s) return s.error();
    return write_file(m, changed, event_key, out);
}

std::vector<std::uint8_t> write_bundle(const KioskBundle& policy, std::vector<RosterPhoto> photos,
                                       const SigningKey& event_key) {
    sort_by_holder(photos);
    std::vector<std::uint8_t> file;
    auto written = write_bundle_stream(policy, walk_of(photos), event_key, append_to(file));
    assert(written && "an in-memory roster is written whole unless an entry is invalid");
    if (!written) return {};
    return file;
}

std::vector<std::uint8_t> write_bundle_delta(const KioskBundle& policy, const DeltaSpec& delta,
                                             std::vector<RosterPhoto> changed,
                                             const SigningKey& event_key) {
    sort_by_holder(changed);
    std::vector<std::uint8_t> file;
    auto written =
        write_bundle_delta_stream(policy, delta, walk_of(changed), event_key, append_to(file));
    assert(written && "an in-memory delta is written whole unless an entry is invalid");
    if (!written) return {};
    return file;
}

RosterSummary summarise_roster(std::vector<RosterPhoto> photos) {
    sort_by_holder(photos);
    RosterDigest digest;
    for (const auto& p : photos)
        (void)digest.add(p.holder, sha256_of(p.bytes));
    return digest.finish();
}

} // namespace accred
