// A demo-event kiosk for scenario tests: an event key, credentials for demo roster people, a
// signed bundle, an enrolled kiosk state folder with a real SQLite log, and badges that reach the
// engine the way a camera would: rendered as QR images and read back by ZXing.
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/signing_key.h"
#include "issuer/person.h"
#include "kiosk/app/gate_engine.h"
#include "support/test_support.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace accred::test {

// UTC seconds for a local Brussels time on the event days (summer time, UTC+2).
std::int64_t brussels(int day_of_march_or_april, int month, int hour, int minute = 0);

class GateFixture {
  public:
    // bundle_issued_at: UTC seconds; edit(bundle) may change the policy before signing, and
    // edit_photos(photos) the roster's photos.
    explicit GateFixture(std::int64_t bundle_issued_at,
                         const std::function<void(KioskBundle&)>& edit = {},
                         const std::function<void(std::vector<RosterPhoto>&)>& edit_photos = {});

    // The current credential of a demo roster person (issue 1 unless reissued here).
    const std::string& credential(const std::string& id);
    // Signs claims for person id with changes applied (e.g. another event id, issue number).
    std::string credential_with(const std::string& id, const std::function<void(Claims&)>& change,
                                const SigningKey* key = nullptr);
    // The credential's bytes as ZXing reads them from a rendered QR image.
    static std::string through_camera(const std::string& text);

    // A kiosk at gate (enrolled in its own state folder, same bundle, real log).
    GateEngine& kiosk(const std::string& gate);
    // The kiosk at gate stopped and started again from its state folder, as after a power cut.
    GateEngine& restart(const std::string& gate);
    const KioskBundle& bundle() const { return bundle_; }
    // The demo roster's photos, as the fixture's bundle carries them.
    const std::vector<RosterPhoto>& photos() const { return photos_; }
    // A whole bundle of policy with photos (the fixture's unless given), signed by the
    // fixture's event key unless key is given.
    std::vector<std::uint8_t> signed_bundle(const KioskBundle& policy,
                                            const std::vector<RosterPhoto>* photos = nullptr,
                                            const SigningKey* key = nullptr) const;
    const SigningKey& event_key() const { return event_key_; }
    std::string dir() const { return tmp_.path().string(); }

  private:
    // Starts the engine for gate on state, with the fixture's kiosk passphrase.
    GateEngine& start(const std::string& gate, KioskState state);

    TempDir tmp_;
    SigningKey event_key_;
    KioskBundle bundle_;
    std::vector<RosterPhoto> photos_;
    std::string bundle_file_;
    std::map<std::string, Person> people_;
    std::map<std::string, std::string> credentials_;
    std::map<std::string, std::unique_ptr<GateEngine>> kiosks_;
};

} // namespace accred::test
