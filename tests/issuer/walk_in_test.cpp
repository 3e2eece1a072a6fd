// Walk-in registration must say exactly what the roster import says for the same mistakes: each
// form is also read as a one-row roster CSV and the messages compared.
#include "crypto/file_io.h"
#include "issuer/photo_normalize.h"
#include "issuer/roster_csv.h"
#include "issuer/walk_in.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

using namespace accred;

namespace {

const std::string kHeader = "id,name,delegation,category,days,zones,photo,escort_of\n";
const std::set<std::string> kKnown = {"P001", "P002"};

std::string demo_photo() {
    return read_small_file(accred::test::demo_dir() + "/photos/P002.png", 1 << 22).value();
}

std::string csv_field(const std::string& s) {
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The same form as a one-row roster, its photo written to dir as form.photo_name: the import's
// messages without their "roster.csv:2: " prefix, or the person when the roster is good.
struct CsvOutcome {
    std::vector<std::string> messages;
    std::optional<Person> person;
};
CsvOutcome read_as_csv(const WalkInForm& form, const accred::test::TempDir& dir,
                       bool write_photo = true) {
    if (write_photo && !std::filesystem::exists(dir.file(form.photo_name)))
        REQUIRE(write_new_file(dir.file(form.photo_name), as_bytes(form.photo), 0600));
    std::string row;
    for (const std::string* f : {&form.id, &form.name, &form.delegation, &form.category, &form.days,
                                 &form.zones, &form.photo_name, &form.escort_of})
        row += (row.empty() ? "" : ",") + csv_field(*f);
    RosterReadOptions options;
    options.source_name = "roster.csv";
    options.photos_dir = dir.path().string();
    options.known_ids = kKnown;
    auto read = read_roster_csv(kHeader + row + "\n", accred::test::demo_event(), options);
    CsvOutcome out;
    if (read) {
        REQUIRE(read->size() == 1);
        out.person = read->front();
        return out;
    }
    std::string line;
    std::istringstream lines(read.error().message);
    while (std::getline(lines, line)) {
        REQUIRE(line.starts_with("roster.csv:2: "));
        out.messages.push_back(line.substr(14));
    }
    return out;
}

// The walk-in's messages, a run of the same one said once as the import says it once per row
// (a field over 256 bytes); with "X is already on the roster" first when the id is taken, which
// the import takes for an update.
std::vector<std::string> messages_of(const WalkInCheck& check) {
    std::vector<std::string> out;
    for (const auto& p : check.problems)
        if (out.empty() || out.back() != p.message) out.push_back(p.message);
    return out;
}

WalkInForm good_form() {
    WalkInForm f;
    f.id = "W001";
    f.name = "Élodie Dûbois-Łukasz";
    f.delegation = "UN";
    f.category = "delegate";
    f.days = "2014-04-01;2014-03-31";
    f.zones = "";
    f.photo = demo_photo();
    f.photo_name = "upload.png";
    return f;
}

} // namespace

TEST_CASE("A good walk-in is the person the roster import would read", "[walk_in]") {
    accred::test::TempDir dir;
    const WalkInForm form = good_form();
    const WalkInCheck check = check_walk_in(form, accred::test::demo_event(), kKnown);
    CHECK(check.problems.empty());
    REQUIRE(check.person);
    CHECK(check.person->photo == normalize_photo(form.photo).value());
    CHECK(check.person->days == std::vector<LocalDate>{{2014, 3, 31}, {2014, 4, 1}});
    const CsvOutcome csv = read_as_csv(form, dir);
    REQUIRE(csv.person);
    CHECK(*csv.person == *check.person);
}

TEST_CASE("A walk-in's mistakes are the import's, each on its field", "[walk_in]") {
    accred::test::TempDir dir;
    WalkInForm form = good_form();
    form.name = "Bad\x01Name";
    form.category = "emperor";
    form.days = "2014-05-01;31/03/2014";
    form.zones = "throne_room";
    form.escort_of = "NOBODY";
    form.photo = "not an image at all";
    form.photo_name = "notes.txt";
    const WalkInCheck check = check_walk_in(form, accred::test::demo_event(), kKnown);
    CHECK_FALSE(check.person);
    std::vector<std::string> fields;
    for (const auto& p : check.problems)
        fields.push_back(p.field);
    CHECK(fields == std::vector<std::string>{"name", "category", "days", "days", "zones", "photo",
                                             "escort_of"});
    CHECK(check.problems[5].message == "photo notes.txt: not a PNG or JPEG image");
    CHECK(messages_of(check) == read_as_csv(form, dir).messages);
}

TEST_CASE("A walk-in's photo over the size limit is refused as the import refuses the file",
          "[walk_in]") {
    accred::test::TempDir dir;
    WalkInForm form = good_form();
    form.photo.resize(kMaxPhotoFileBytes + 1, '\0');
    form.photo_name = "big.png";
    const WalkInCheck check = check_walk_in(form, accred::test::demo_event(), kKnown);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].field == "photo");
    CHECK(check.problems[0].message ==
          "photo big.png: the file is too large (4194305 bytes; at most 4194304)");
    CHECK(messages_of(check) == read_as_csv(form, dir).messages);
}

TEST_CASE("A walk-in is someone new, with a photo, escorting someone known", "[walk_in]") {
    WalkInForm form = good_form();
    form.id = "P001";
    auto check = check_walk_in(form, accred::test::demo_event(), kKnown);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].field == "id");
    CHECK(check.problems[0].message == "P001 is already on the roster");

    form = good_form();
    form.photo.clear();
    check = check_walk_in(form, accred::test::demo_event(), kKnown);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].field == "photo");
    CHECK(check.problems[0].message == "no photo given");

    form = good_form();
    form.category = "close_protection";
    form.escort_of = "P001"; // at the desk already
    check = check_walk_in(form, accred::test::demo_event(), kKnown);
    CHECK(check.problems.empty());
    REQUIRE(check.person);
    CHECK(check.person->escort_of == "P001");

    form.escort_of = form.id;
    check = check_walk_in(form, accred::test::demo_event(), kKnown);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].message == "a person cannot escort themselves");
}

TEST_CASE("A field over 256 bytes stops the check, as it stops the import's row", "[walk_in]") {
    accred::test::TempDir dir;
    WalkInForm form = good_form();
    form.name = std::string(300, 'x');
    form.zones = std::string(257, 'z');
    form.category = "emperor"; // not reported: the row is not read further
    const WalkInCheck check = check_walk_in(form, accred::test::demo_event(), kKnown);
    REQUIRE(check.problems.size() == 2);
    CHECK(check.problems[0].field == "name");
    CHECK(check.problems[1].field == "zones");
    CHECK(messages_of(check) == std::vector<std::string>{"a field is longer than 256 bytes"});
    CHECK(messages_of(check) == read_as_csv(form, dir).messages);
}

TEST_CASE("Walk-in checks agree with the import over 150 random forms (seed 20261206)",
          "[walk_in]") {
    std::mt19937 rng(20261206);
    // Each field is good four times in five, else one of its mistakes.
    auto pick = [&](const std::string& good, const std::vector<std::string>& bad) {
        if (std::uniform_int_distribution<int>(0, 4)(rng) != 0) return good;
        return bad[std::uniform_int_distribution<std::size_t>(0, bad.size() - 1)(rng)];
    };
    const std::string png = demo_photo();
    std::string too_large = png;
    too_large.resize(kMaxPhotoFileBytes + 1, '\0');
    // Each photo under its own file name, written once.
    const std::vector<std::pair<std::string, std::string>> photos = {
        {"good.png", png},
        {"text.png", "hello"},
        {"cut.png", png.substr(0, 200)},
        {"large.png", too_large}};
    const std::string zone = accred::test::demo_event().zones.front().id;
    accred::test::TempDir dir;
    for (const auto& [name, bytes] : photos)
        REQUIRE(write_new_file(dir.file(name), as_bytes(bytes), 0600));
    int good = 0;
    std::set<std::string> seen; // every message met
    for (int i = 0; i < 150; ++i) {
        WalkInForm f;
        f.id = pick("W001", {"bad id!", "", std::string(33, 'a'), std::string(300, 'a'), "P001"});
        f.name = pick("Élodie Dubois", {"", "Bad\x01Name", std::string(65, 'n'), "\xff\xfe"});
        f.delegation = pick("UN", {"\xff", std::string(65, 'd'), ""});
        f.category = pick("delegate", {"emperor", ""});
        f.days = pick("2014-03-31;2014-04-01",
                      {"", "2014-05-01", "31/03/2014", "2014-03-31;", "2014-02-30"});
        f.zones = pick(zone, {"", zone + ";" + zone, "throne_room", zone + ";"});
        f.escort_of = pick("", {"P002", "NOBODY", f.id});
        const auto& photo = photos[std::uniform_int_distribution<int>(0, 4)(rng) != 0
                                       ? 0
                                       : std::uniform_int_distribution<std::size_t>(1, 3)(rng)];
        f.photo_name = photo.first;
        f.photo = photo.second;
        CAPTURE(i, f.id, f.name, f.delegation, f.category, f.days, f.zones, f.escort_of,
                f.photo_name);
        const WalkInCheck check = check_walk_in(f, accred::test::demo_event(), kKnown);
        const CsvOutcome csv = read_as_csv(f, dir, false);
        std::vector<std::string> expected = csv.messages;
        if (kKnown.contains(f.id) &&
            overlong_fields({f.id, f.name, f.delegation, f.category, f.days, f.zones, f.escort_of})
                .empty())
            expected.insert(expected.begin(), f.id + " is already on the roster");
        CHECK(messages_of(check) == expected);
        CHECK(check.person.has_value() == check.problems.empty());
        if (check.person && csv.person) CHECK(*check.person == *csv.person);
        good += check.person.has_value();
        seen.insert(expected.begin(), expected.end());
    }
    // The draw gives good forms and many kinds of mistake.
    CHECK(good > 10);
    CHECK(seen.size() > 15);
}
