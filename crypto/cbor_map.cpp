#include "cbor_map.h"

#include "cbor_codec.h"

#include <algorithm>

namespace accred {

CborMapBuilder& CborMapBuilder::add(std::string key, CborValue value) {
    pairs_.emplace_back(CborValue::make_text(std::move(key)), std::move(value));
    return *this;
}
CborMapBuilder& CborMapBuilder::add_uint(std::string key, std::uint64_t value) {
    return add(std::move(key), CborValue::make_uint(value));
}
CborMapBuilder& CborMapBuilder::add_text(std::string key, std::string value) {
    return add(std::move(key), CborValue::make_text(std::move(value)));
}
CborMapBuilder& CborMapBuilder::add_bytes(std::string key, std::string value) {
    return add(std::move(key), CborValue::make_bytes(std::move(value)));
}

CborValue CborMapBuilder::build() {
    // Text keys sort by encoded bytes: shorter keys first (their length is in the head), then
    // bytewise.
    std::sort(pairs_.begin(), pairs_.end(), [](const auto& a, const auto& b) {
        return cbor_encode(a.first) < cbor_encode(b.first);
    });
    return CborValue::make_map(std::move(pairs_));
}

CborMapReader::CborMapReader(const CborValue& map, std::string where)
    : map_(map), where_(std::move(where)) {
    if (map.kind != CborValue::Kind::map) fail("is not a map");
}

void CborMapReader::fail(const std::string& why) {
    if (error_.empty()) error_ = where_ + " " + why;
}

bool CborMapReader::has(const char* key) const {
    if (map_.kind != CborValue::Kind::map) return false;
    return std::any_of(map_.pairs.begin(), map_.pairs.end(), [&](const auto& p) {
        return p.first.kind == CborValue::Kind::text && p.first.bytes == key;
    });
}

const CborValue* CborMapReader::get(const char* key, CborValue::Kind kind, const char* type) {
    if (!ok()) return nullptr;
    for (const auto& [k, v] : map_.pairs) {
        if (k.kind != CborValue::Kind::text || k.bytes != key) continue;
        seen_.emplace_back(key);
        if (v.kind != kind) {
            fail(std::string("field \"") + key + "\" is not " + type);
            return nullptr;
        }
        return &v;
    }
    fail(std::string("has no field \"") + key + "\"");
    return nullptr;
}

std::uint64_t CborMapReader::uint(const char* key, std::uint64_t max) {
    const CborValue* v = get(key, CborValue::Kind::uint, "an unsigned integer");
    if (v == nullptr) return 0;
    if (v->number > max) {
        fail(std::string("field \"") + key + "\" is out of range");
        return 0;
    }
    return v->number;
}

std::string CborMapReader::text(const char* key, std::size_t max_bytes) {
    const CborValue* v = get(key, CborValue::Kind::text, "a text string");
    if (v == nullptr) return {};
    if (v->bytes.size() > max_bytes) {
        fail(std::string("field \"") + key + "\" is too long");
        return {};
    }
    return v->bytes;
}

std::string CborMapReader::bytes(const char* key, std::size_t size, bool exact) {
    const CborValue* v = get(key, CborValue::Kind::bytes, "a byte string");
    if (v == nullptr) return {};
    if (exact ? v->bytes.size() != size : v->bytes.size() > size) {
        fail(std::string("field \"") + key + "\" has the wrong length");
        return {};
    }
    return v->bytes;
}

const CborValue* CborMapReader::array(const char* key) {
    return get(key, CborValue::Kind::array, "an array");
}
const CborValue* CborMapReader::map(const char* key) {
    return get(key, CborValue::Kind::map, "a map");
}

Status CborMapReader::finish() {
    if (ok()) {
        for (const auto& [k, v] : map_.pairs) {
            const bool known = k.kind == CborValue::Kind::text &&
                               std::find(seen_.begin(), seen_.end(), k.bytes) != seen_.end();
            if (!known) {
                fail("has an unknown field" +
                     (k.kind == CborValue::Kind::text ? " \"" + k.bytes + "\"" : std::string()));
                break;
            }
        }
    }
    if (!ok()) return Error{error_};
    return success();
}

} // namespace accred
