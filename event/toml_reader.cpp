#include "toml_reader.h"

#include <algorithm>

namespace accred::event_file {

namespace {

constexpr std::size_t kMaxErrorsShown = 30;

// Levenshtein distance, for "did you mean" on unknown keys (keys are short).
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::string quote(std::string_view text) {
    // Values are echoed in messages; keep them short and free of control characters.
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < 60; ++i) {
        const char c = text[i];
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    if (text.size() > 60) out += "...";
    return out + "\"";
}

const char* type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a decimal number";
    case toml::node_type::boolean:
        return "true/false";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date and time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

std::string TomlReader::message() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (std::size_t i = 0; i < errors_.size() && i < kMaxErrorsShown; ++i) {
        if (i > 0) out += '\n';
        out += source_ + ":" + std::to_string(errors_[i].first) + ": " + errors_[i].second;
    }
    if (errors_.size() > kMaxErrorsShown)
        out += "\n" + source_ + ": " + std::to_string(errors_.size() - kMaxErrorsShown) +
               " more mistakes not shown";
    return out;
}

void TomlReader::check_keys(const toml::table& table,
                            std::initializer_list<std::string_view> allowed,
                            const std::string& where) {
    for (auto&& [key, node] : table) {
        const std::string_view name = key.str();
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        std::string reason = "unknown key " + quote(name) + " in " + where;
        std::string_view best;
        std::size_t best_distance = 3; // suggest only close matches
        for (std::string_view candidate : allowed) {
            const std::size_t d = edit_distance(name, candidate);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
        if (!best.empty()) {
            reason += " (did you mean " + quote(best) + "?)";
        } else {
            reason += " (expected:";
            for (std::string_view candidate : allowed)
                reason += " " + std::string(candidate);
            reason += ")";
        }
        const TomlLine line =
            key.source().begin.line ? key.source().begin.line : node.source().begin.line;
        error(line, std::move(reason));
    }
}

const toml::node* TomlReader::field(const toml::table& table, std::string_view key,
                                    const std::string& where, Need need) {
    const toml::node* node = table.get(key);
    if (!node && need == Need::required) error(table, "missing key " + quote(key) + " in " + where);
    return node;
}

void TomlReader::wrong_type(const toml::node& node, std::string_view key, const std::string& where,
                            const char* expected) {
    error(node, quote(key) + " in " + where + " must be " + expected + ", not " + type_name(node));
}

std::optional<std::string> TomlReader::string_field(const toml::table& table, std::string_view key,
                                                    const std::string& where, Need need) {
    const toml::node* node = field(table, key, where, need);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_string()) return value->get();
    wrong_type(*node, key, where, "a string");
    return std::nullopt;
}

std::optional<std::int64_t>
TomlReader::integer_field(const toml::table& table, std::string_view key, const std::string& where,
                          Need need, std::int64_t lo, std::int64_t hi, const std::string& range) {
    const toml::node* node = field(table, key, where, need);
    if (!node) return std::nullopt;
    const auto* value = node->as_integer();
    if (!value) {
        wrong_type(*node, key, where, "an integer");
        return std::nullopt;
    }
    if (value->get() < lo || value->get() > hi) {
        error(*node, quote(key) + " in " + where + " must be " + range + ", not " +
                         std::to_string(value->get()));
        return std::nullopt;
    }
    return value->get();
}

const toml::array* TomlReader::array_field(const toml::table& table, std::string_view key,
                                           const std::string& where, Need need) {
    const toml::node* node = field(table, key, where, need);
    if (!node) return nullptr;
    if (const auto* array = node->as_array()) return array;
    wrong_type(*node, key, where, "an array [ ... ]");
    return nullptr;
}

std::vector<const toml::table*> TomlReader::table_array(const toml::table& parent,
                                                        std::string_view key,
                                                        const std::string& where, std::size_t max,
                                                        const std::string& too_many) {
    std::vector<const toml::table*> out;
    const toml::node* node = parent.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
        error(*node, quote(key) + " in " + where + " must be a list of tables: write [[" +
                         std::string(key) + "]] for each entry, not " + type_name(*node));
        return out;
    }
    for (const toml::node& element : *array) {
        if (out.size() == max) {
            error(element, too_many);
            break;
        }
        if (const auto* table = element.as_table()) {
            out.push_back(table);
        } else {
            error(element, "each entry of " + quote(key) + " in " + where +
                               " must be a table, not " + type_name(element));
        }
    }
    return out;
}

} // namespace accred::event_file
