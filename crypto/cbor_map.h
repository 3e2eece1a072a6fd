// Helpers for CBOR maps with text keys, as the bundle and revocation files use them: building
// one in deterministic key order, and reading typed fields with errors that name the field.
#pragma once

#include "cbor_value.h"
#include "outcome.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accred {

// Builds a text-keyed map; build() sorts entries into deterministic order (RFC 8949 4.2.1).
class CborMapBuilder {
  public:
    CborMapBuilder& add(std::string key, CborValue value);
    CborMapBuilder& add_uint(std::string key, std::uint64_t value);
    CborMapBuilder& add_text(std::string key, std::string value);
    CborMapBuilder& add_bytes(std::string key, std::string value);
    CborValue build();

  private:
    std::vector<std::pair<CborValue, CborValue>> pairs_;
};

// Reads fields of a text-keyed map. The first failure is kept (error()); later calls return
// defaults, so a reader can fetch every field and check once. Unknown keys are refused by
// finish(): a field the reader does not know is a format it does not understand.
class CborMapReader {
  public:
    CborMapReader(const CborValue& map, std::string where);

    std::uint64_t uint(const char* key, std::uint64_t max = UINT64_MAX);
    std::string text(const char* key, std::size_t max_bytes);
    std::string bytes(const char* key, std::size_t exact_or_max, bool exact);
    const CborValue* array(const char* key);
    const CborValue* map(const char* key);
    bool has(const char* key) const;

    // Fails on any key not read; returns the first error, if any.
    Status finish();
    bool ok() const { return error_.empty(); }
    void fail(const std::string& why);
    const std::string& where() const { return where_; }

  private:
    const CborValue* get(const char* key, CborValue::Kind kind, const char* type);
    const CborValue& map_;
    std::string where_;
    std::string error_;
    std::vector<std::string> seen_;
};

} // namespace accred
