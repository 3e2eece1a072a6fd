#include "kiosk_state.h"

#include "bundle/bundle_reader.h"
#include "bundle/revocation_update.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "kiosk/app/kiosk_install.h"
#include "kiosk/app/replace_file.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace accred {
namespace {

constexpr std::size_t kMaxConfigBytes = 64 * 1024;

Status check_gate(const KioskBundle& bundle, const std::string& gate_id) {
    if (bundle.event.find_gate(gate_id) != nullptr) return success();
    std::string gates;
    for (const auto& g : bundle.event.gates)
        gates += (gates.empty() ? "" : ", ") + g.id;
    return Error{"no gate \"" + gate_id + "\" in this event; its gates are: " + gates};
}

Status make_state_folder(const std::string& dir, const SigningKey& key, std::string_view passphrase,
                         const KdfCost& cost) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec))
        return Error{dir + " already exists and is not empty; a kiosk is enrolled once"};
    if (::mkdir(dir.c_str(), 0700) != 0 && !std::filesystem::is_directory(dir, ec))
        return Error{"cannot create " + dir};
    if (auto s = write_secret_key_file(dir + "/kiosk.key", key, passphrase, cost); !s) return s;
    return write_public_key_file(dir + "/kiosk.pub", key.public_key());
}

// kiosk.json records the versions last installed. Files older than that were put back by
// someone (an older store copied in, the revocation update deleted): refuse to start rather
// than run with a revocation undone. (kiosk.json itself is not signed: this stops a file copied
// back, not someone who also edits kiosk.json.)
Status check_not_rolled_back(const std::string& dir, const nlohmann::json& config,
                             const KioskState& state) {
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
    return success();
}

Status load_revocations(const std::string& dir, KioskState& state) {
    if (!std::filesystem::exists(dir + "/revocations")) return success();
    auto text = read_small_file(dir + "/revocations", kMaxRevocationUpdateBytes);
    if (!text) return text.error();
    auto update = read_revocation_update(as_bytes(text.value()), state.event_key);
    if (!update) return Error{dir + "/revocations: " + update.error().message};
    if (update->version > state.revocations.version) state.revocations = update.value();
    return success();
}

// The bundle store kiosk.json names: a plain file name in DIR (never a path elsewhere).
Outcome<std::string> store_path(const std::string& dir, const nlohmann::json& config) {
    if (!config.contains("bundle_store")) {
        if (std::filesystem::exists(dir + "/bundle"))
            return Error{dir + " holds a bundle of format 1 (" + dir +
                         "/bundle), which this kiosk no longer reads: enrol it again with a "
                         "bundle of format 2 (issuer bundle)"};
        return Error{dir + "/kiosk.json names no bundle store"};
    }
    const auto& name = config["bundle_store"];
    if (!name.is_string() || name.get<std::string>().find('/') != std::string::npos ||
        name.get<std::string>().rfind("bundle-", 0) != 0)
        return Error{dir + "/kiosk.json is damaged (bundle_store)"};
    return dir + "/" + name.get<std::string>();
}

} // namespace

Status save_kiosk_config(const KioskState& s) {
    nlohmann::json j{{"gate", s.gate_id},
                     {"event_key", hex_encode(s.event_key.bytes)},
                     {"bundle_version", s.bundle.version},
                     {"bundle_store", std::filesystem::path(s.store->path()).filename().string()},
                     {"revocations_version", s.revocations.version}};
    const std::string text = j.dump(2) + "\n";
    return replace_file(s.dir + "/kiosk.json", as_bytes(text));
}

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
    auto in = ByteInput::open_file(bundle_file);
    if (!in) return in.error();
    auto reader = BundleReader::open(in.value(), event_key);
    if (!reader) return Error{bundle_file + ": " + reader.error().message};
    if (reader->manifest().is_delta())
        return Error{bundle_file + " is a delta; a kiosk is enrolled with a whole bundle"};
    if (auto s = check_gate(reader->manifest().bundle, gate_id); !s) return s.error();
    if (auto s = make_state_folder(dir, key, passphrase, cost); !s) return s.error();
    auto store = install_whole_bundle(dir, reader.value(), event_key);
    if (!store) return Error{bundle_file + ": " + store.error().message};
    KioskState state;
    state.dir = dir;
    state.gate_id = gate_id;
    state.event_key = event_key;
    state.kiosk_key = key.public_key();
    state.kiosk_id = fingerprint(key.public_key());
    state.bundle = store.value()->manifest().bundle;
    state.revocations = state.bundle.revocations;
    state.store = std::move(store).value();
    if (auto s = save_kiosk_config(state); !s) return s.error();
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
    auto path = store_path(dir, config);
    if (!path) return path.error();
    auto store = BundleStore::open(path.value(), *event_key);
    if (!store) return store.error();
    KioskState state;
    state.dir = dir;
    state.gate_id = config["gate"].get<std::string>();
    state.event_key = *event_key;
    state.kiosk_key = kiosk_key.value();
    state.kiosk_id = fingerprint(kiosk_key.value());
    state.bundle = store->manifest().bundle;
    state.revocations = state.bundle.revocations;
    state.store = std::make_shared<BundleStore>(std::move(store).value());
    if (state.bundle.event.find_gate(state.gate_id) == nullptr)
        return Error{"the bundle in force has no gate " + state.gate_id};
    if (auto s = load_revocations(dir, state); !s) return s.error();
    if (auto s = check_not_rolled_back(dir, config, state); !s) return s.error();
    return state;
}

} // namespace accred
