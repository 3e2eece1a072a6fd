// The one overwrite policy (docs/cli-conventions.md): an existing output file is refused with one
// wording; --force replaces it whole; write_new_file never replaces anything.
#include "crypto/file_io.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace accred;
using accred::test::TempDir;

namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("An output file in the way is refused with the one wording", "[file_io]") {
    TempDir dir;
    const std::string path = dir.file("badges.pdf");
    std::ofstream(path) << "old";
    auto refused = write_output_file(path, as_bytes(std::string("new")), 0644, Overwrite::refuse);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == path + " exists; add --force to replace it");
    CHECK(contents(path) == "old");
    auto checked = check_output_path(path, Overwrite::refuse);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().message == refused.error().message);
    CHECK(check_output_path(path, Overwrite::replace));
    CHECK(check_output_path(dir.file("absent.pdf"), Overwrite::refuse));
}

TEST_CASE("A dangling symlink counts as a file in the way", "[file_io]") {
    TempDir dir;
    const std::string link = dir.file("out.html");
    REQUIRE(::symlink(dir.file("nowhere").c_str(), link.c_str()) == 0);
    CHECK_FALSE(check_output_path(link, Overwrite::refuse));
}

TEST_CASE("With --force the file is replaced whole and no temporary is left", "[file_io]") {
    TempDir dir;
    const std::string path = dir.file("r.update");
    std::ofstream(path) << "old contents, longer than the new";
    REQUIRE(write_output_file(path, as_bytes(std::string("new")), 0600, Overwrite::replace));
    CHECK(contents(path) == "new");
    CHECK_FALSE(std::filesystem::exists(path + ".new"));
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    // A new file with replace is simply written.
    REQUIRE(
        write_output_file(dir.file("fresh"), as_bytes(std::string("x")), 0644, Overwrite::replace));
    CHECK(contents(dir.file("fresh")) == "x");
}

TEST_CASE("A replacement that cannot be written leaves the old file in force", "[file_io]") {
    TempDir dir;
    const std::string path = dir.file("kiosk.json");
    std::ofstream(path) << "old";
    std::filesystem::create_directory(path + ".new/"); // the temporary name is taken by a folder
    std::ofstream(path + ".new/x") << "keeps the folder from being removed";
    CHECK_FALSE(replace_file(path, as_bytes(std::string("new"))));
    CHECK(contents(path) == "old");
}

TEST_CASE("write_new_file never replaces, and says a key is never replaced", "[file_io]") {
    TempDir dir;
    const std::string path = dir.file("event.key");
    std::ofstream(path) << "secret";
    auto refused = write_new_file(path, as_bytes(std::string("other")), 0600);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == path + " exists and is never replaced; move it away first");
    CHECK(contents(path) == "secret");
}
