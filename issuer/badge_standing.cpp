#include "badge_standing.h"

#include "crypto/credential.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <thread>

namespace accred {

namespace {

constexpr std::array<std::string_view, 7> kNames = {
    "withdrawn", "superseded", "revoked", "not_yet_valid", "expired", "valid", "not_issued"};

} // namespace

std::string_view badge_state_name(BadgeState state) {
    return kNames[static_cast<std::size_t>(state)];
}

std::optional<BadgeState> parse_badge_state(std::string_view text) {
    std::string underscored(text);
    for (char& c : underscored)
        if (c == '-') c = '_';
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == underscored) return static_cast<BadgeState>(i);
    return std::nullopt;
}

BadgeStanding judge_badge(const StoredCredential* badge, const Claims* claims,
                          const StoredCredential* newest, const Withdrawal* withdrawal,
                          std::uint64_t now) {
    BadgeStanding s;
    if (newest) s.current_issue = newest->issue;
    if (withdrawal) s.withdrawal = *withdrawal;
    if (!badge) return s;
    s.revoked_reason = badge->revoked_reason;
    if (withdrawal)
        s.state = BadgeState::withdrawn;
    else if (newest && newest->issue > badge->issue)
        s.state = BadgeState::superseded;
    else if (badge->revoked_reason)
        s.state = BadgeState::revoked;
    else if (claims && now < claims->nbf)
        s.state = BadgeState::not_yet_valid;
    else if (claims && now >= claims->exp)
        s.state = BadgeState::expired;
    else
        s.state = BadgeState::valid;
    return s;
}

namespace {

TrustStore desk_trust(const Desk& desk) {
    TrustStore trusted;
    trusted.add(desk.event_public_key());
    return trusted;
}

Outcome<Claims> verified_claims(const TrustStore& trusted, const StoredCredential& badge) {
    const Verification v = verify_credential(badge.text, trusted);
    if (!v.ok())
        return Error{badge.holder + " issue " + std::to_string(badge.issue) +
                     ": the stored badge does not verify (" + v.detail() + ")"};
    return v.claims();
}

} // namespace

Outcome<Claims> stored_claims(const Desk& desk, const StoredCredential& badge) {
    return verified_claims(desk_trust(desk), badge);
}

Outcome<std::vector<Claims>> stored_claims_of(const Desk& desk,
                                              std::span<const StoredCredential* const> badges) {
    // Small lists are not worth a thread; each worker takes every n-th badge, so all finish
    // together whatever the order, and writes only its own slots.
    constexpr std::size_t kBadgesPerThread = 512;
    const std::size_t threads = std::clamp<std::size_t>(
        badges.size() / kBadgesPerThread, 1, std::max(1u, std::thread::hardware_concurrency()));
    const TrustStore trusted = desk_trust(desk); // only read by the workers
    std::vector<std::optional<Outcome<Claims>>> read(badges.size());
    const auto work = [&](std::size_t first) {
        for (std::size_t i = first; i < badges.size(); i += threads)
            read[i] = verified_claims(trusted, *badges[i]);
    };
    {
        std::vector<std::jthread> workers;
        for (std::size_t t = 1; t < threads; ++t)
            workers.emplace_back(work, t);
        work(0);
    } // joined here
    std::vector<Claims> claims;
    claims.reserve(badges.size());
    for (auto& r : read) {
        assert(r.has_value()); // every slot was written by exactly one worker
        if (!*r) return r->error();
        claims.push_back(std::move(*r).value());
    }
    return claims;
}

Outcome<BadgeStanding> desk_standing(Desk& desk, const Claims& claims, std::uint64_t now) {
    auto stored = desk.credential_by_cti(claims.cti);
    if (!stored) return stored.error();
    auto newest = desk.latest_credential(claims.sub);
    if (!newest) return newest.error();
    auto withdrawal = desk.withdrawal(claims.sub);
    if (!withdrawal) return withdrawal.error();
    const StoredCredential* badge = stored.value() ? &*stored.value() : nullptr;
    const StoredCredential* last = newest.value() ? &*newest.value() : nullptr;
    const Withdrawal* w = withdrawal.value() ? &*withdrawal.value() : nullptr;
    return judge_badge(badge, &claims, last, w, now);
}

} // namespace accred
