#include "base45.h"

#include <array>

namespace accred {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

// Value of a Base45 character, or -1 for a character outside the alphabet.
constexpr std::array<int, 256> make_decode_table() {
    std::array<int, 256> table{};
    for (auto& v : table) v = -1;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    return table;
}
constexpr auto kDecode = make_decode_table();

} // namespace

std::string base45_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    out.reserve((bytes.size() + 1) / 2 * 3);
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256u + bytes[i + 1];
        out += kAlphabet[n % 45];
        out += kAlphabet[n / 45 % 45];
        out += kAlphabet[n / (45 * 45)];
    }
    if (i < bytes.size()) {
        unsigned n = bytes[i];
        out += kAlphabet[n % 45];
        out += kAlphabet[n / 45];
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> base45_decode(std::string_view text) {
    if (text.size() % 3 == 1) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const std::size_t group = text.size() - i >= 3 ? 3 : 2;
        unsigned n = 0;
        unsigned weight = 1;
        for (std::size_t k = 0; k < group; ++k) {
            const int v = kDecode[static_cast<unsigned char>(text[i + k])];
            if (v < 0) return std::nullopt;
            n += static_cast<unsigned>(v) * weight;
            weight *= 45;
        }
        if (group == 3) {
            if (n > 0xFFFF) return std::nullopt; // "GGW" = 65536+ has no byte pair
            out.push_back(static_cast<std::uint8_t>(n >> 8));
            out.push_back(static_cast<std::uint8_t>(n & 0xFF));
        } else {
            if (n > 0xFF) return std::nullopt; // a final pair encodes one byte only
            out.push_back(static_cast<std::uint8_t>(n));
        }
    }
    return out;
}

} // namespace accred
