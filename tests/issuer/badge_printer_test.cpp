// Direct printing (issuer/badge_printer.h) against a real CUPS scheduler: a private cupsd started
// for the test (tests/issuer/private_cups.h) with a queue printing to a file, so that what
// arrives at the "printer" can be compared with the badge PDF sent.
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "issuer/badge_layout.h"
#include "issuer/badge_printer.h"
#include "private_cups.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cups/cups.h>
#include <memory>
#include <thread>

using namespace accred;

namespace {

// Points libcups (this thread's connection) at server for the test's length.
struct CupsServer {
    explicit CupsServer(const std::string& server) { cupsSetServer(server.c_str()); }
    ~CupsServer() { cupsSetServer(nullptr); }
};

std::vector<BadgeContent> one_badge() {
    Claims c = test::typical_claims();
    BadgeContent b;
    b.holder_id = "P002";
    b.name = "Thorbjørn Jagland";
    b.delegation = "Council of Europe";
    b.category_name = "Principal";
    b.colour = "#C9A227";
    b.days = "31 March - 1 April 2014";
    b.event_name = "International Conference on Genocide Prevention";
    b.credential = sign_credential(c, test::key_from_label("printer")).value();
    return {b};
}

// The job's state once it has left the queue (completed, cancelled, aborted), or 0 when it is
// still there after 10 s.
int finished_state(const std::string& queue, int job) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        cups_job_t* jobs = nullptr;
        const int count =
            cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue.c_str(), 0, CUPS_WHICHJOBS_ALL);
        int state = 0;
        for (int i = 0; i < count; ++i)
            if (jobs[i].id == job && jobs[i].state >= IPP_JSTATE_CANCELED) state = jobs[i].state;
        cupsFreeJobs(count, jobs);
        if (state != 0) return state;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
}

} // namespace

TEST_CASE("A badge PDF printed through a real CUPS arrives unchanged", "[badge][print]") {
    // Fails (with the reason) when cupsd cannot be started: a printing test that skipped itself
    // would pass on a machine that cannot print.
    std::unique_ptr<test::PrivateCups> cups;
    try {
        cups = std::make_unique<test::PrivateCups>();
    } catch (const std::exception& e) {
        FAIL("cannot start a private cupsd: " << e.what());
    }
    CupsServer server(cups->socket());

    auto none = list_print_queues();
    INFO((none ? "" : none.error().message));
    REQUIRE(none);
    CHECK(none->empty());

    const std::string output = cups->file("printed.pdf");
    cups->add_file_queue("badges", "Badge printer, front desk", output, true);
    cups->add_file_queue("spare", "", cups->file("spare.pdf"), false);
    auto queues = list_print_queues();
    REQUIRE(queues);
    REQUIRE(queues->size() == 2);
    CHECK(queues->at(0).name == "badges");
    CHECK(queues->at(0).info == "Badge printer, front desk");
    CHECK(queues->at(0).is_default);
    CHECK(queues->at(1).name == "spare");
    CHECK_FALSE(queues->at(1).is_default);

    auto pdf = render_badges_pdf_bytes(one_badge(), {});
    REQUIRE(pdf);
    auto job = print_pdf("badges", "Badge P002", pdf.value());
    INFO((job ? "" : job.error().message) << cups->error_log());
    REQUIRE(job);
    CHECK(job.value() > 0);
    REQUIRE(finished_state("badges", job.value()) == IPP_JSTATE_COMPLETED);
    auto printed = read_small_file(output, 16 << 20);
    REQUIRE(printed);
    CHECK(printed->rfind("%PDF-", 0) == 0);
    CHECK(printed.value() == pdf.value());

    // A queue the server does not have: an Error naming it (libcups' own words for it, "No such
    // file or directory", would mislead).
    auto missing = print_pdf("no-such-queue", "Badge P002", pdf.value());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message ==
          "cannot print to no-such-queue: the print server has no such queue");
    // Nothing to print is refused before CUPS is asked.
    auto empty = print_pdf("badges", "nothing", "");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message.find("badges") != std::string::npos);
}

TEST_CASE("A CUPS server that cannot be reached is an error, not an empty list", "[badge][print]") {
    test::TempDir dir;
    CupsServer server(dir.file("no-cupsd.sock"));
    auto queues = list_print_queues();
    REQUIRE_FALSE(queues);
    CHECK(queues.error().message.find(
              "cannot list the print queues: the print server cannot be reached") == 0);
    auto job = print_pdf("badges", "Badge", "%PDF-1.4 not really");
    REQUIRE_FALSE(job);
    CHECK(job.error().message.find("cannot print to badges: the print server cannot be reached") ==
          0);
}
