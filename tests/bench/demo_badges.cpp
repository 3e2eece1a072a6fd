#include "demo_badges.h"

#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "issuer/badge_layout.h"
#include "issuer/issuance.h"
#include "issuer/roster_csv.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <algorithm>
#include <map>

namespace accred::bench {

Outcome<std::vector<DemoBadge>> make_demo_badges(std::size_t count, int dpi,
                                                 const std::string& work_dir,
                                                 const std::vector<std::string>& only_ids) {
    const EventDefinition& event = test::demo_event();
    RosterReadOptions o;
    o.source_name = "roster.csv";
    o.photos_dir = test::demo_dir() + "/photos";
    auto text = read_small_file(test::demo_dir() + "/roster.csv", 1 << 20);
    if (!text) return text.error();
    auto people = read_roster_csv(text.value(), event, o);
    if (!people) return people.error();
    const SigningKey key = test::key_from_label(kDemoEventKeyLabel);
    // Delegation codes in roster order, as the desk numbers them.
    std::map<std::string, std::uint32_t> codes;
    for (const Person& p : people.value())
        if (!p.delegation.empty() && !codes.contains(p.delegation))
            codes.emplace(p.delegation, static_cast<std::uint32_t>(codes.size()));

    std::vector<DemoBadge> out;
    std::vector<BadgeContent> contents;
    const ResolvedZone zone = ResolvedZone::resolve_or_unknown(event.time_zone);
    for (const Person& p : people.value()) {
        if (out.size() == count) break;
        if (!only_ids.empty() &&
            std::find(only_ids.begin(), only_ids.end(), p.id) == only_ids.end())
            continue;
        CredentialId cti{};
        std::copy_n(p.id.begin(), std::min<std::size_t>(p.id.size(), 8), cti.begin());
        auto claims = claims_for_person(event, zone, p,
                                        p.delegation.empty() ? std::nullopt
                                                             : std::optional(codes[p.delegation]),
                                        1, 1396000000, cti);
        if (!claims) return claims.error();
        auto credential = sign_credential(claims.value(), key);
        if (!credential) return credential.error();
        const Category* category = event.find_category(p.category);
        BadgeContent b;
        b.holder_id = p.id;
        b.name = p.name;
        b.delegation = p.delegation;
        b.category_name = category ? category->name : p.category;
        b.colour = category ? category->colour : "#808080";
        b.days = "31 March - 1 April 2014";
        b.event_name = event.name;
        b.photo_png = p.photo;
        b.credential = credential.value();
        contents.push_back(b);
        out.push_back({p.id, credential.value(), {}});
    }
    if (Status s = render_badges_png(contents, work_dir, dpi, {}); !s) return s.error();
    for (DemoBadge& b : out) {
        auto image = load_grey_image(work_dir + "/" + b.holder_id + ".png");
        if (!image) return image.error();
        b.badge = std::move(image).value();
    }
    return out;
}

} // namespace accred::bench
