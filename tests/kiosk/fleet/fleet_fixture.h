// What the kiosk's fleet tests share: a demo-event gate fixture with a second entry gate into the
// grounds (so that presence crosses kiosks), signed updates for it, and a real fleet CA with a
// certificate for a kiosk. Kept apart from sync_messages.h users: bundle/bundle_file.h and
// fleet/protocol/sync_messages.h both define kMaxRevocationUpdateBytes.
#pragma once

#include "kiosk/gate_fixture.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace accred::test {

// The bundle's issue time in every fleet test, and a time on day one when the grounds are open.
inline const std::int64_t kFleetBundleTime = brussels(28, 3, 9) + 3600;
inline const std::int64_t kDayOne = brussels(31, 3, 9);

// The demo event plus "side_gate": another hard anti-passback entry into the grounds.
std::unique_ptr<GateFixture> make_fleet_fixture();

// The credential id the fixture gives person id (its first 8 bytes, zero-padded).
std::array<std::uint8_t, 8> fixture_cti(const std::string& id);

// A revocation update of the fixture's event revoking ids, version version, signed by key
// (the event key when null), for event_id (the fixture's when empty).
std::vector<std::uint8_t> revocation_update(GateFixture& f, std::uint64_t version,
                                            const std::vector<std::string>& revoked_ids,
                                            const SigningKey* key = nullptr,
                                            const std::string& event_id = {});
// The fixture's bundle again as version, signed by the event key.
std::vector<std::uint8_t> bundle_version(GateFixture& f, std::uint64_t version);

// A desk's fleet CA (in desk_dir, serving 127.0.0.1) and a certificate for the kiosk at gate.
struct FleetPki {
    std::string desk_dir;
    std::string passphrase;
    std::string ca_pem;
    std::string cert_pem;
};
FleetPki make_fleet_pki(GateFixture& f, const std::string& gate);

// The kiosk key of the kiosk at gate (the fixture's passphrase).
SigningKey kiosk_key(GateFixture& f, const std::string& gate);

} // namespace accred::test
