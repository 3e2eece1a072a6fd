// A small CBOR value tree: what the strict decoder produces and the deterministic encoder takes.
// Only the types our formats use exist here: no floats, no simple values, no indefinite lengths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accred {

struct CborValue {
    enum class Kind { uint, negint, bytes, text, array, map, tag };
    Kind kind = Kind::uint;
    // uint: the value; negint: n for the integer -1-n (as CBOR stores it); tag: the tag number.
    std::uint64_t number = 0;
    std::string bytes;                                 // bytes and text
    std::vector<CborValue> items;                      // array elements; a tag's single content
    std::vector<std::pair<CborValue, CborValue>> pairs; // map entries in encoded order

    static CborValue make_uint(std::uint64_t v) { return {Kind::uint, v, {}, {}, {}}; }
    // An integer from -2^63 to 2^63-1.
    static CborValue make_int(std::int64_t v) {
        if (v >= 0) return make_uint(static_cast<std::uint64_t>(v));
        return {Kind::negint, static_cast<std::uint64_t>(-(v + 1)), {}, {}, {}};
    }
    static CborValue make_bytes(std::string b) { return {Kind::bytes, 0, std::move(b), {}, {}}; }
    static CborValue make_text(std::string t) { return {Kind::text, 0, std::move(t), {}, {}}; }
    static CborValue make_array(std::vector<CborValue> v) {
        return {Kind::array, 0, {}, std::move(v), {}};
    }
    static CborValue make_map(std::vector<std::pair<CborValue, CborValue>> p) {
        return {Kind::map, 0, {}, {}, std::move(p)};
    }
    static CborValue make_tag(std::uint64_t tag, CborValue content) {
        return {Kind::tag, tag, {}, {std::move(content)}, {}};
    }

    // The integer value when this is a uint or negint that fits in int64.
    std::optional<std::int64_t> as_int() const;
    // The value of an integer-keyed map entry, or nullptr.
    const CborValue* find(std::int64_t key) const;
};

} // namespace accred
