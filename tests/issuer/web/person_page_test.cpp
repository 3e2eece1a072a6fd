// The person's page over real HTTP on a real workspace (person_fixture.h): what it shows, each
// action by role with the desk.db rows it leaves, CSRF, and printing to the browser (the PDF's
// QR code verifies) and to a private CUPS queue.
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "issuer/private_cups.h"
#include "person_fixture.h"
#include "scan/grey_image.h"
#include "tools/poppler.h"
#include "tools/qr_scan.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace accred;
using namespace accred::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string count(PersonDesk& d, const std::string& sql, const std::string& id) {
    return id.empty() ? sql_value(d.ws.desk, sql) : sql_value(d.ws.desk, sql, {id});
}

// The credentials in the QR codes of a badge PDF, read back at 300 dpi as a printer would.
std::vector<std::string> qr_texts(const std::string& pdf_bytes) {
    TempDir dir;
    const std::string pdf = dir.file("badge.pdf");
    REQUIRE(write_new_file(pdf, as_bytes(pdf_bytes), 0600));
    auto pages = rasterise_pdf(pdf, dir.path().string(), 300);
    REQUIRE(pages);
    REQUIRE(pages->size() == 1);
    auto image = load_grey_image(pages->front());
    REQUIRE(image);
    return find_qr_codes(image->pixels.data(), image->width, image->height);
}

void check_badge_of(const PersonDesk& d, const std::string& pdf, const std::string& holder,
                    std::uint32_t issue) {
    REQUIRE(pdf.rfind("%PDF", 0) == 0);
    const auto texts = qr_texts(pdf);
    REQUIRE(texts.size() == 1);
    TrustStore trusted;
    trusted.add(d.event_key);
    const Verification v = verify_credential(texts[0], trusted);
    REQUIRE(v.ok());
    CHECK(v.claims().sub == holder);
    CHECK(v.claims().issue == issue);
}

} // namespace

TEST_CASE("a person's page shows who they are, their zones and their status", "[web][person]") {
    PersonDesk d;
    const std::string cookie = d.login("security");
    auto page = d.get("/person/M001", cookie);
    REQUIRE(page);
    CHECK(page->status == 200);
    const std::string& html = page->body;
    CHECK(contains(html, "Didier Reynders"));
    CHECK(contains(html, "Kingdom of Belgium"));
    CHECK(contains(html, "Head of delegation / Minister"));
    CHECK(contains(html, "Plenary hall"));                      // from the category
    CHECK(contains(html, "High Level Political Session room")); // granted to him
    CHECK(contains(html, "2014-03-31"));
    CHECK(contains(html, "no badge issued yet"));
    CHECK_FALSE(contains(html, "action=\"/person/M001/issue\"")); // security changes nothing
    CHECK_FALSE(contains(html, "id=\"h-journal\""));              // nor reads the journal

    auto escort = d.get("/person/K003", cookie);
    REQUIRE(escort);
    CHECK(contains(escort->body, "<a href=\"/person/P002\">Thorbjørn Jagland</a>"));

    auto photo = d.get("/person/M001/photo", cookie);
    REQUIRE(photo);
    CHECK(photo->status == 200);
    CHECK(photo->get_header_value("Content-Type") == "image/jpeg"); // stored normalised
    CHECK(photo->body.rfind("\xFF\xD8\xFF", 0) == 0);

    for (const char* path :
         {"/person/NOBODY", "/person/M001%20x", "/person/a%27b",
          "/person/0123456789012345678901234567890123", "/person/NOBODY/photo"}) {
        auto r = d.get(path, cookie);
        REQUIRE(r);
        INFO(path);
        CHECK(r->status == 404);
    }
    auto french = d.post("/lang", cookie, {{"lang", "fr"}, {"back", "/person/M001"}});
    REQUIRE(french);
    auto fr = d.get("/person/M001", cookie);
    REQUIRE(fr);
    CHECK(contains(fr->body, "aucun badge émis"));
}

TEST_CASE("a desk operator issues and prints a badge whose QR code verifies, but cannot revoke",
          "[web][person]") {
    PersonDesk d;
    const std::string cookie = d.login("operator");
    auto before = d.get("/person/M001/badge.pdf", cookie);
    REQUIRE(before);
    CHECK(before->status == 409);
    CHECK(contains(before->body, "issue one first"));

    auto issued = d.post("/person/M001/issue", cookie, {});
    REQUIRE(issued);
    CHECK(issued->status == 303);
    CHECK(issued->get_header_value("Location") == "/person/M001?done=issued");
    auto page = d.get("/person/M001?done=issued", cookie);
    REQUIRE(page);
    CHECK(contains(page->body, "Badge issued."));
    CHECK(contains(page->body, "with a valid badge: issue 1"));
    CHECK(count(d,
                "SELECT count(*) FROM operator_journal WHERE subject = ?1 AND "
                "action = 'issue' AND operator = 'operator'",
                "M001") == "1");

    auto pdf = d.get("/person/M001/badge.pdf", cookie);
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(contains(pdf->get_header_value("Content-Disposition"), "inline"));
    check_badge_of(d, pdf->body, "M001", 1);
    CHECK(count(d,
                "SELECT destination || '/' || issue || '/' || operator FROM print_log "
                "WHERE holder = ?1",
                "M001") == "browser/1/operator");
    CHECK(count(d,
                "SELECT count(*) FROM operator_journal WHERE subject = ?1 AND "
                "action = 'download badge'",
                "M001") == "1");

    for (const char* action : {"revoke", "withdraw", "reinstate"}) {
        auto r = d.post(std::string("/person/M001/") + action, cookie, {{"reason", "lost"}});
        REQUIRE(r);
        INFO(action);
        CHECK(r->status == 403);
    }
    CHECK(count(d, "SELECT count(*) FROM revocations", "") == "0");
}

TEST_CASE("a supervisor revokes with a reason, reinstates, and reissues", "[web][person]") {
    PersonDesk d;
    const std::string cookie = d.login("supervisor");
    REQUIRE(d.post("/person/M001/issue", cookie, {})->status == 303);

    auto empty = d.post("/person/M001/revoke", cookie, {{"reason", "  "}});
    REQUIRE(empty);
    CHECK(empty->status == 422);
    CHECK(contains(empty->body, "Give a reason"));
    CHECK(contains(empty->body, "id=\"revoke-reason\""));
    CHECK(count(d, "SELECT count(*) FROM revocations", "") == "0");

    auto revoked = d.post("/person/M001/revoke", cookie, {{"reason", "badge lent to another"}});
    REQUIRE(revoked);
    CHECK(revoked->status == 303);
    CHECK(count(d, "SELECT count(*) FROM revocations", "") == "1");
    CHECK(count(d,
                "SELECT action || '/' || reason || '/' || by FROM accreditation_journal "
                "WHERE holder = ?1",
                "M001") == "withdrawn/badge lent to another/supervisor via issuer web");
    CHECK(count(d, "SELECT detail FROM operator_journal WHERE subject = ?1 AND action = 'revoke'",
                "M001") == "badge lent to another");
    auto page = d.get("/person/M001", cookie);
    CHECK(contains(page->body, "Accreditation withdrawn"));
    CHECK(contains(page->body, "badge lent to another"));

    auto refused = d.post("/person/M001/issue", cookie, {});
    REQUIRE(refused);
    CHECK(refused->status == 409);
    CHECK(contains(refused->body, "M001 is withdrawn (badge lent to another"));
    CHECK(count(d, "SELECT count(*) FROM credentials WHERE holder = ?1", "M001") == "1");

    auto back = d.post("/person/M001/reinstate", cookie, {{"reason", "explained"}});
    REQUIRE(back);
    CHECK(back->status == 303);
    CHECK(count(d,
                "SELECT count(*) FROM accreditation_journal WHERE holder = ?1 AND "
                "action = 'reinstated'",
                "M001") == "1");
    REQUIRE(d.post("/person/M001/issue", cookie, {})->status == 303);
    CHECK(count(d, "SELECT max(issue) FROM credentials WHERE holder = ?1", "M001") == "2");

    // A lost badge: issue 2 of P002, issue 1 revoked, and the person stays accredited.
    REQUIRE(d.post("/person/P002/issue", cookie, {})->status == 303);
    auto no_reason = d.post("/person/P002/reissue", cookie, {{"reason", ""}});
    CHECK(no_reason->status == 422);
    auto reissued = d.post("/person/P002/reissue", cookie, {{"reason", "lost badge"}});
    REQUIRE(reissued);
    CHECK(reissued->status == 303);
    CHECK(count(d, "SELECT max(issue) FROM credentials WHERE holder = ?1", "P002") == "2");
    CHECK(count(d,
                "SELECT count(*) FROM revocations r JOIN credentials c ON c.cti = r.cti "
                "WHERE c.holder = ?1 AND c.issue = 1",
                "P002") == "1");
    CHECK(count(d, "SELECT count(*) FROM accreditation_journal WHERE holder = ?1", "P002") == "0");

    // Withdrawing someone who never had a badge.
    auto withdrawn = d.post("/person/D001/withdraw", cookie, {{"reason", "visa refused"}});
    CHECK(withdrawn->status == 303);
    CHECK(count(d,
                "SELECT count(*) FROM operator_journal WHERE subject = ?1 AND "
                "action = 'withdraw'",
                "D001") == "1");
    auto journal = d.get("/person/M001", cookie);
    CHECK(contains(journal->body, "id=\"h-journal\""));
}

TEST_CASE("an auditor changes nothing, and a POST without the CSRF token is refused",
          "[web][person]") {
    PersonDesk d;
    const std::string auditor = d.login("auditor");
    auto page = d.get("/person/M001", auditor);
    CHECK(page->status == 200);
    CHECK_FALSE(contains(page->body, "<form method=\"post\" action=\"/person/M001/"));
    CHECK(contains(page->body, "id=\"h-journal\""));
    for (const char* action : {"issue", "reissue", "revoke", "withdraw", "reinstate", "print"}) {
        auto r = d.post(std::string("/person/M001/") + action, auditor, {{"reason", "x"}});
        REQUIRE(r);
        INFO(action);
        CHECK(r->status == 403);
    }
    CHECK(d.get("/person/M001/badge.pdf", auditor)->status == 403);

    const std::string op = d.login("operator");
    auto forged = d.post("/person/M001/issue", op, {}, false);
    REQUIRE(forged);
    CHECK(forged->status == 403);
    auto wrong = d.post("/person/M001/issue", op, {{"csrf", "not-the-token"}}, false);
    CHECK(wrong->status == 403);
    CHECK(count(d, "SELECT count(*) FROM credentials WHERE holder = ?1", "M001") == "0");
}

TEST_CASE("printing on the desk's CUPS queue, and a queue that does not exist", "[web][print]") {
    std::unique_ptr<PrivateCups> cups;
    try {
        cups = std::make_unique<PrivateCups>();
    } catch (const std::exception& e) {
        FAIL("cannot start a private cupsd: " << e.what());
    }
    const std::string output = cups->file("printed.pdf");
    cups->add_file_queue("badges", "Badge printer", output, true);
    // The server's threads each open their own libcups connection, from the environment.
    ::setenv("CUPS_SERVER", cups->socket().c_str(), 1);
    struct Unset {
        ~Unset() { ::unsetenv("CUPS_SERVER"); }
    } unset;
    {
        PersonDesk d("badges");
        const std::string cookie = d.login("operator");
        REQUIRE(d.post("/person/M001/issue", cookie, {})->status == 303);
        CHECK(contains(d.get("/person/M001", cookie)->body, "Print on badges"));
        auto printed = d.post("/person/M001/print", cookie, {});
        REQUIRE(printed);
        REQUIRE(printed->status == 303);
        const std::string location = printed->get_header_value("Location");
        REQUIRE(location.rfind("/person/M001?done=printed&job=", 0) == 0);
        const std::string job = location.substr(location.find("job=") + 4);
        CHECK(count(d, "SELECT destination || '/' || job FROM print_log WHERE holder = ?1",
                    "M001") == "badges/" + job);
        CHECK(contains(d.get(location, cookie)->body, "Sent to the printer. (CUPS job " + job));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!std::filesystem::exists(output) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the copy finishing
        auto arrived = read_small_file(output, 16 << 20);
        INFO(cups->error_log());
        REQUIRE(arrived);
        check_badge_of(d, arrived.value(), "M001", 1);
    }
    PersonDesk d("no_such_queue");
    const std::string cookie = d.login("operator");
    REQUIRE(d.post("/person/M001/issue", cookie, {})->status == 303);
    auto failed = d.post("/person/M001/print", cookie, {});
    REQUIRE(failed);
    CHECK(failed->status == 502);
    CHECK(contains(failed->body, "Printing failed:"));
    CHECK(contains(failed->body, "no_such_queue"));
    CHECK(count(d, "SELECT count(*) FROM print_log WHERE holder = ?1", "M001") == "0");
    CHECK(count(d,
                "SELECT count(*) FROM operator_journal WHERE subject = ?1 AND "
                "action = 'print' AND detail LIKE 'failed: %'",
                "M001") == "1");
}
