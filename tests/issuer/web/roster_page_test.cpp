// The roster upload over real HTTP: a roster with mistakes lists them as `issuer roster import`
// prints them and imports nothing; the demo roster with its photos imports 74 people and "Issue
// all" issues them in a background job only its owner can read; unsafe photo names refused.
#include "crypto/file_io.h"
#include "issuer/web/upload_folder.h"
#include "register_fixture.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

using namespace accred;
using namespace accred::test;
namespace fs = std::filesystem;

namespace {

// The demo roster's photos as upload parts named "photos".
httplib::MultipartFormDataItems with_photos(const std::string& csv) {
    httplib::MultipartFormDataItems items{part("roster", csv, "roster.csv", "text/csv")};
    for (const auto& entry : fs::directory_iterator(demo_dir() + "/photos"))
        items.push_back(part("photos", demo_file("photos/" + entry.path().filename().string()),
                             entry.path().filename().string(), "image/png"));
    return items;
}

// The demo roster with line `line` (1: the header) changed by edit.
std::string edit_line(std::string csv, int line, const std::string& from, const std::string& to) {
    std::size_t at = 0;
    for (int l = 1; l < line; ++l)
        at = csv.find('\n', at) + 1;
    const std::size_t end = csv.find('\n', at);
    std::string row = csv.substr(at, end - at);
    REQUIRE(row.find(from) != std::string::npos);
    row.replace(row.find(from), from.size(), to);
    return csv.replace(at, end - at, row);
}

nlohmann::json wait_for_job(UploadBrowser& b, const std::string& id) {
    for (int i = 0; i < 600; ++i) {
        auto res = b.get("/api/jobs/" + id, true);
        REQUIRE(res->status == 200);
        auto job = nlohmann::json::parse(res->body);
        if (job["finished"] == true) return job;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the job did not finish in a minute");
    return {};
}

} // namespace

TEST_CASE("a roster with mistakes lists them as the command does and imports nothing",
          "[web][roster]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    std::string csv = demo_file("roster.csv");
    csv = edit_line(csv, 3, "principal", "minstrel");
    csv = edit_line(csv, 5, "2014-03-31", "2015-01-01");
    csv = edit_line(csv, 7, ".png", "-missing.png");
    auto res = b.post_multipart("/roster", with_photos(csv));
    REQUIRE(res);
    CHECK(res->status == 422);
    const std::string listed = html_unescape(element_text(res->body, "roster-problems"));

    // The command on the same file, with its photos beside it, prints the same lines as
    // `cd FOLDER && issuer roster import roster.csv` (here with the folder in every path).
    const fs::path folder = f.ws.tmp->file("upload");
    fs::create_directories(folder);
    fs::copy(demo_dir() + "/photos", folder / "photos");
    const std::string path = (folder / "roster.csv").string();
    REQUIRE(write_new_file(path, as_bytes(csv), 0600));
    const CommandRun cli = run_desk_command(f.ws, {"roster", "import", path});
    REQUIRE(cli.exit_code != 0);
    std::istringstream err(cli.err);
    std::string line;
    int lines = 0;
    const std::string prefix = folder.string() + "/";
    while (std::getline(err, line)) {
        if (line.rfind(prefix, 0) != 0) continue;
        ++lines;
        for (auto at = line.find(prefix); at != std::string::npos; at = line.find(prefix))
            line.erase(at, prefix.size());
        INFO(line);
        CHECK(listed.find(line) != std::string::npos);
    }
    CHECK(lines == 3);
    for (const char* at : {"roster.csv:3:", "roster.csv:5:", "roster.csv:7:"})
        CHECK(listed.find(at) != std::string::npos);
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM people") == "0");
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM operator_journal WHERE action = "
                               "'upload roster'") == "0");
}

TEST_CASE("the demo roster uploads and 'Issue all' issues everyone in a job only its owner reads",
          "[web][roster]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    f.add("otto", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    auto res = b.post_multipart("/roster", with_photos(demo_file("roster.csv")));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(element_text(res->body, "count-added") == "74");
    CHECK(element_text(res->body, "count-changed") == "0");
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM people") == "74");
    CHECK(sql_value(f.ws.desk,
                    "SELECT subject || ': ' || detail FROM operator_journal WHERE "
                    "action = 'upload roster'") == "roster.csv: 74 added, 0 changed, 0 unchanged");
    auto found = b.get("/api/search?q=ban ki", true);
    CHECK(nlohmann::json::parse(found->body)["people"].size() == 1);

    auto started = b.post("/roster/issue", {}, true);
    REQUIRE(started->status == 202);
    const std::string job = nlohmann::json::parse(started->body)["job"];
    UploadBrowser other = f.login_as("otto");
    CHECK(other.get("/api/jobs/" + job, true)->status == 404);
    const auto done = wait_for_job(b, job);
    CHECK(done["failed"] == false);
    CHECK(done["done"] == 74);
    CHECK(done["total"] == 74);
    CHECK(done["result"]["issued"] == 74);
    CHECK(done["result"]["already"] == 0);
    CHECK(sql_value(f.ws.desk, "SELECT count(DISTINCT holder) FROM credentials") == "74");
    CHECK(sql_value(f.ws.desk, "SELECT operator || ' ' || detail FROM operator_journal WHERE "
                               "action = 'issue'") == "olga 74 issued");
    CHECK(other.get("/api/jobs/" + job, true)->status == 404);
    CHECK(b.get("/api/jobs/nosuchjob", true)->status == 404);

    // Again: nobody is left without a valid badge.
    auto again = b.post("/roster/issue", {}, true);
    const auto second = wait_for_job(b, nlohmann::json::parse(again->body)["job"]);
    CHECK(second["result"]["issued"] == 0);
    CHECK(second["result"]["already"] == 74);
    // A re-upload of the same roster changes nothing.
    auto same = b.post_multipart("/roster", with_photos(demo_file("roster.csv")));
    CHECK(element_text(same->body, "count-unchanged") == "74");
}

TEST_CASE("photo names that are not plain file names are refused", "[web][roster]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    for (const char* bad : {"../x.png", "photos/P001.png", ".hidden.png"}) {
        auto items = with_photos(demo_file("roster.csv"));
        items.push_back(part("photos", demo_file("photos/P001.png"), bad, "image/png"));
        auto res = b.post_multipart("/roster", items);
        REQUIRE(res);
        INFO(bad);
        CHECK(res->status == 400);
        CHECK(html_unescape(element_text(res->body, "upload-refused")).find(bad) !=
              std::string::npos);
    }
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM people") == "0");
}

TEST_CASE("an upload folder is private and gone afterwards", "[web][roster]") {
    fs::path where;
    {
        auto folder = UploadFolder::create();
        REQUIRE(folder);
        where = folder->path();
        CHECK((fs::status(where).permissions() & fs::perms::all) == fs::perms::owner_all);
        REQUIRE(folder->write("photos", "a.png", "bytes"));
        CHECK((fs::status(where / "photos" / "a.png").permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write));
        CHECK_FALSE(folder->write("photos", "a.png", "again")); // never overwritten
        CHECK_FALSE(folder->write("photos", "../b.png", "bytes"));
        CHECK_FALSE(fs::exists(where / "b.png"));
    }
    CHECK_FALSE(fs::exists(where));
    CHECK(upload_name_problem("P001.png").empty());
    CHECK(upload_name_problem("a/b.png") == "upload_name_folder");
    CHECK(upload_name_problem("C:\\x.png") == "upload_name_folder");
    CHECK(upload_name_problem("..") == "upload_name_dot");
    CHECK(upload_name_problem("") == "upload_name_empty");
    CHECK(upload_name_problem(std::string(256, 'a')) == "upload_name_long");
    CHECK(upload_name_problem("a\nb.png") == "upload_name_control");
}
