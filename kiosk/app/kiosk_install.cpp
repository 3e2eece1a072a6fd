#include "kiosk_install.h"

#include "bundle/revocation_update.h"
#include "kiosk/app/replace_file.h"

#include <cstdio>

namespace accred {
namespace {

std::string in_force(const InstallBasis& b) {
    return " (in force: bundle " + std::to_string(b.bundle_version) + ", revocations " +
           std::to_string(b.revocations_version) + ")";
}

Outcome<StagedUpdate> stage_bundle(const InstallBasis& basis, ByteInput& in) {
    auto reader = BundleReader::open(in, basis.event_key);
    if (!reader) return Error{in.name() + ": " + reader.error().message + "; refused"};
    const BundleManifest& m = reader->manifest();
    if (m.bundle.event.id != basis.event_id)
        return Error{in.name() + " is for another event (" + m.bundle.event.id + ")"};
    if (m.bundle.version <= basis.bundle_version)
        return Error{in.name() + " is bundle version " + std::to_string(m.bundle.version) +
                     ", not newer than the one in force; refused" + in_force(basis)};
    if (m.bundle.event.find_gate(basis.gate_id) == nullptr)
        return Error{in.name() + " has no gate " + basis.gate_id + "; refused"};
    StagedUpdate staged;
    if (!m.is_delta()) {
        auto store = install_whole_bundle(basis.dir, reader.value(), basis.event_key);
        if (!store) return Error{in.name() + ": " + store.error().message + "; refused"};
        staged.store = std::move(store).value();
        staged.whole = true;
        staged.line = "installed bundle version " + std::to_string(m.bundle.version);
        return staged;
    }
    // A connection of its own on the store in force: the engine's keeps reading beside it.
    // apply_delta checks the roster digest over the result: not scanned at open as well.
    auto store =
        BundleStore::open(basis.store_path, basis.event_key, BundleStore::RosterCheck::skip);
    if (!store) return store.error();
    if (auto s = store->apply_delta(reader.value()); !s)
        return Error{in.name() + ": " + s.error().message + "; refused"};
    staged.line = "installed bundle version " + std::to_string(m.bundle.version) +
                  " (a delta on version " + std::to_string(*m.base) + ", " +
                  std::to_string(m.removed.size()) + " removed; the roster now holds " +
                  std::to_string(m.roster.people) + " people)";
    staged.store = std::make_shared<BundleStore>(std::move(store).value());
    return staged;
}

Outcome<StagedUpdate> stage_revocations(const InstallBasis& basis, ByteInput& in) {
    if (in.size() > kMaxRevocationUpdateBytes)
        return Error{in.name() + " is neither a bundle of format 2 nor a revocation update (" +
                     std::to_string(in.size()) +
                     " bytes); a bundle of format 1 is no longer read: export it again with "
                     "issuer bundle"};
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(in.size()));
    if (auto s = in.read_exact(bytes); !s) return s.error();
    auto update = read_revocation_update(bytes, basis.event_key);
    if (!update)
        return Error{in.name() +
                     " is neither a bundle (format 2) nor a revocation update signed by this "
                     "event's key (" +
                     update.error().message + "); refused"};
    if (update->event_id != basis.event_id)
        return Error{in.name() + " is for another event (" + update->event_id + ")"};
    if (update->version <= basis.revocations_version)
        return Error{in.name() + " is revocation version " + std::to_string(update->version) +
                     ", not newer than the one in force; refused" + in_force(basis)};
    StagedUpdate staged;
    staged.line = "installed revocation update version " + std::to_string(update->version) + " (" +
                  std::to_string(update->revoked.size()) + " revoked)";
    staged.revocations = std::move(update).value();
    staged.revocation_file = std::move(bytes);
    return staged;
}

} // namespace

InstallBasis install_basis(const KioskState& state) {
    InstallBasis b;
    b.dir = state.dir;
    b.gate_id = state.gate_id;
    b.event_id = state.bundle.event.id;
    b.store_path = state.store ? state.store->path() : std::string();
    b.event_key = state.event_key;
    b.bundle_version = state.bundle.version;
    b.revocations_version = state.revocations.version;
    return b;
}

Outcome<StagedUpdate> stage_update(const InstallBasis& basis, ByteInput& in) {
    const int first = in.peek();
    if (first < 0) return Error{in.name() + " is empty; refused"};
    const std::uint8_t byte = static_cast<std::uint8_t>(first);
    if (looks_like_bundle(std::span(&byte, 1))) return stage_bundle(basis, in);
    return stage_revocations(basis, in);
}

Outcome<std::string> commit_update(KioskState& state, StagedUpdate staged) {
    if (staged.store) {
        const BundleManifest& m = staged.store->manifest();
        if (m.bundle.version <= state.bundle.version)
            return Error{"bundle version " + std::to_string(m.bundle.version) +
                         " came after a newer one; dropped"};
        const std::string old_path = state.store ? state.store->path() : std::string();
        state.bundle = m.bundle;
        state.store = std::move(staged.store);
        if (state.bundle.revocations.version > state.revocations.version)
            state.revocations = state.bundle.revocations;
        if (auto s = save_kiosk_config(state); !s) return s.error();
        // The replaced store is no longer named by kiosk.json: its file goes (kept open by a
        // copy of the old state, if any, until that copy goes).
        if (staged.whole && !old_path.empty() && old_path != state.store->path())
            for (const char* suffix : {"", "-wal", "-shm"})
                (void)remove_file_durably(old_path + suffix);
        return staged.line;
    }
    if (!staged.revocations) return Error{"nothing to install"};
    if (staged.revocations->version <= state.revocations.version)
        return Error{"revocation version " + std::to_string(staged.revocations->version) +
                     " came after a newer one; dropped"};
    if (auto s = replace_file(state.dir + "/revocations", staged.revocation_file); !s)
        return s.error();
    state.revocations = std::move(*staged.revocations);
    if (auto s = save_kiosk_config(state); !s) return s.error();
    return staged.line;
}

Outcome<std::string> update_kiosk(KioskState& state, const std::string& file) {
    auto in = ByteInput::open_file(file);
    if (!in) return in.error();
    auto staged = stage_update(install_basis(state), in.value());
    if (!staged) return staged.error();
    return commit_update(state, std::move(staged).value());
}

Outcome<std::string> install_update_bytes(KioskState& state, std::span<const std::uint8_t> bytes,
                                          const std::string& what) {
    ByteInput in(bytes, what);
    auto staged = stage_update(install_basis(state), in);
    if (!staged) return staged.error();
    return commit_update(state, std::move(staged).value());
}

Outcome<std::shared_ptr<BundleStore>>
install_whole_bundle(const std::string& dir, BundleReader& reader, const PublicKey& event_key) {
    const std::string path =
        dir + "/bundle-" + std::to_string(reader.manifest().bundle.version) + ".db";
    const std::string part = path + ".part";
    for (const auto& leftover : {part, path})
        std::remove(leftover.c_str());
    if (auto s = BundleStore::create(part, reader); !s) return s.error();
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        return Error{"cannot put " + path + " in place"};
    }
    auto store = BundleStore::open(path, event_key);
    if (!store) return store.error();
    return std::make_shared<BundleStore>(std::move(store).value());
}

} // namespace accred
