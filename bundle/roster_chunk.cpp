#include "roster_chunk.h"

#include "crypto/cbor_codec.h"
#include "crypto/claims.h"
#include "crypto/claims_cbor.h"

namespace accred {

std::string roster_entry_problem(const std::string& holder, std::string_view photo,
                                 std::string_view claims) {
    if (!is_valid_id(holder)) return "a holder id is not 1-32 characters of A-Z a-z 0-9 . _ -";
    if (photo.empty()) return "holder " + holder + " has an empty photo";
    if (photo.size() > kMaxRosterPhotoBytes)
        return "holder " + holder + "'s photo is larger than " +
               std::to_string(kMaxRosterPhotoBytes) + " bytes";
    if (claims.empty()) return {};
    const auto decoded =
        claims_decode({reinterpret_cast<const std::uint8_t*>(claims.data()), claims.size()});
    if (!decoded) return "holder " + holder + "'s claims are malformed: " + decoded.error().message;
    if (decoded->sub != holder) return "holder " + holder + "'s claims are " + decoded->sub + "'s";
    return {};
}

std::vector<std::uint8_t> encode_roster_chunk(const std::vector<RosterPhoto>& entries) {
    std::vector<CborValue> items;
    items.reserve(entries.size());
    for (const auto& e : entries) {
        std::vector<CborValue> entry{CborValue::make_text(e.holder),
                                     CborValue::make_bytes(e.bytes)};
        // Without claims the entry keeps the two items of bundles made before them.
        if (!e.claims.empty()) entry.push_back(CborValue::make_bytes(e.claims));
        items.push_back(CborValue::make_array(std::move(entry)));
    }
    return cbor_encode(CborValue::make_array(std::move(items)));
}

Status decode_roster_chunk(std::span<const std::uint8_t> bytes, const RosterVisitor& visit) {
    CborLimits limits;
    limits.max_depth = 3;                        // array > [holder, photo, claims] > text/bytes
    limits.max_items = 1 + 4 * kMaxChunkEntries; // the array, and up to four items per entry
    auto decoded = cbor_decode_strict(bytes, limits);
    if (!decoded) return Error{"a roster chunk is malformed: " + decoded.error().message};
    const CborValue& array = decoded.value();
    if (array.kind != CborValue::Kind::array || array.items.empty())
        return Error{"a roster chunk is not a non-empty array"};
    const std::string* previous = nullptr;
    for (const CborValue& entry : array.items) {
        const std::size_t n = entry.kind == CborValue::Kind::array ? entry.items.size() : 0;
        if ((n != 2 && n != 3) || entry.items[0].kind != CborValue::Kind::text ||
            entry.items[1].kind != CborValue::Kind::bytes ||
            (n == 3 &&
             (entry.items[2].kind != CborValue::Kind::bytes || entry.items[2].bytes.empty())))
            return Error{"a roster chunk has an entry that is not [holder, photo, claims?]"};
        const std::string& holder = entry.items[0].bytes;
        const std::string_view claims = n == 3 ? std::string_view(entry.items[2].bytes) : "";
        if (auto problem = roster_entry_problem(holder, entry.items[1].bytes, claims);
            !problem.empty())
            return Error{"a roster chunk: " + problem};
        if (previous && !(*previous < holder))
            return Error{"a roster chunk has holders out of order or repeated (" + holder + ")"};
        previous = &holder;
        if (auto s = visit(holder, entry.items[1].bytes, claims); !s) return s;
    }
    return success();
}

} // namespace accred
