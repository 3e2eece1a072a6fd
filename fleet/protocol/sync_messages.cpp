#include "sync_messages.h"

#include "crypto/hex.h"
#include "fleet/protocol/base64_text.h"
#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_fields.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace accred {
namespace {

using json = nlohmann::json;

// Thrown inside this file only, caught at the parse functions: a message names what is wrong.
struct Malformed {
    std::string what;
};

[[noreturn]] void malformed(std::string what) {
    throw Malformed{std::move(what)};
}

// Only the keys in allowed: a key we do not know is an error, so a field a newer peer relies on
// is never silently dropped.
void only_keys(const json& object, const std::set<std::string>& allowed, const char* where) {
    if (!object.is_object()) malformed(std::string(where) + " is not an object");
    for (const auto& [key, value] : object.items())
        if (!allowed.contains(key))
            malformed(std::string(where) + " has an unknown key \"" + key + "\"");
}

const json& field(const json& object, const char* key, const char* where) {
    auto it = object.find(key);
    if (it == object.end()) malformed(std::string(where) + " has no \"" + key + "\"");
    return *it;
}

std::uint64_t unsigned_field(const json& object, const char* key, const char* where) {
    const json& v = field(object, key, where);
    if (!v.is_number_unsigned()) malformed(std::string(where) + "." + key + " is not a count");
    return v.get<std::uint64_t>();
}

std::int64_t integer_field(const json& object, const char* key, const char* where) {
    const json& v = field(object, key, where);
    if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            malformed(std::string(where) + "." + key + " is out of range");
        return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    if (!v.is_number_integer()) malformed(std::string(where) + "." + key + " is not an integer");
    return v.get<std::int64_t>();
}

bool bool_field(const json& object, const char* key, const char* where) {
    const json& v = field(object, key, where);
    if (!v.is_boolean()) malformed(std::string(where) + "." + key + " is not true or false");
    return v.get<bool>();
}

std::string text_field(const json& object, const char* key, const char* where) {
    const json& v = field(object, key, where);
    if (!v.is_string()) malformed(std::string(where) + "." + key + " is not text");
    return v.get<std::string>();
}

std::optional<std::string> optional_text(const json& object, const char* key, const char* where) {
    const json& v = field(object, key, where);
    if (v.is_null()) return std::nullopt;
    if (!v.is_string()) malformed(std::string(where) + "." + key + " is not text or null");
    return v.get<std::string>();
}

template <std::size_t N>
std::array<std::uint8_t, N> hex_array(const std::string& text, const std::string& where) {
    auto bytes = hex_decode(text);
    if (!bytes || bytes->size() != N)
        malformed(where + " is not " + std::to_string(N) + " bytes of hex");
    std::array<std::uint8_t, N> out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

// No decision fails more rules than there are (entry_chain.cpp refuses more than 16).
constexpr std::size_t kMaxRowOtherReasons = 16;

// Writes one field of a row as JSON, by its type.
struct RowWriter {
    json& j;

    void operator()(const char* key, std::uint64_t v) { j[key] = v; }
    void operator()(const char* key, std::int64_t v) { j[key] = v; }
    void operator()(const char* key, bool v) { j[key] = v; }
    void operator()(const char* key, std::uint32_t v) { j[key] = v; }
    void operator()(const char* key, const std::string& v) { j[key] = v; }
    void operator()(const char* key, Direction v) { j[key] = direction_name(v); }
    void operator()(const char* key, Verdict v) { j[key] = verdict_name(v); }
    void operator()(const char* key, Reason v) { j[key] = reason_name(v); }
    void operator()(const char* key, const std::vector<Reason>& v) {
        json names = json::array();
        for (Reason reason : v) names.push_back(reason_name(reason));
        j[key] = std::move(names);
    }
    // The scanned text may be any bytes a camera read: base64 keeps them exact.
    void operator()(const char* key, CredentialBytes<const std::string> v) {
        j[key] = base64_encode(
            std::span(reinterpret_cast<const std::uint8_t*>(v.bytes.data()), v.bytes.size()));
    }
    template <std::size_t N> void operator()(const char* key, const std::array<std::uint8_t, N>& v) {
        j[key] = hex_encode(v);
    }
    template <typename T> void operator()(const char* key, const std::optional<T>& v) {
        if (v)
            (*this)(key, *v);
        else
            j[key] = nullptr;
    }
};

// Reads one field of a row from JSON, by its type; malformed() names the field.
struct RowReader {
    const json& j;
    static constexpr const char* where = "a row";

    static std::string named(const char* key) { return std::string("a row's ") + key; }
    template <typename T>
    void name_field(const char* key, T& field, std::optional<T> (*from_name)(std::string_view),
                    const char* vocabulary) {
        const auto value = from_name(text_field(j, key, where));
        if (!value) malformed(named(key) + " is not " + vocabulary);
        field = *value;
    }

    void operator()(const char* key, std::uint64_t& v) { v = unsigned_field(j, key, where); }
    void operator()(const char* key, std::int64_t& v) { v = integer_field(j, key, where); }
    void operator()(const char* key, bool& v) { v = bool_field(j, key, where); }
    void operator()(const char* key, std::string& v) { v = text_field(j, key, where); }
    void operator()(const char* key, Direction& v) {
        name_field(key, v, direction_from_name, "entry or exit");
    }
    void operator()(const char* key, Verdict& v) {
        name_field(key, v, verdict_from_name, "granted, denied or attention");
    }
    void operator()(const char* key, Reason& v) {
        name_field(key, v, reason_from_name, "in the reason vocabulary");
    }
    void operator()(const char* key, std::vector<Reason>& v) {
        const json& names = field(j, key, where);
        if (!names.is_array() || names.size() > kMaxRowOtherReasons)
            malformed(named(key) + " is not a short list");
        for (const json& name : names) {
            if (!name.is_string()) malformed(named(key) + " holds a value that is not a name");
            const auto reason = reason_from_name(name.get<std::string>());
            if (!reason) malformed(named(key) + " holds a name outside the vocabulary");
            v.push_back(*reason);
        }
    }
    void operator()(const char* key, CredentialBytes<std::string> v) {
        auto bytes = base64_decode(text_field(j, key, where), kMaxLogCredentialBytes);
        if (!bytes)
            malformed(named(key) + " is not canonical base64 of at most " +
                      std::to_string(kMaxLogCredentialBytes) + " bytes");
        v.bytes.assign(bytes->begin(), bytes->end());
    }
    template <std::size_t N> void operator()(const char* key, std::array<std::uint8_t, N>& v) {
        v = hex_array<N>(text_field(j, key, where), named(key));
    }
    void operator()(const char* key, std::optional<std::uint32_t>& v) {
        const json& issue = field(j, key, where);
        if (issue.is_null()) return v.reset();
        if (!issue.is_number_unsigned() || issue.get<std::uint64_t>() > 0xFFFFFFFFu)
            malformed(named(key) + " is not a 32-bit count");
        v = static_cast<std::uint32_t>(issue.get<std::uint64_t>());
    }
    template <typename T> void operator()(const char* key, std::optional<T>& v) {
        if (field(j, key, where).is_null()) return v.reset();
        if constexpr (std::is_same_v<T, std::string>) {
            v = optional_text(j, key, where);
        } else {
            (*this)(key, v.emplace());
        }
    }
};

json row_to_json(const EntryRecord& r) {
    json j = json::object();
    for_each_entry_field(r, RowWriter{j});
    return j;
}

// The keys of a row, from the one field list: a key we do not know is an error.
const std::set<std::string>& row_keys() {
    static const std::set<std::string> keys = [] {
        std::set<std::string> out;
        const EntryRecord row;
        for_each_entry_field(row, [&](const char* key, const auto&) { out.insert(key); });
        return out;
    }();
    return keys;
}

EntryRecord row_from_json(const json& j) {
    only_keys(j, row_keys(), "a row");
    EntryRecord r;
    for_each_entry_field(r, RowReader{j});
    return r;
}

std::vector<EntryRecord> rows_from_json(const json& array, std::size_t max, const char* name) {
    if (!array.is_array()) malformed(std::string(name) + " is not an array");
    if (array.size() > max)
        malformed(std::string(name) + " has " + std::to_string(array.size()) + " rows; at most " +
                  std::to_string(max) + " at once");
    std::vector<EntryRecord> rows;
    rows.reserve(array.size());
    for (const json& row : array)
        rows.push_back(row_from_json(row));
    return rows;
}

json parse_body(std::string_view body, const char* what) {
    if (body.size() > kMaxSyncMessageBytes)
        malformed(std::string(what) + " is " + std::to_string(body.size()) + " bytes; at most " +
                  std::to_string(kMaxSyncMessageBytes));
    // Duplicate keys: nlohmann keeps the last; a strict reader must not guess, so parse with a
    // callback that refuses them.
    std::vector<std::set<std::string>> seen;
    bool duplicate = false;
    json::parser_callback_t refuse_duplicates = [&](int depth, json::parse_event_t event,
                                                    json& parsed) {
        (void)depth;
        if (event == json::parse_event_t::object_start)
            seen.emplace_back();
        else if (event == json::parse_event_t::object_end)
            seen.pop_back();
        else if (event == json::parse_event_t::key && !seen.empty())
            duplicate |= !seen.back().insert(parsed.get<std::string>()).second;
        return true;
    };
    json j = json::parse(body.begin(), body.end(), refuse_duplicates, false);
    if (j.is_discarded()) malformed(std::string(what) + " is not JSON");
    if (duplicate) malformed(std::string(what) + " repeats a key");
    return j;
}

void check_version(const json& j, const char* where) {
    if (integer_field(j, "v", where) != kSyncProtocolVersion)
        malformed(std::string(where) + " is of protocol version " +
                  std::to_string(integer_field(j, "v", where)) + "; this build speaks " +
                  std::to_string(kSyncProtocolVersion));
}

// Runs parse, turning what it throws into an Error that names the message.
template <typename Parse>
auto guarded(const char* what, Parse&& parse) -> Outcome<decltype(parse())> {
    try {
        return parse();
    } catch (const Malformed& m) {
        return Error{m.what};
    } catch (const json::exception& e) {
        return Error{std::string(what) + ": " + e.what()};
    }
}

} // namespace

std::string sync_request_to_json(const SyncRequest& q) {
    json j;
    j["v"] = kSyncProtocolVersion;
    j["log_seq"] = q.log_seq;
    j["rows"] = json::array();
    for (const auto& r : q.rows)
        j["rows"].push_back(row_to_json(r));
    j["checkpoint"] = q.checkpoint ? json(checkpoint_to_text(*q.checkpoint)) : json(nullptr);
    j["bundle_version"] = q.bundle_version;
    j["revocations_version"] = q.revocations_version;
    j["revocations_issued_at"] = q.revocations_issued_at;
    j["presence_after"] = q.presence_after;
    j["presence_generation"] = q.presence_generation;
    j["kiosk_time"] = q.kiosk_time;
    j["simulated_time"] = q.simulated_time;
    return j.dump();
}

Outcome<SyncRequest> sync_request_from_json(std::string_view body) {
    const char* where = "the sync request";
    return guarded(where, [&] {
        const json j = parse_body(body, where);
        only_keys(j,
                  {"v", "log_seq", "rows", "checkpoint", "bundle_version", "revocations_version",
                   "revocations_issued_at", "presence_after", "presence_generation", "kiosk_time",
                   "simulated_time"},
                  where);
        check_version(j, where);
        SyncRequest q;
        q.log_seq = unsigned_field(j, "log_seq", where);
        q.rows =
            rows_from_json(field(j, "rows", where), kMaxRowsPerSync, "the sync request's rows");
        if (auto text = optional_text(j, "checkpoint", where)) {
            auto cp = checkpoint_from_text(*text);
            if (!cp) malformed("the sync request's checkpoint: " + cp.error().message);
            q.checkpoint = cp.value();
        }
        q.bundle_version = unsigned_field(j, "bundle_version", where);
        q.revocations_version = unsigned_field(j, "revocations_version", where);
        q.revocations_issued_at = unsigned_field(j, "revocations_issued_at", where);
        q.presence_after = unsigned_field(j, "presence_after", where);
        q.presence_generation = unsigned_field(j, "presence_generation", where);
        q.kiosk_time = integer_field(j, "kiosk_time", where);
        q.simulated_time = bool_field(j, "simulated_time", where);
        return q;
    });
}

std::string sync_reply_to_json(const SyncReply& a) {
    json j;
    j["v"] = kSyncProtocolVersion;
    j["acked_seq"] = a.acked_seq;
    j["bundle_version"] = a.bundle_version;
    j["revocations"] = a.revocations ? json(base64_encode(*a.revocations)) : json(nullptr);
    j["presence"] = json::array();
    for (const auto& r : a.presence)
        j["presence"].push_back(row_to_json(r));
    j["presence_cursor"] = a.presence_cursor;
    j["presence_generation"] = a.presence_generation;
    j["more"] = a.more;
    j["desk_time"] = a.desk_time;
    return j.dump();
}

Outcome<SyncReply> sync_reply_from_json(std::string_view body) {
    const char* where = "the desk's reply";
    return guarded(where, [&] {
        const json j = parse_body(body, where);
        only_keys(j,
                  {"v", "acked_seq", "bundle_version", "revocations", "presence", "presence_cursor",
                   "presence_generation", "more", "desk_time"},
                  where);
        check_version(j, where);
        SyncReply a;
        a.acked_seq = unsigned_field(j, "acked_seq", where);
        a.bundle_version = unsigned_field(j, "bundle_version", where);
        if (auto text = optional_text(j, "revocations", where)) {
            auto bytes = base64_decode(*text, kMaxInlineRevocationBytes);
            if (!bytes)
                malformed("the desk's revocation update is not canonical base64 of at most " +
                          std::to_string(kMaxInlineRevocationBytes) + " bytes");
            a.revocations = std::move(bytes);
        }
        a.presence = rows_from_json(field(j, "presence", where), kMaxPresencePerSync,
                                    "the desk's presence rows");
        a.presence_cursor = unsigned_field(j, "presence_cursor", where);
        a.presence_generation = unsigned_field(j, "presence_generation", where);
        a.more = bool_field(j, "more", where);
        a.desk_time = integer_field(j, "desk_time", where);
        return a;
    });
}

} // namespace accred
