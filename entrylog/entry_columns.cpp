#include "entry_columns.h"

#include "entrylog/entry_chain.h"
#include "entrylog/entry_fields.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace accred {

namespace {

// The stored other reasons: a comma-joined list of names, never longer than every reason once.
constexpr std::size_t kMaxOtherReasonsText = 1024;

std::span<const std::uint8_t> bytes_of(const std::string& text) {
    return std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// Seqs are u64 in C++ and INTEGER (i64) in SQLite; no real log comes near the clamp.
std::int64_t to_sql(std::uint64_t v) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
}

// Binds one field, by its type.
struct Binder {
    Statement& q;
    int index;

    void operator()(std::string_view, std::uint64_t v) { q.bind(index++, to_sql(v)); }
    void operator()(std::string_view, std::int64_t v) { q.bind(index++, v); }
    void operator()(std::string_view, bool v) { q.bind(index++, std::int64_t{v ? 1 : 0}); }
    void operator()(std::string_view, const std::string& v) { q.bind(index++, v); }
    void operator()(std::string_view, Direction v) { q.bind(index++, direction_name(v)); }
    void operator()(std::string_view, Verdict v) { q.bind(index++, verdict_name(v)); }
    void operator()(std::string_view, Reason v) { q.bind(index++, reason_name(v)); }
    void operator()(std::string_view, const std::vector<Reason>& v) {
        q.bind(index++, reasons_to_text(v));
    }
    void operator()(std::string_view, CredentialBytes<const std::string> v) {
        q.bind_blob(index++, bytes_of(v.bytes));
    }
    template <std::size_t N>
    void operator()(std::string_view, const std::array<std::uint8_t, N>& v) {
        q.bind_blob(index++, v);
    }
    template <typename T> void operator()(std::string_view name, const std::optional<T>& v) {
        if (v)
            (*this)(name, *v);
        else
            q.bind_null(index++);
    }
    void operator()(std::string_view, std::uint32_t v) { q.bind(index++, std::int64_t{v}); }
};

// What typeof() says of each stored type ('integer', 'text' or 'blob'; optional adds 'null').
struct TypeNamer {
    std::vector<std::pair<std::string_view, std::string>>& out;

    void add(std::string_view name, std::string_view type, bool nullable = false) {
        out.emplace_back(name, nullable ? "IN ('" + std::string(type) + "', 'null')"
                                        : "= '" + std::string(type) + "'");
    }
    void operator()(std::string_view n, std::uint64_t) { add(n, "integer"); }
    void operator()(std::string_view n, std::int64_t) { add(n, "integer"); }
    void operator()(std::string_view n, bool) { add(n, "integer"); }
    void operator()(std::string_view n, const std::string&) { add(n, "text"); }
    void operator()(std::string_view n, Direction) { add(n, "text"); }
    void operator()(std::string_view n, Verdict) { add(n, "text"); }
    void operator()(std::string_view n, Reason) { add(n, "text"); }
    void operator()(std::string_view n, const std::vector<Reason>&) { add(n, "text"); }
    void operator()(std::string_view n, CredentialBytes<const std::string>) { add(n, "blob"); }
    template <std::size_t N>
    void operator()(std::string_view n, const std::array<std::uint8_t, N>&) {
        add(n, "blob");
    }
    void operator()(std::string_view n, const std::optional<std::string>&) { add(n, "text", true); }
    void operator()(std::string_view n, const std::optional<Reason>&) { add(n, "text", true); }
    void operator()(std::string_view n, const std::optional<std::uint32_t>&) {
        add(n, "integer", true);
    }
    void operator()(std::string_view n, const std::optional<std::array<std::uint8_t, 8>>&) {
        add(n, "blob", true);
    }
};

// Reads one field, by its type, from column `index`; the first problem stops the reading (each
// later call does nothing) and names the field.
struct Reader {
    const Statement& q;
    int index;
    std::optional<std::string> problem;

    // True when the field should be read: no problem yet. Moves to the next column either way.
    bool next(int& column) {
        column = index++;
        return !problem;
    }
    void fail(std::string_view name, const std::string& what) {
        problem = std::string(name) + " " + what;
    }
    // Sizes and ranges share one message, as the entry log's format document words it.
    void out_of_range() { problem = "a value is out of range or too long"; }
    static std::string quoted(const std::string& text) {
        return "\"" + text.substr(0, kMaxLogFieldBytes) + "\"";
    }
    template <typename T>
    void name_field(std::string_view name, T& field,
                    std::optional<T> (*from_name)(std::string_view), const char* vocabulary) {
        int c;
        if (!next(c)) return;
        const std::string text = q.column_text(c);
        if (auto v = from_name(text))
            field = *v;
        else
            fail(name, quoted(text) + " is not " + vocabulary);
    }

    void operator()(std::string_view, std::uint64_t& v) {
        int c;
        if (!next(c)) return;
        if (q.column_int(c) < 1) return out_of_range();
        v = static_cast<std::uint64_t>(q.column_int(c));
    }
    void operator()(std::string_view, std::int64_t& v) {
        int c;
        if (next(c)) v = q.column_int(c);
    }
    void operator()(std::string_view name, bool& v) {
        int c;
        if (!next(c)) return;
        const std::int64_t flag = q.column_int(c);
        if (flag != 0 && flag != 1) return fail(name, "is not 0 or 1");
        v = flag == 1;
    }
    void operator()(std::string_view, std::string& v) {
        int c;
        if (!next(c)) return;
        v = q.column_text(c);
        if (v.size() > kMaxLogFieldBytes) out_of_range();
    }
    void operator()(std::string_view name, Direction& v) {
        name_field(name, v, direction_from_name, "entry or exit");
    }
    void operator()(std::string_view name, Verdict& v) {
        name_field(name, v, verdict_from_name, "granted, denied or attention");
    }
    void operator()(std::string_view name, Reason& v) {
        name_field(name, v, reason_from_name, "in the reason vocabulary");
    }
    void operator()(std::string_view name, std::vector<Reason>& v) {
        int c;
        if (!next(c)) return;
        const std::string text = q.column_text(c);
        if (text.size() > kMaxOtherReasonsText) return fail(name, "is too long");
        auto reasons = reasons_from_text(text);
        if (!reasons) return fail(name, "holds a name outside the reason vocabulary");
        v = std::move(*reasons);
    }
    void operator()(std::string_view, CredentialBytes<std::string> v) {
        int c;
        if (!next(c)) return;
        v.bytes = q.column_blob(c);
        if (v.bytes.size() > kMaxLogCredentialBytes) out_of_range();
    }
    template <std::size_t N> void operator()(std::string_view, std::array<std::uint8_t, N>& v) {
        int c;
        if (!next(c)) return;
        const std::string bytes = q.column_blob(c);
        if (bytes.size() != N) return out_of_range();
        std::copy(bytes.begin(), bytes.end(), v.begin());
    }
    void operator()(std::string_view, std::uint32_t& v) {
        int c;
        if (!next(c)) return;
        const std::int64_t n = q.column_int(c);
        if (n < 0 || n > 0xFFFFFFFF) return out_of_range();
        v = static_cast<std::uint32_t>(n);
    }
    template <typename T> void operator()(std::string_view name, std::optional<T>& v) {
        if (q.column_is_null(index)) {
            ++index;
            v.reset();
            return;
        }
        (*this)(name, v.emplace());
    }
};

} // namespace

std::size_t entry_field_index(std::string_view name) {
    std::size_t index = 0, found = kEntryFieldCount;
    const EntryRecord row;
    for_each_entry_field(row, [&](std::string_view field, const auto&) {
        if (field == name) found = index;
        ++index;
    });
    return found;
}

std::string entry_columns(std::string_view prefix,
                          const std::map<std::string_view, std::string>& replace) {
    std::string out;
    const EntryRecord row;
    for_each_entry_field(row, [&](std::string_view name, const auto&) {
        if (!out.empty()) out += ", ";
        if (auto it = replace.find(name); it != replace.end())
            out += it->second;
        else
            out += std::string(prefix) + std::string(name);
    });
    return out;
}

std::string entry_parameters(int first) {
    std::string out;
    for (std::size_t i = 0; i < kEntryFieldCount; ++i)
        out += (i ? ", ?" : "?") + std::to_string(first + static_cast<int>(i));
    return out;
}

std::string entry_column_types_condition(const std::vector<std::string_view>& skip) {
    std::vector<std::pair<std::string_view, std::string>> types;
    const EntryRecord row;
    for_each_entry_field(row, TypeNamer{types});
    std::string out;
    for (const auto& [name, type] : types) {
        if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
        out += (out.empty() ? "typeof(" : " AND typeof(") + std::string(name) + ") " + type;
    }
    return out;
}

void bind_entry_fields(Statement& q, int first, const EntryRecord& row) {
    assert(first >= 1);
    for_each_entry_field(row, Binder{q, first});
}

Outcome<EntryRecord> read_entry_fields(const Statement& q, int first) {
    EntryRecord row;
    Reader reader{q, first, std::nullopt};
    for_each_entry_field(row, reader);
    if (reader.problem) return Error{*reader.problem};
    return row;
}

} // namespace accred
