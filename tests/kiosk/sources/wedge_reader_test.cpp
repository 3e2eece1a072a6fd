// Lines from a keyboard-wedge scanner, read from a pipe as a tty or standard input would be.
#include "kiosk/sources/wedge_reader.h"

#include <catch2/catch.hpp>
#include <string>
#include <unistd.h>

using namespace accred;
using namespace std::chrono_literals;

namespace {

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() { REQUIRE(::pipe(fds) == 0); }
    ~Pipe() {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
    }
    void write(const std::string& text) const {
        REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    void close_writer() {
        ::close(fds[1]);
        fds[1] = -1;
    }
};

std::optional<std::string> line(WedgeReader& reader) {
    auto got = reader.next_line(200ms);
    REQUIRE(got);
    return *got;
}

} // namespace

TEST_CASE("A wedge's lines come back without their Enter, whatever it sends", "[sources][wedge]") {
    Pipe pipe;
    WedgeReader reader(pipe.fds[0]);
    pipe.write("AC1:ONE\nAC1:TWO\r\nAC1:THREE\r\n\nAC1:FOUR\r");
    CHECK(line(reader) == "AC1:ONE");
    CHECK(line(reader) == "AC1:TWO");
    CHECK(line(reader) == "AC1:THREE");
    CHECK(line(reader) == "AC1:FOUR");
    CHECK(line(reader) == std::nullopt); // nothing more yet: a timeout, not the end
    CHECK_FALSE(reader.closed());
}

TEST_CASE("A line typed in pieces is returned once complete", "[sources][wedge]") {
    Pipe pipe;
    WedgeReader reader(pipe.fds[0]);
    pipe.write("AC1:PA");
    CHECK(line(reader) == std::nullopt);
    pipe.write("RT\n");
    CHECK(line(reader) == "AC1:PART");
}

TEST_CASE("Overlong lines are dropped whole and counted", "[sources][wedge]") {
    Pipe pipe;
    WedgeReader reader(pipe.fds[0], 16);
    pipe.write(std::string(40, 'x')); // longer than the limit before its end arrives
    CHECK(line(reader) == std::nullopt);
    pipe.write(std::string(40, 'x') + "\n" + std::string(17, 'y') + "\nAC1:OK\n");
    CHECK(line(reader) == "AC1:OK");
    CHECK(reader.overlong_lines() == 2);
    pipe.write(std::string(16, 'z') + "\n"); // exactly the limit is fine
    CHECK(line(reader) == std::string(16, 'z'));
}

TEST_CASE("The end of the input is reported, and an unfinished last line dropped",
          "[sources][wedge]") {
    Pipe pipe;
    WedgeReader reader(pipe.fds[0]);
    pipe.write("AC1:LAST\nAC1:UNFINI");
    pipe.close_writer();
    CHECK(line(reader) == "AC1:LAST");
    CHECK(line(reader) == std::nullopt);
    CHECK(reader.closed());
    CHECK(line(reader) == std::nullopt);
}
