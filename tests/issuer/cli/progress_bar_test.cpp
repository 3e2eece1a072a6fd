// The progress bar is for people at a terminal: never drawn into a pipe or a file.
#include "issuer/cli/progress_bar.h"

#include "terminal_fd.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <unistd.h>

using namespace accred;

TEST_CASE("The progress bar draws nothing when its descriptor is not a terminal", "[progress]") {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    std::ostringstream out;
    {
        ProgressBar bar("Importing", true, out, pipe_fds[1]);
        CHECK_FALSE(bar.drawing());
        for (std::size_t done = 0; done <= 10; ++done) bar.update(done, 10);
        bar.finish();
    }
    CHECK(out.str().empty());
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
}

TEST_CASE("On a terminal the progress bar redraws its line and ends it", "[progress]") {
    test::Terminal terminal;
    if (!terminal.ok()) {
        WARN("no pseudo-terminal here; the terminal case is not checked");
        return;
    }
    std::ostringstream out;
    {
        ProgressBar bar("Importing", true, out, terminal.fd());
        CHECK(bar.drawing());
        bar.update(0, 200);
        bar.update(1, 200); // still 0 %: not redrawn
        bar.update(100, 200);
        bar.update(200, 200);
    } // the destructor ends the line
    CHECK(out.str() == "\rImporting [..............................] 0/200"
                       "\rImporting [###############...............] 100/200"
                       "\rImporting [##############################] 200/200\n");
    std::ostringstream quiet;
    ProgressBar json("Importing", false, quiet, terminal.fd()); // --json: never
    json.update(1, 2);
    json.finish();
    CHECK(quiet.str().empty());
}

TEST_CASE("Clearing the bar erases its line so that a printed line stands alone", "[progress]") {
    test::Terminal terminal;
    if (!terminal.ok()) {
        WARN("no pseudo-terminal here; the terminal case is not checked");
        return;
    }
    std::ostringstream out;
    ProgressBar bar("Merging", true, out, terminal.fd());
    bar.clear(); // nothing drawn yet: nothing to erase
    CHECK(out.str().empty());
    bar.update(1, 2);
    bar.clear();
    bar.update(1, 2); // redrawn after a clear, though the percentage did not change
    bar.finish();
    CHECK(out.str() == "\rMerging [###############...............] 1/2\r\033[K"
                       "\rMerging [###############...............] 1/2\n");
}
