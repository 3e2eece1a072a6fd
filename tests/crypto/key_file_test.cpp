#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>
#include <cstring>
#include <sodium.h>
#include <unistd.h>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;

namespace {
const KdfCost kCheap = KdfCost::minimum_for_tests();
}

TEST_CASE("Public key files round-trip and carry a comment line", "[keys]") {
    const SigningKey key = key_from_label("pub");
    const std::string text = encode_public_key_file(key.public_key(), "test key");
    CHECK(text.starts_with("untrusted comment: test key\n"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
    auto back = decode_public_key_file(text);
    REQUIRE(back);
    CHECK(back.value() == key.public_key());
}

TEST_CASE("Damaged public key files are refused with a reason", "[keys]") {
    const SigningKey key = key_from_label("pub");
    std::string text = encode_public_key_file(key.public_key(), "k");
    CHECK_FALSE(decode_public_key_file("no comment\n" + text.substr(text.find('\n') + 1)));
    CHECK_FALSE(decode_public_key_file(text.substr(0, text.size() - 5) + "\n"));
    std::string flipped = text;
    const auto pos = text.find('\n') + 20;
    flipped[pos] = flipped[pos] == 'A' ? 'B' : 'A'; // inside the key bytes: kid no longer matches
    CHECK_FALSE(decode_public_key_file(flipped));
    CHECK_FALSE(decode_public_key_file(""));
}

TEST_CASE("Secret key files decrypt only with the right passphrase", "[keys]") {
    const SigningKey key = key_from_label("secret");
    auto text = encode_secret_key_file(key, "right passphrase", kCheap, "c");
    REQUIRE(text);
    auto back = decode_secret_key_file(text.value(), "right passphrase");
    REQUIRE(back);
    CHECK(back->public_key() == key.public_key());
    CHECK(std::equal(back->seed().begin(), back->seed().end(), key.seed().begin()));

    auto wrong = decode_secret_key_file(text.value(), "wrong passphrase");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.find("wrong passphrase") != std::string::npos);
    CHECK(wrong.error().kind == ErrorKind::refusal);
    CHECK_FALSE(decode_secret_key_file(text.value(), ""));
}

TEST_CASE("A wrong passphrase is a refusal from the file too; a damaged file is a failure",
          "[keys]") {
    // The exit codes rest on the error's kind (1 for a refusal, 2 for a failure), not on its
    // wording: the file reader puts the path in front and keeps the kind.
    TempDir dir;
    const std::string path = (dir.path() / "event.key").string();
    const SigningKey key = key_from_label("secret");
    REQUIRE(write_secret_key_file(path, key, "right passphrase", kCheap));
    auto wrong = read_secret_key_file(path, "not the passphrase");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().kind == ErrorKind::refusal);
    CHECK(wrong.error().message.starts_with(path + ": "));
    CHECK(read_secret_key_file(path, "right passphrase"));

    // The same words in a damaged file's error do not make it a refusal.
    const std::string damaged = (dir.path() / "damaged.key").string();
    REQUIRE(write_new_file(damaged, as_bytes(std::string("untrusted comment: wrong passphrase, or "
                                                          "the secret key file was altered\nAAAA\n")),
                           0600));
    auto broken = read_secret_key_file(damaged, "right passphrase");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().kind == ErrorKind::failure);
    CHECK(read_secret_key_file((dir.path() / "missing.key").string(), "x").error().kind ==
          ErrorKind::failure);
}

TEST_CASE("The seed never appears in the secret key file", "[keys]") {
    const SigningKey key = key_from_label("secret");
    const std::string text = encode_secret_key_file(key, "passphrase!", kCheap, "c").value();
    const std::string seed(reinterpret_cast<const char*>(key.seed().data()), key.seed().size());
    CHECK(text.find(seed) == std::string::npos);
    // Two encryptions of the same key differ (fresh salt and nonce).
    CHECK(encode_secret_key_file(key, "passphrase!", kCheap, "c").value() != text);
}

TEST_CASE("Every altered character of a secret key file is detected", "[keys]") {
    const SigningKey key = key_from_label("secret");
    const std::string text = encode_secret_key_file(key, "passphrase!", kCheap, "c").value();
    const auto start = text.find('\n') + 1;
    const auto end = text.size() - 1;
    for (std::size_t i = start; i < end; i += 7) { // every 7th: each Argon2 run costs ~10 ms
        std::string altered = text;
        altered[i] = altered[i] == 'Q' ? 'R' : 'Q';
        CAPTURE(i);
        CHECK_FALSE(decode_secret_key_file(altered, "passphrase!"));
    }
}

TEST_CASE("Key files are written 0600/0644 and never overwrite", "[keys]") {
    TempDir dir;
    const SigningKey key = key_from_label("files");
    const std::string secret = dir.file("event.key");
    const std::string pub = dir.file("event.pub");
    REQUIRE(write_secret_key_file(secret, key, "passphrase!", kCheap));
    REQUIRE(write_public_key_file(pub, key.public_key()));
    struct stat st {};
    REQUIRE(::stat(secret.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(pub.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);

    const auto before = read_small_file(secret, 4096).value();
    const SigningKey other = key_from_label("other");
    CHECK_FALSE(write_secret_key_file(secret, other, "passphrase!", kCheap));
    CHECK(read_small_file(secret, 4096).value() == before);
    CHECK(read_secret_key_file(secret, "passphrase!")->public_key() == key.public_key());
    CHECK(read_public_key_file(pub).value() == key.public_key());
}

TEST_CASE("Writing a key through a planted symlink is refused", "[keys]") {
    TempDir dir;
    const std::string target = dir.file("target");
    const std::string link = dir.file("event.key");
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    const SigningKey key = key_from_label("link");
    CHECK_FALSE(write_secret_key_file(link, key, "passphrase!", kCheap));
    CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("Key-derivation parameters in a file are bounded", "[keys]") {
    // A doctored file asking for 2^40 bytes of Argon2 memory must be refused before deriving.
    const SigningKey key = key_from_label("bounds");
    const std::string text = encode_secret_key_file(key, "passphrase!", kCheap, "c").value();
    const std::string line = text.substr(text.find('\n') + 1);
    std::vector<std::uint8_t> raw(200);
    std::size_t len = 0;
    REQUIRE(sodium_base642bin(raw.data(), raw.size(), line.data(), line.size() - 1, nullptr, &len,
                              nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
    raw.resize(len);
    raw[22 + 5] = 0x01; // memlimit byte 5: 2^40
    std::string b64(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    auto result = decode_secret_key_file("untrusted comment: c\n" + b64 + "\n", "passphrase!");
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("implausible") != std::string::npos);
}

TEST_CASE("A passphrase or key file must be a regular file: a FIFO is refused at once",
          "[keys]") {
    TempDir dir;
    const std::string fifo = dir.file("passphrase.fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Without a writer, opening a FIFO for reading would wait for ever.
    auto secret = read_secret_file(fifo, 1024);
    REQUIRE_FALSE(secret);
    CHECK_THAT(secret.error().message, Catch::Contains("is not a regular file"));
    auto small = read_small_file(fifo, 1024);
    REQUIRE_FALSE(small);
    CHECK_THAT(small.error().message, Catch::Contains("is not a regular file"));
    // A symbolic link is followed unless the caller refuses it.
    REQUIRE(write_new_file(dir.file("real"), as_bytes(std::string("content")), 0600));
    std::filesystem::create_symlink(dir.file("real"), dir.file("link"));
    CHECK(read_small_file(dir.file("link"), 1024).value() == "content");
    CHECK_FALSE(read_small_file(dir.file("link"), 1024, Symlinks::refuse));
}
