#include "cbor_value.h"

#include <limits>

namespace accred {

std::optional<std::int64_t> CborValue::as_int() const {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (kind == Kind::uint && number <= kMax) return static_cast<std::int64_t>(number);
    if (kind == Kind::negint && number <= kMax) return -1 - static_cast<std::int64_t>(number);
    return std::nullopt;
}

const CborValue* CborValue::find(std::int64_t key) const {
    for (const auto& [k, v] : pairs)
        if (k.as_int() == key) return &v;
    return nullptr;
}

} // namespace accred
