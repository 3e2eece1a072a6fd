// Where a passphrase comes from (crypto/passphrase.h): a passphrase handed in through the
// environment is taken once and leaves nothing behind in the process (issue 16, item 6).
#include "crypto/passphrase.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

TEST_CASE("A passphrase from the environment is wiped from it and the variable unset",
          "[passphrase]") {
    const std::string secret = "correct horse battery staple";
    REQUIRE(::setenv("ACCRED_TEST_PASSPHRASE", secret.c_str(), 1) == 0);
    const char* held = std::getenv("ACCRED_TEST_PASSPHRASE"); // the process's own copy
    REQUIRE(held != nullptr);
    accred::PassphraseSource source;
    source.env = "ACCRED_TEST_PASSPHRASE";
    source.prompt = "unused: ";
    auto passphrase = accred::obtain_passphrase(source);
    REQUIRE(passphrase);
    CHECK(passphrase->view() == secret);
    CHECK(std::getenv("ACCRED_TEST_PASSPHRASE") == nullptr); // no child inherits it
    // glibc keeps setenv's strings for the life of the process: the bytes are still readable,
    // and must be zeros.
    bool wiped = true;
    for (std::size_t i = 0; i < secret.size(); ++i) wiped = wiped && held[i] == '\0';
    CHECK(wiped);
}

TEST_CASE("An empty or overlong passphrase in the environment is refused by name",
          "[passphrase]") {
    accred::PassphraseSource source;
    source.env = "ACCRED_TEST_PASSPHRASE";
    REQUIRE(::setenv("ACCRED_TEST_PASSPHRASE", "", 1) == 0);
    auto empty = accred::obtain_passphrase(source);
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().message, Catch::Contains("ACCRED_TEST_PASSPHRASE is set but empty"));
    REQUIRE(::setenv("ACCRED_TEST_PASSPHRASE", std::string(5000, 'x').c_str(), 1) == 0);
    auto overlong = accred::obtain_passphrase(source);
    REQUIRE_FALSE(overlong);
    CHECK_THAT(overlong.error().message, Catch::Contains("too long"));
    ::unsetenv("ACCRED_TEST_PASSPHRASE");
}
