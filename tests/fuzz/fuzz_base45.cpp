// fuzz_base45: the Base45 decoder on arbitrary text, and the encoder on arbitrary bytes.
// Must hold: no crash or UB; the decoder is canonical (crypto/base45.h: every byte string has
// exactly one encoding), so decode(x) succeeding implies encode(decode(x)) == x; and
// decode(encode(b)) == b for any bytes b.
#include "fuzz_common.h"

#include "crypto/base45.h"

#include <algorithm>

using namespace accred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    if (auto decoded = base45_decode(text)) {
        FUZZ_CHECK(decoded->size() == text.size() / 3 * 2 + (text.size() % 3 == 2 ? 1 : 0));
        FUZZ_CHECK(base45_encode(*decoded) == text);
    }
    const std::string encoded = base45_encode(fuzz::as_span(data, size));
    auto round = base45_decode(encoded);
    FUZZ_CHECK(round.has_value());
    FUZZ_CHECK(round->size() == size && std::equal(round->begin(), round->end(), data));
    return 0;
}
