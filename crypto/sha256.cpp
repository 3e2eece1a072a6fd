#include "sha256.h"

#include <openssl/evp.h>
#include <sodium.h>

namespace accred {
namespace {

// The algorithm fetched once: EVP_Digest with EVP_sha256() looks it up on every call, which
// doubles the cost of hashing a log row (0.44 against 0.93 us for 300 bytes). Fetching is
// thread-safe and a fetched EVP_MD may be shared between threads; it lives as long as the process.
const EVP_MD* sha256_algorithm() {
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched;
}

} // namespace

Sha256Digest sha256_of(std::span<const std::uint8_t> bytes) {
    Sha256Digest out{};
    unsigned int written = 0;
    if (const EVP_MD* md = sha256_algorithm();
        md != nullptr &&
        EVP_Digest(bytes.data(), bytes.size(), out.data(), &written, md, nullptr) == 1 &&
        written == out.size())
        return out;
    crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
    return out;
}

Sha256Digest sha256_of(std::string_view bytes) {
    return sha256_of(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

} // namespace accred
