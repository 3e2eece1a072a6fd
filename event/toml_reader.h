// A strict reader over a parsed toml++ table, for files people write by hand: typed getters that
// report a wrong type or an out-of-range value, unknown keys refused (with a suggestion for a
// likely typo), bounded lists, and every mistake collected as "SOURCE:LINE: plain reason" so that
// one run lists them all. It knows nothing of events: event_toml.cpp holds the event's schema.
// Internal to event/ (toml++ is a private dependency of accred_event).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <utility>
#include <vector>

// Internal to event/: a namespace of its own keeps these generic names (quote, describe, ...)
// apart from the rest of accred.
namespace accred::event_file {

using TomlLine = toml::source_index;

enum class Need { required, optional };

// `text` in double quotes for a message: at most 60 characters, control characters as '?'.
std::string quote(std::string_view text);

// "a string", "an integer", ... for "must be X, not Y" messages.
const char* type_name(const toml::node& node);

class TomlReader {
  public:
    // `source` (usually the file name) starts every message.
    explicit TomlReader(std::string source) : source_(std::move(source)) {}

    // Records a mistake at a line, or at the line where `node` starts.
    void error(TomlLine line, std::string reason) { errors_.emplace_back(line, std::move(reason)); }
    void error(const toml::node& node, std::string reason) {
        error(node.source().begin.line, std::move(reason));
    }
    bool failed() const { return !errors_.empty(); }

    // Every mistake in line order, one per line, at most 30 (then how many more).
    std::string message();

    // Reports each key of `table` not in `allowed`, suggesting the closest allowed one (at most
    // two edits away) or else listing them all. `where` names the table ("[event]").
    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    const std::string& where);

    // The node at `key`, or nullptr; reports a missing required key at the table's line.
    const toml::node* field(const toml::table& table, std::string_view key,
                            const std::string& where, Need need);

    // Reports that `node` (at `key`) is not of the `expected` type.
    void wrong_type(const toml::node& node, std::string_view key, const std::string& where,
                    const char* expected);

    // A string at `key`; nullopt (reported when wrong or required) otherwise.
    std::optional<std::string> string_field(const toml::table& table, std::string_view key,
                                            const std::string& where, Need need);

    // An integer within lo..hi; `range` describes it in the message.
    std::optional<std::int64_t> integer_field(const toml::table& table, std::string_view key,
                                              const std::string& where, Need need, std::int64_t lo,
                                              std::int64_t hi, const std::string& range);

    // An array at `key`; nullptr (reported when wrong or required) otherwise.
    const toml::array* array_field(const toml::table& table, std::string_view key,
                                   const std::string& where, Need need);

    // The entries of an array of tables ([[name]] or name = [ {...}, ... ]). Entries that are not
    // tables are reported and skipped. `max` bounds the count (`too_many` reported at the first
    // extra one).
    std::vector<const toml::table*> table_array(const toml::table& parent, std::string_view key,
                                                const std::string& where, std::size_t max,
                                                const std::string& too_many);

  private:
    std::string source_;
    std::vector<std::pair<TomlLine, std::string>> errors_;
};

} // namespace accred::event_file
