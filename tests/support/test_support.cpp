#include "test_support.h"

#include "crypto/hex.h"

#include <sodium.h>
#include <stdexcept>
#include <stdlib.h>

namespace accred::test {

SigningKey key_from_label(const std::string& label) {
    std::array<std::uint8_t, 32> seed{};
    crypto_hash_sha256(seed.data(), reinterpret_cast<const unsigned char*>(label.data()),
                       label.size());
    return std::move(SigningKey::from_seed(seed).value());
}

Claims typical_claims() {
    Claims c;
    c.iss = "gp14"; // short event ids keep badges small: each byte costs 1.5 characters
    c.sub = "D042";
    c.iat = 1395309600;  // 2014-03-20T10:00:00Z
    c.nbf = 1396216800;  // 2014-03-31T00:00 Europe/Brussels (UTC+2)
    c.exp = 1396389600;  // 2014-04-02T00:00 Europe/Brussels
    c.cti = {0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88};
    c.name = "Abcdefghij Klmnopqrst Uvwxyzab"; // 30 characters
    c.org = Organisation{7, {}};
    c.category = 2;
    c.rank = 50;
    c.zones = {3, 5, 9};
    c.photo = photo_digest("a photo");
    c.issue = 1;
    return c;
}

std::vector<std::uint8_t> unhex(const std::string& hex) {
    auto bytes = hex_decode(hex);
    if (!bytes) throw std::invalid_argument("bad hex in test: " + hex);
    return *bytes;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accred-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

} // namespace accred::test
