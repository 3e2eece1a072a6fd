#include "time_zone.h"

#include "event/calendar.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>

namespace accred {

namespace {

// Bounds far above any real zone (the largest tzdata file has a few hundred transitions and is a
// few KiB) so that a doctored file cannot make us allocate much.
constexpr std::size_t kMaxFileBytes = 256 * 1024;
constexpr std::uint32_t kMaxTransitions = 10000;
constexpr std::uint32_t kMaxTypes = 256;
constexpr std::uint32_t kMaxAbbreviationBytes = 1024;
constexpr std::size_t kMaxFooterBytes = 256;
// RFC 8536 section 3.2: utoff SHOULD be in -89999..93599 (just over a day either way).
constexpr std::int32_t kMinOffset = -89999;
constexpr std::int32_t kMaxOffset = 93599;

struct Counts {
    std::uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

class ByteReader {
  public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
    std::size_t remaining() const { return bytes_.size() - pos_; }
    bool skip(std::size_t n) {
        if (n > remaining()) return false;
        pos_ += n;
        return true;
    }
    bool u8(std::uint8_t& value) {
        if (remaining() < 1) return false;
        value = bytes_[pos_++];
        return true;
    }
    bool u32(std::uint32_t& value) {
        if (remaining() < 4) return false;
        value = 0;
        for (int i = 0; i < 4; ++i)
            value = value << 8 | bytes_[pos_++];
        return true;
    }
    bool i32(std::int32_t& value) {
        std::uint32_t raw = 0;
        if (!u32(raw)) return false;
        value = static_cast<std::int32_t>(raw); // two's complement, as C++20 defines
        return true;
    }
    bool i64(std::int64_t& value) {
        if (remaining() < 8) return false;
        std::uint64_t raw = 0;
        for (int i = 0; i < 8; ++i)
            raw = raw << 8 | bytes_[pos_++];
        value = static_cast<std::int64_t>(raw);
        return true;
    }

  private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

Error bad_tzif(const std::string& why) {
    return Error{"not a usable TZif file: " + why};
}

// Reads the 44-byte header; `version` receives the version byte.
bool read_header(ByteReader& in, std::uint8_t& version, Counts& c) {
    std::array<std::uint8_t, 4> magic{};
    for (auto& b : magic)
        if (!in.u8(b)) return false;
    if (magic != std::array<std::uint8_t, 4>{'T', 'Z', 'i', 'f'}) return false;
    if (!in.u8(version) || !in.skip(15)) return false;
    return in.u32(c.isutcnt) && in.u32(c.isstdcnt) && in.u32(c.leapcnt) && in.u32(c.timecnt) &&
           in.u32(c.typecnt) && in.u32(c.charcnt);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

Outcome<TimeZone> TimeZone::from_tzif(std::span<const std::uint8_t> bytes) {
    if (bytes.size() > kMaxFileBytes) return bad_tzif("larger than 256 KiB");
    ByteReader in(bytes);
    std::uint8_t version = 0;
    Counts v1{};
    if (!read_header(in, version, v1)) return bad_tzif("no TZif header");
    if (version < '2' || version > '4') return bad_tzif("version 2 or later needed");
    // Skip the 32-bit block: it is only for version 1 readers.
    const std::uint64_t v1_size = std::uint64_t{v1.timecnt} * 5 + std::uint64_t{v1.typecnt} * 6 +
                                  v1.charcnt + std::uint64_t{v1.leapcnt} * 8 + v1.isstdcnt +
                                  v1.isutcnt;
    if (v1_size > in.remaining() || !in.skip(static_cast<std::size_t>(v1_size)))
        return bad_tzif("truncated version 1 block");

    std::uint8_t version2 = 0;
    Counts c{};
    if (!read_header(in, version2, c) || version2 != version) return bad_tzif("no second header");
    if (c.leapcnt != 0) return bad_tzif("it has leap-second records (a \"right/\" zone)");
    if (c.typecnt == 0 || c.typecnt > kMaxTypes) return bad_tzif("bad number of time types");
    if (c.timecnt > kMaxTransitions) return bad_tzif("too many transitions");
    if (c.charcnt == 0 || c.charcnt > kMaxAbbreviationBytes)
        return bad_tzif("bad abbreviation table size");
    if ((c.isstdcnt != 0 && c.isstdcnt != c.typecnt) || (c.isutcnt != 0 && c.isutcnt != c.typecnt))
        return bad_tzif("inconsistent indicator counts");
    const std::uint64_t block = std::uint64_t{c.timecnt} * 9 + std::uint64_t{c.typecnt} * 6 +
                                c.charcnt + c.isstdcnt + c.isutcnt;
    if (block > in.remaining()) return bad_tzif("truncated data block");

    std::vector<std::int64_t> times(c.timecnt);
    for (std::uint32_t i = 0; i < c.timecnt; ++i) {
        if (!in.i64(times[i])) return bad_tzif("truncated transition times");
        if (i > 0 && times[i] <= times[i - 1]) return bad_tzif("transitions out of order");
    }
    std::vector<std::uint8_t> type_of(c.timecnt);
    for (auto& index : type_of)
        if (!in.u8(index) || index >= c.typecnt) return bad_tzif("bad transition type");
    std::vector<std::int32_t> offsets(c.typecnt);
    for (auto& offset : offsets) {
        std::uint8_t isdst = 0;
        std::uint8_t abbreviation = 0;
        if (!in.i32(offset) || !in.u8(isdst) || !in.u8(abbreviation))
            return bad_tzif("truncated time types");
        if (offset < kMinOffset || offset > kMaxOffset || isdst > 1 || abbreviation >= c.charcnt)
            return bad_tzif("bad time type");
    }
    // Abbreviations and the standard/UT indicators only matter to POSIX TZ emulation; skip them.
    if (!in.skip(std::size_t{c.charcnt} + c.isstdcnt + c.isutcnt))
        return bad_tzif("truncated data block");

    // Footer: "\n" TZ-string "\n", then nothing.
    std::uint8_t byte = 0;
    if (!in.u8(byte) || byte != '\n') return bad_tzif("no footer");
    std::string footer;
    for (;;) {
        if (!in.u8(byte)) return bad_tzif("unterminated footer");
        if (byte == '\n') break;
        if (byte == 0 || footer.size() >= kMaxFooterBytes) return bad_tzif("bad footer");
        footer += static_cast<char>(byte);
    }
    if (in.remaining() != 0) return bad_tzif("bytes after the footer");

    TimeZone zone;
    zone.initial_offset_ = offsets[0];
    zone.transitions_.reserve(c.timecnt);
    for (std::uint32_t i = 0; i < c.timecnt; ++i)
        zone.transitions_.push_back(Transition{times[i], offsets[type_of[i]]});
    if (!footer.empty()) {
        zone.footer_ = PosixTzRule::parse(footer);
        if (!zone.footer_) return bad_tzif("unreadable footer rule \"" + footer + "\"");
    }
    return zone;
}

std::int32_t TimeZone::offset_at(std::int64_t utc) const {
    const bool after_table = transitions_.empty() || utc >= transitions_.back().at;
    if (after_table && footer_) return footer_->offset_at(utc);
    auto next = std::upper_bound(transitions_.begin(), transitions_.end(), utc,
                                 [](std::int64_t t, const Transition& tr) { return t < tr.at; });
    return next == transitions_.begin() ? initial_offset_ : std::prev(next)->offset_after;
}

std::vector<Transition> TimeZone::transitions_between(std::int64_t from, std::int64_t to) const {
    std::vector<Transition> out;
    for (const Transition& t : transitions_)
        if (t.at >= from && t.at < to) out.push_back(t);
    if (!footer_) return out;
    // The footer rule governs from the last table entry on; its own changes after that point
    // continue the table.
    const std::int64_t rule_from = transitions_.empty() ? from : transitions_.back().at + 1;
    if (to <= rule_from) return out;
    const int first_year = civil_from_days(floor_div(std::max(from, rule_from), 86400)).year - 1;
    const int last_year = civil_from_days(floor_div(to, 86400)).year + 1;
    std::vector<Transition> generated;
    for (int year = first_year; year <= last_year; ++year)
        footer_->transitions_in_year(year, generated);
    std::stable_sort(generated.begin(), generated.end(),
                     [](const Transition& a, const Transition& b) { return a.at < b.at; });
    for (const Transition& t : generated)
        if (t.at >= std::max(from, rule_from) && t.at < to) out.push_back(t);
    return out;
}

std::int64_t TimeZone::local_to_utc(std::int64_t local) const {
    // Offsets are within about +-26 hours, so every instant whose local reading is near `local`
    // lies within three days of it. Walk the stretches of constant offset in that range and
    // return the first instant t with t + offset(t) >= local.
    constexpr std::int64_t kMargin = 3 * 86400;
    const std::int64_t from = local - kMargin;
    const std::int64_t to = local + kMargin;
    std::int64_t start = from;
    std::int32_t offset = offset_at(from);
    for (const Transition& t : transitions_between(from + 1, to)) {
        const std::int64_t candidate = std::max(start, local - offset);
        if (candidate < t.at) return candidate;
        start = t.at;
        offset = t.offset_after;
    }
    return std::max(start, local - offset);
}

bool is_valid_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (std::string_view reserved : {"localtime", "posixrules", "leapseconds", "Factory"})
        if (name == reserved) return false;
    std::size_t component = 0; // length of the current component
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '/') {
            if (component == 0) return false; // leading '/' or "//"
            component = 0;
            continue;
        }
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
        if (!ok) return false; // this also excludes "." and "..", and every "*.tab" file
        ++component;
    }
    return component != 0; // no trailing '/'
}

Outcome<TimeZone> load_time_zone(const std::string& name, const std::string& zoneinfo_dir) {
    if (!is_valid_zone_name(name))
        return Error{"\"" + name + "\" is not an IANA time zone name (such as Europe/Brussels)"};
    const std::filesystem::path path = std::filesystem::path(zoneinfo_dir) / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{"unknown time zone \"" + name + "\": no file " + path.string()};
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxFileBytes)
        return Error{"time zone \"" + name + "\": cannot use " + path.string()};
    std::ifstream file(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (!file || !file.read(reinterpret_cast<char*>(bytes.data()),
                            static_cast<std::streamsize>(bytes.size())))
        return Error{"time zone \"" + name + "\": cannot read " + path.string()};
    auto zone = TimeZone::from_tzif(bytes);
    if (!zone) return Error{"time zone \"" + name + "\": " + zone.error().message};
    return zone;
}

std::shared_ptr<const TimeZone> shared_time_zone(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const TimeZone>> cache;
    std::lock_guard lock(mutex);
    if (auto found = cache.find(name); found != cache.end()) return found->second;
    auto zone = load_time_zone(name);
    if (!zone) return nullptr;
    auto shared = std::make_shared<const TimeZone>(std::move(zone).value());
    cache.emplace(name, shared);
    return shared;
}

} // namespace accred
