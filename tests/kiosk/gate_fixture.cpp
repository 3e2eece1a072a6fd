#include "gate_fixture.h"

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "crypto/claims_cbor.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "issuer/issuance.h"
#include "issuer/qr_writer.h"
#include "issuer/roster_csv.h"
#include "scan/qr_reader.h"
#include "support/demo_event.h"

#include <ZXing/ImageView.h>
#include <catch2/catch.hpp>
#include <ctime>

namespace accred::test {

std::int64_t brussels(int day, int month, int hour, int minute) {
    std::tm tm{};
    tm.tm_year = 2014 - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    return static_cast<std::int64_t>(timegm(&tm)) - 2 * 3600; // CEST from 30 March 2014
}

GateFixture::GateFixture(std::int64_t bundle_issued_at,
                         const std::function<void(KioskBundle&)>& edit,
                         const std::function<void(std::vector<RosterPhoto>&)>& edit_photos)
    : event_key_(key_from_label("gate fixture event key")) {
    RosterReadOptions o;
    o.source_name = "roster.csv";
    o.photos_dir = demo_dir() + "/photos";
    auto text = read_small_file(demo_dir() + "/roster.csv", 1 << 20);
    REQUIRE(text);
    auto people = read_roster_csv(text.value(), demo_event(), o);
    REQUIRE(people);
    std::map<std::string, std::uint32_t> codes;
    for (auto& p : people.value()) {
        if (!p.delegation.empty() && !codes.contains(p.delegation)) {
            const auto code = static_cast<std::uint32_t>(codes.size());
            codes[p.delegation] = code;
            bundle_.delegations[code] = p.delegation;
        }
        photos_.push_back({p.id, p.photo, {}});
        people_[p.id] = p;
    }
    const ResolvedZone zone = ResolvedZone::resolve_or_unknown(demo_event().time_zone);
    for (const auto& [id, p] : people_) {
        CredentialId cti{};
        std::copy_n(id.begin(), std::min<std::size_t>(id.size(), 8), cti.begin());
        auto claims = claims_for_person(demo_event(), zone, p,
                                        p.delegation.empty() ? std::nullopt
                                                             : std::optional(codes[p.delegation]),
                                        1, 1396000000, cti);
        REQUIRE(claims);
        credentials_[id] = sign_credential(claims.value(), event_key_).value();
        // The bundle carries each holder's claims, as the desk's export does (manual lookup).
        const auto encoded = claims_encode(claims.value());
        REQUIRE(encoded);
        for (auto& photo : photos_)
            if (photo.holder == id) photo.claims.assign(encoded->begin(), encoded->end());
    }
    bundle_.version = 1;
    bundle_.issued_at = static_cast<std::uint64_t>(bundle_issued_at);
    bundle_.event = demo_event();
    bundle_.credential_keys = {event_key_.public_key()};
    bundle_.revocations.event_id = bundle_.event.id;
    bundle_.revocations.version = 1;
    bundle_.revocations.issued_at = bundle_.issued_at;
    // Scenarios span both event days from one bundle: a week's age keeps the revocation data
    // fresh unless a test sets the event's real maximum to test staleness.
    bundle_.revocations.max_age_minutes = 7 * 24 * 60;
    if (edit) edit(bundle_);
    if (edit_photos) edit_photos(photos_);
    bundle_file_ = tmp_.file("kiosk.bundle");
    REQUIRE(write_new_file(bundle_file_, signed_bundle(bundle_), 0644));
}

std::vector<std::uint8_t> GateFixture::signed_bundle(const KioskBundle& policy,
                                                     const std::vector<RosterPhoto>* photos,
                                                     const SigningKey* key) const {
    return write_bundle(policy, photos ? *photos : photos_, key ? *key : event_key_);
}

const std::string& GateFixture::credential(const std::string& id) {
    REQUIRE(credentials_.contains(id));
    return credentials_.at(id);
}

std::string GateFixture::credential_with(const std::string& id,
                                         const std::function<void(Claims&)>& change,
                                         const SigningKey* key) {
    TrustStore trust;
    trust.add(event_key_.public_key());
    const Verification v = verify_credential(credential(id), trust);
    REQUIRE(v.ok());
    Claims c = v.claims();
    change(c);
    return sign_credential(c, key ? *key : event_key_).value();
}

std::string GateFixture::through_camera(const std::string& text) {
    auto symbol = render_qr(text, 3);
    REQUIRE(symbol);
    ZXing::ImageView view(symbol->image.pixels.data(), symbol->image.width, symbol->image.height,
                          ZXing::ImageFormat::Lum);
    auto read = read_qr(view);
    REQUIRE(read);
    return read->bytes;
}

GateEngine& GateFixture::kiosk(const std::string& gate) {
    if (auto it = kiosks_.find(gate); it != kiosks_.end()) return *it->second;
    auto state = enroll_kiosk(tmp_.file("kiosk-" + gate), bundle_file_, event_key_.public_key(),
                              gate, "kiosk passphrase", KdfCost::minimum_for_tests());
    REQUIRE(state);
    return start(gate, std::move(state).value());
}

GateEngine& GateFixture::restart(const std::string& gate) {
    const std::string dir = kiosk(gate).state().dir;
    kiosks_.erase(gate); // closes the log
    auto state = load_kiosk(dir);
    REQUIRE(state);
    return start(gate, std::move(state).value());
}

GateEngine& GateFixture::start(const std::string& gate, KioskState state) {
    auto key = read_secret_key_file(state.dir + "/kiosk.key", "kiosk passphrase");
    REQUIRE(key);
    auto engine = GateEngine::start(std::move(state), std::move(key).value(), {});
    REQUIRE(engine);
    auto& slot = kiosks_[gate];
    slot = std::make_unique<GateEngine>(std::move(engine).value());
    return *slot;
}

} // namespace accred::test
