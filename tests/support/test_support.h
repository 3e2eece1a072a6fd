// Helpers shared by the tests: fixed keys, typical claims, temporary directories.
#pragma once

#include "crypto/claims.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace accred::test {

// A deterministic key from a label (seed = SHA-256 of the label), so failures reproduce.
SigningKey key_from_label(const std::string& label);

// A typical delegate: 30-character name, delegation code, three zones, two-day validity.
Claims typical_claims();

std::vector<std::uint8_t> unhex(const std::string& hex);

// A fresh empty directory under the system temp dir, removed when the object goes away.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

} // namespace accred::test
