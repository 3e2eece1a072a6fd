// Desk throughput: importing, issuing and printing 10 000 generated delegates, each measured
// against the bare library doing the core of the same work in the same run (libsodium signing,
// ZXing QR encoding), since absolute times drift on shared machines.
//   issuer_bench [PEOPLE]     (default 10000)
#include "crypto/file_io.h"
#include "issuer/badge_layout.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"
#include "issuer/photo_normalize.h"
#include "issuer/qr_writer.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <chrono>
#include <cstdio>
#include <sodium.h>
#include <string>

using namespace accred;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<Person> generate_people(std::size_t count) {
    std::vector<std::string> photos;
    for (const char* id : {"P001", "P002", "P003", "M001", "D001", "S001", "C001", "X001"})
        // As roster import stores them: normalised to a bounded JPEG.
        photos.push_back(normalize_photo(read_small_file(accred::test::demo_dir() + "/photos/" +
                                                             id + ".png",
                                                         1 << 20)
                                             .value())
                             .value());
    static const char* kCategories[] = {"delegate", "speaker", "civil_society", "press"};
    std::vector<Person> people;
    for (std::size_t i = 0; i < count; ++i) {
        Person p;
        char id[32];
        std::snprintf(id, sizeof id, "G%05zu", i);
        p.id = id;
        p.name = "Delegate " + std::to_string(i) + " Lastname-Example";
        p.delegation = "Delegation number " + std::to_string(i % 120);
        p.category = kCategories[i % 4];
        p.days = {{2014, 3, 31}, {2014, 4, 1}};
        p.photo = photos[i % photos.size()];
        people.push_back(std::move(p));
    }
    return people;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 10000;
    const double count = static_cast<double>(n);
    accred::test::TempDir tmp;
    auto desk = Desk::create(tmp.file("desk"), accred::test::demo_event_toml(),
                             accred::test::demo_event(), "bench passphrase",
                             KdfCost::minimum_for_tests());
    if (!desk) return std::fprintf(stderr, "%s\n", desk.error().message.c_str()), 2;
    auto key = desk->unlock_event_key("bench passphrase").value();
    const auto people = generate_people(n);
    const std::uint64_t now = 1396000000;

    auto t = Clock::now();
    if (!desk->import_people(people, now)) return 2;
    const double import_s = seconds_since(t);

    t = Clock::now();
    auto ids = desk->person_ids();
    if (!ids) return 2;
    auto issued = issue_credentials(desk.value(), key, ids.value(), now, {});
    const double issue_s = seconds_since(t);
    if (!issued || issued->issued.size() != n) return std::fprintf(stderr, "issue failed\n"), 2;

    // Bare: Ed25519 signatures of credential-sized messages.
    std::vector<std::uint8_t> message(200, 0x42);
    t = Clock::now();
    for (std::size_t i = 0; i < n; ++i) {
        message[0] = static_cast<std::uint8_t>(i);
        (void)key.sign(message);
    }
    const double sign_s = seconds_since(t);

    // Badges: render everyone to one PDF of A4 sheets.
    std::vector<BadgeContent> badges;
    const auto credentials = desk->credentials().value();
    for (std::size_t i = 0; i < n; ++i) {
        BadgeContent b;
        b.holder_id = people[i].id;
        b.name = people[i].name;
        b.delegation = people[i].delegation;
        b.category_name = "Delegate";
        b.colour = "#1f4e79";
        b.days = "31 March - 1 April 2014";
        b.event_name = "International Conference on Genocide Prevention";
        b.photo_png = std::getenv("NO_PHOTO") ? std::string() : people[i].photo;
        b.credential = credentials[i].text;
        badges.push_back(std::move(b));
    }
    BadgeRenderOptions options;
    options.a4_sheets = true;
    t = Clock::now();
    if (auto s = render_badges_pdf(badges, tmp.file("badges.pdf"), options); !s)
        return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 2;
    const double badges_s = seconds_since(t);

    // Bare: ZXing encoding the same QR codes.
    t = Clock::now();
    for (const auto& c : credentials) (void)render_qr(c.text, 1);
    const double qr_s = seconds_since(t);

    std::printf("issuer benchmark, %zu generated delegates\n", n);
    std::printf("%-34s %12s %12s %10s\n", "stage", "per second", "bare /s", "ratio");
    std::printf("%-34s %12.0f %12s %10s\n", "roster import (SQLite, photos)", count / import_s, "-", "-");
    std::printf("%-34s %12.0f %12.0f %9.2fx\n", "issue (claims+CBOR+sign+store)", count / issue_s,
                count / sign_s, issue_s / sign_s);
    std::printf("%-34s %12.0f %12.0f %9.2fx\n", "badges to PDF (cairo, A4 sheets)", count / badges_s,
                count / qr_s, badges_s / qr_s);
    std::printf("totals: import %.2f s, issue %.2f s, badges %.2f s\n", import_s, issue_s,
                badges_s);
    return 0;
}
