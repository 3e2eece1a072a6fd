#include "kiosk_state.h"

#include "bundle/bundle_file.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "kiosk/app/replace_file.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace accred {
namespace {

constexpr std::size_t kMaxConfigBytes = 64 * 1024;

Outcome<std::vector<std::uint8_t>> read_bytes(const std::string& path, std::size_t max) {
    auto text = read_small_file(path, max);
    if (!text) return text.error();
    return std::vector<std::uint8_t>(text->begin(), text->end());
}

Status save_config(const KioskState& s) {
    nlohmann::json j{{"gate", s.gate_id},
                     {"event_key", hex_encode(s.event_key.bytes)},
                     {"bundle_version", s.bundle.version},
                     {"revocations_version", s.revocations.version}};
    const std::string text = j.dump(2) + "\n";
    return replace_file(s.dir + "/kiosk.json", as_bytes(text));
}

} // namespace

Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost) {
    return enroll_kiosk(dir, bundle_file, event_key, gate_id, passphrase, cost,
                        SigningKey::generate());
}

Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost,
                                 const SigningKey& key) {
    auto bytes = read_bytes(bundle_file, kMaxBundleBytes);
    if (!bytes) return bytes.error();
    auto bundle = read_bundle(bytes.value(), event_key);
    if (!bundle) return Error{bundle_file + ": " + bundle.error().message};
    if (bundle->event.find_gate(gate_id) == nullptr) {
        std::string gates;
        for (const auto& g : bundle->event.gates)
            gates += (gates.empty() ? "" : ", ") + g.id;
        return Error{"no gate \"" + gate_id + "\" in this event; its gates are: " + gates};
    }
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec))
        return Error{dir + " already exists and is not empty; a kiosk is enrolled once"};
    if (::mkdir(dir.c_str(), 0700) != 0 && !std::filesystem::is_directory(dir, ec))
        return Error{"cannot create " + dir};
    if (auto s = write_secret_key_file(dir + "/kiosk.key", key, passphrase, cost); !s)
        return s.error();
    if (auto s = write_public_key_file(dir + "/kiosk.pub", key.public_key()); !s) return s.error();
    if (auto s = write_new_file(dir + "/bundle", bytes.value(), 0644); !s) return s.error();
    KioskState state;
    state.dir = dir;
    state.gate_id = gate_id;
    state.event_key = event_key;
    state.kiosk_key = key.public_key();
    state.kiosk_id = fingerprint(key.public_key());
    state.revocations = bundle->revocations;
    state.bundle = std::move(bundle).value();
    if (auto s = save_config(state); !s) return s.error();
    return state;
}

Outcome<KioskState> load_kiosk(const std::string& dir) {
    auto config_text = read_small_file(dir + "/kiosk.json", kMaxConfigBytes);
    if (!config_text)
        return Error{dir + " is not an enrolled kiosk (" + config_text.error().message + ")"};
    const auto config = nlohmann::json::parse(config_text.value(), nullptr, false);
    if (config.is_discarded() || !config.is_object() || !config.contains("gate") ||
        !config["gate"].is_string() || !config.contains("event_key") ||
        !config["event_key"].is_string())
        return Error{dir + "/kiosk.json is damaged"};
    auto key_bytes = hex_decode(config["event_key"].get<std::string>());
    auto event_key = key_bytes ? public_key_from_bytes(*key_bytes) : std::nullopt;
    if (!event_key) return Error{dir + "/kiosk.json: the pinned event key is damaged"};
    auto kiosk_key = read_public_key_file(dir + "/kiosk.pub");
    if (!kiosk_key) return kiosk_key.error();
    auto bytes = read_bytes(dir + "/bundle", kMaxBundleBytes);
    if (!bytes) return bytes.error();
    auto bundle = read_bundle(bytes.value(), *event_key);
    if (!bundle) return Error{dir + "/bundle: " + bundle.error().message};
    KioskState state;
    state.dir = dir;
    state.gate_id = config["gate"].get<std::string>();
    state.event_key = *event_key;
    state.kiosk_key = kiosk_key.value();
    state.kiosk_id = fingerprint(kiosk_key.value());
    state.revocations = bundle->revocations;
    state.bundle = std::move(bundle).value();
    if (state.bundle.event.find_gate(state.gate_id) == nullptr)
        return Error{"the bundle in force has no gate " + state.gate_id};
    if (std::filesystem::exists(dir + "/revocations")) {
        auto update_bytes = read_bytes(dir + "/revocations", kMaxRevocationUpdateBytes);
        if (!update_bytes) return update_bytes.error();
        auto update = read_revocation_update(update_bytes.value(), *event_key);
        if (!update) return Error{dir + "/revocations: " + update.error().message};
        if (update->version > state.revocations.version) state.revocations = update.value();
    }
    // kiosk.json records the versions last installed. Files older than that were put back by
    // someone (an older signed bundle copied in, the revocation update deleted): refuse to start
    // rather than run with a revocation undone. (kiosk.json itself is not signed: this stops a
    // file copied back, not someone who also edits kiosk.json.)
    for (const auto& [field, in_force] :
         {std::pair{"bundle_version", state.bundle.version},
          std::pair{"revocations_version", state.revocations.version}}) {
        if (!config.contains(field)) continue;
        if (!config[field].is_number_unsigned()) return Error{dir + "/kiosk.json is damaged"};
        const auto installed = config[field].get<std::uint64_t>();
        if (in_force < installed)
            return Error{
                dir + ": the " +
                std::string(field == std::string("bundle_version") ? "bundle" : "revocation list") +
                " on disk is version " + std::to_string(in_force) + ", older than version " +
                std::to_string(installed) +
                " installed before; an older file was put back. Install the current "
                "one with kiosk update, or re-enrol the kiosk"};
    }
    return state;
}

Outcome<std::string> update_kiosk(KioskState& state, const std::string& file) {
    auto bytes = read_bytes(file, kMaxBundleBytes);
    if (!bytes) return bytes.error();
    return install_update_bytes(state, bytes.value(), file);
}

Outcome<std::string> install_update_bytes(KioskState& state, std::span<const std::uint8_t> bytes,
                                          const std::string& file) {
    const std::string current = " (in force: bundle " + std::to_string(state.bundle.version) +
                                ", revocations " + std::to_string(state.revocations.version) + ")";
    if (bytes.size() > kMaxBundleBytes)
        return Error{file + " is larger than any bundle (" + std::to_string(bytes.size()) +
                     " bytes); refused"};
    if (auto bundle = read_bundle(bytes, state.event_key)) {
        if (bundle->event.id != state.bundle.event.id)
            return Error{file + " is for another event (" + bundle->event.id + ")"};
        if (bundle->version <= state.bundle.version)
            return Error{file + " is bundle version " + std::to_string(bundle->version) +
                         ", not newer than the one in force; refused" + current};
        if (bundle->event.find_gate(state.gate_id) == nullptr)
            return Error{file + " has no gate " + state.gate_id + "; refused"};
        if (auto s = replace_file(state.dir + "/bundle", bytes); !s) return s.error();
        state.bundle = std::move(bundle).value();
        if (state.bundle.revocations.version > state.revocations.version)
            state.revocations = state.bundle.revocations;
        if (auto s = save_config(state); !s) return s.error();
        return "installed bundle version " + std::to_string(state.bundle.version);
    }
    auto update = read_revocation_update(bytes, state.event_key);
    if (!update)
        return Error{file +
                     " is neither a bundle nor a revocation update signed by this event's "
                     "key (" +
                     update.error().message + "); refused"};
    if (update->event_id != state.bundle.event.id)
        return Error{file + " is for another event (" + update->event_id + ")"};
    if (update->version <= state.revocations.version)
        return Error{file + " is revocation version " + std::to_string(update->version) +
                     ", not newer than the one in force; refused" + current};
    if (auto s = replace_file(state.dir + "/revocations", bytes); !s) return s.error();
    state.revocations = update.value();
    if (auto s = save_config(state); !s) return s.error();
    return "installed revocation update version " + std::to_string(update->version) + " (" +
           std::to_string(update->revoked.size()) + " revoked)";
}

} // namespace accred
