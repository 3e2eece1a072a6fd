#include "roster_chunk.h"

#include "crypto/cbor_codec.h"
#include "crypto/claims.h"

namespace accred {

std::string roster_entry_problem(const std::string& holder, std::string_view photo) {
    if (!is_valid_id(holder)) return "a holder id is not 1-32 characters of A-Z a-z 0-9 . _ -";
    if (photo.empty()) return "holder " + holder + " has an empty photo";
    if (photo.size() > kMaxRosterPhotoBytes)
        return "holder " + holder + "'s photo is larger than " +
               std::to_string(kMaxRosterPhotoBytes) + " bytes";
    return {};
}

std::vector<std::uint8_t> encode_roster_chunk(const std::vector<RosterPhoto>& entries) {
    std::vector<CborValue> items;
    items.reserve(entries.size());
    for (const auto& e : entries)
        items.push_back(CborValue::make_array(
            {CborValue::make_text(e.holder), CborValue::make_bytes(e.bytes)}));
    return cbor_encode(CborValue::make_array(std::move(items)));
}

Status decode_roster_chunk(std::span<const std::uint8_t> bytes, const RosterVisitor& visit) {
    CborLimits limits;
    limits.max_depth = 3;                        // array > [holder, photo] > text/bytes
    limits.max_items = 1 + 3 * kMaxChunkEntries; // the array, and three items per entry
    auto decoded = cbor_decode_strict(bytes, limits);
    if (!decoded) return Error{"a roster chunk is malformed: " + decoded.error().message};
    const CborValue& array = decoded.value();
    if (array.kind != CborValue::Kind::array || array.items.empty())
        return Error{"a roster chunk is not a non-empty array"};
    const std::string* previous = nullptr;
    for (const CborValue& entry : array.items) {
        if (entry.kind != CborValue::Kind::array || entry.items.size() != 2 ||
            entry.items[0].kind != CborValue::Kind::text ||
            entry.items[1].kind != CborValue::Kind::bytes)
            return Error{"a roster chunk has an entry that is not [holder, photo]"};
        const std::string& holder = entry.items[0].bytes;
        if (auto problem = roster_entry_problem(holder, entry.items[1].bytes); !problem.empty())
            return Error{"a roster chunk: " + problem};
        if (previous && !(*previous < holder))
            return Error{"a roster chunk has holders out of order or repeated (" + holder + ")"};
        previous = &holder;
        if (auto s = visit(holder, entry.items[1].bytes); !s) return s;
    }
    return success();
}

} // namespace accred
