#include "resolved_zone.h"

#include "event/zone_name.h"

#include <date/tz.h>

// ptz.h (date 3.0.1) names hh_mm_ss unqualified under "using namespace date" and
// "using namespace std::chrono", which C++20 makes ambiguous; a using-declaration in its namespace
// is found first. ptz.h also defines a non-inline function: only this file may include it.
namespace Posix {
using date::hh_mm_ss;
}
#include <algorithm>
#include <chrono>
#include <date/ptz.h>
#include <fstream>
#include <iterator>

namespace accred {

struct ResolvedZone::Stretch {
    std::int64_t begin = 0; // UTC seconds, inclusive
    std::int64_t end = 0;   // exclusive
    std::int32_t offset = 0;
};

namespace {

// Far above any real zone file (the largest is a few KiB), so a doctored one costs little.
constexpr std::streamsize kMaxFileBytes = 256 * 1024;
constexpr std::size_t kMaxFooterBytes = 256;
// The latest instant anything here is asked about (utc_to_local's bound, about 35,000 years).
constexpr std::int64_t kLatest = std::int64_t{1} << 40;
// A POSIX TZ rule depends only on the Gregorian calendar, which repeats every 400 years
// (146,097 days, whole weeks). Instants beyond kFarFuture are moved back by whole cycles before
// they reach ptz.h, whose date::year stops at 32767.
constexpr std::int64_t kCycleSeconds = std::int64_t{146097} * 86400;
constexpr std::int64_t kFarFuture = std::int64_t{1} << 36; // the year 4147

date::sys_seconds at(std::int64_t seconds) {
    return date::sys_seconds{std::chrono::seconds{seconds}};
}

std::int64_t count(date::sys_seconds t) {
    return t.time_since_epoch().count();
}

// The TZif footer (RFC 8536 section 3.3): the file ends with "\n" TZ-string "\n". nullopt when
// the file cannot be read or does not end with a printable line (a version 1 file has none).
std::optional<std::string> read_footer(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::string bytes(static_cast<std::size_t>(kMaxFileBytes) + 1, '\0');
    file.read(bytes.data(), kMaxFileBytes + 1);
    if (file.bad() || file.gcount() > kMaxFileBytes) return std::nullopt;
    bytes.resize(static_cast<std::size_t>(file.gcount()));
    if (bytes.size() < 2 || bytes.back() != '\n') return std::nullopt;
    const std::size_t start = bytes.rfind('\n', bytes.size() - 2);
    if (start == std::string::npos) return std::nullopt;
    std::string footer = bytes.substr(start + 1, bytes.size() - start - 2);
    const bool printable =
        std::all_of(footer.begin(), footer.end(), [](char c) { return c > ' ' && c <= '~'; });
    if (footer.size() > kMaxFooterBytes || !printable) return std::nullopt;
    return footer;
}

} // namespace

Outcome<ResolvedZone> ResolvedZone::resolve(std::string_view name) {
    const std::string text(name);
    if (!is_valid_zone_name(name))
        return Error{"\"" + text + "\" is not an IANA time zone name (such as Europe/Brussels)"};
    if (name.starts_with("right/"))
        return Error{"time zone \"" + text +
                     "\": it has leap-second records (a \"right/\" zone, whose clock is not the "
                     "POSIX time of credentials and kiosks)"};
    if (name.starts_with("posix/"))
        return Error{"time zone \"" + text + "\": write \"" + text.substr(6) +
                     "\" (the posix/ copies are not in the time zone database)"};
    const std::string path = std::string(kZoneInfoDir) + "/" + text;
    ResolvedZone zone;
    zone.name_ = text;
    try {
        zone.zone_ = date::locate_zone(text); // the first call loads the database, once
    } catch (...) {
        return Error{"unknown time zone \"" + text + "\": no file " + path};
    }
    try {
        // date/tz reads a zone's file on first use (under std::call_once): do it now, so that
        // no later query can meet an unreadable file.
        zone.table_end_ = count(zone.zone_->get_info(at(kLatest)).begin);
    } catch (...) {
        return Error{"time zone \"" + text + "\": cannot read " + path};
    }
    const auto footer = read_footer(path);
    if (!footer) {
        zone.footer_unreadable_ = true;
    } else if (!footer->empty()) {
        try {
            zone.footer_ = std::make_shared<const Posix::time_zone>(*footer);
        } catch (...) { // e.g. the negative rule times of America/Nuuk, which ptz.h refuses
            zone.footer_unreadable_ = true;
        }
    }
    return zone;
}

ResolvedZone ResolvedZone::resolve_or_unknown(std::string_view name) {
    auto zone = resolve(name);
    return zone ? std::move(zone).value() : ResolvedZone{};
}

std::optional<ResolvedZone::Stretch> ResolvedZone::stretch_at(std::int64_t utc) const {
    if (zone_ == nullptr) return std::nullopt;
    try {
        if (utc < table_end_ || (!footer_ && !footer_unreadable_)) {
            const date::sys_info info = zone_->get_info(at(utc));
            return Stretch{count(info.begin), count(info.end),
                           static_cast<std::int32_t>(info.offset.count())};
        }
        if (!footer_) return std::nullopt;
        const std::int64_t shift =
            utc > kFarFuture ? ((utc - kFarFuture) / kCycleSeconds + 1) * kCycleSeconds : 0;
        const date::sys_info info = footer_->get_info(at(utc - shift));
        // The rule governs from the end of the table on; before that, the table does.
        return Stretch{std::max(count(info.begin) + shift, table_end_), count(info.end) + shift,
                       static_cast<std::int32_t>(info.offset.count())};
    } catch (...) {
        return std::nullopt; // not expected once resolved: nothing throws across our API
    }
}

std::optional<std::int32_t> ResolvedZone::offset_at(std::int64_t utc) const {
    const auto stretch = stretch_at(utc);
    if (!stretch) return std::nullopt;
    return stretch->offset;
}

std::optional<std::int64_t> ResolvedZone::local_to_utc(std::int64_t local) const {
    // Offsets are within about +-26 hours, so every instant whose local reading is near `local`
    // lies within three days of it. Walk the stretches of constant offset from there and return
    // the first instant t with t + offset(t) >= local.
    constexpr std::int64_t kMargin = 3 * 86400;
    constexpr int kMaxStretches = 16; // a few changes in six days at most; a bound, not a limit
    auto stretch = stretch_at(local - kMargin);
    for (int i = 0; stretch && i < kMaxStretches; ++i) {
        const std::int64_t candidate = std::max(stretch->begin, local - stretch->offset);
        if (candidate < stretch->end) return candidate;
        stretch = stretch_at(stretch->end);
    }
    return std::nullopt;
}

} // namespace accred
