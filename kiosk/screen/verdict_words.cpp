#include "verdict_words.h"

#include "kiosk/screen/status_items.h"

namespace accred {
namespace {

// 0..59 (minutes) or 0..23 (hours) as two digits.
std::string two_digits(int n) {
    return std::string(n < 10 ? "0" : "") + std::to_string(n);
}

// A wait rounded up to the minute: "1 min" rather than "0 min" for 20 seconds left.
std::string wait_text(const ScreenText& text, std::size_t language, std::int64_t seconds) {
    return format_age(text, language, (seconds + 59) / 60 * 60);
}

// The fact of a replaced badge: the current issue when the revocation list names one.
std::string issue_fact(const VerdictView& v, const ScreenText& text, std::size_t language) {
    if (v.facts.current_issue)
        return text.get(
            language, "fact.current_issue",
            {std::to_string(*v.facts.current_issue), std::to_string(v.facts.scanned_issue)});
    return v.reason == Reason::revoked ? text.get(language, "fact.no_newer_issue") : std::string();
}

std::string zone_closed_fact(const VerdictView& v, const ScreenText& text, std::size_t language) {
    const std::string& zone = v.zone_name.in(text.language_code(language));
    if (v.zone_opens)
        return text.get(language, "fact.opens_at",
                        {zone, local_time_text(text, language, *v.zone_opens)});
    if (v.facts.zone_never_reopens) return text.get(language, "fact.never_reopens", {zone});
    return {};
}

} // namespace

std::string with_name(const std::string& holder, const std::string& name) {
    return name.empty() ? holder : holder + " " + name;
}

std::string local_time_text(const ScreenText& text, std::size_t language,
                            const LocalDateTime& local) {
    const std::string month = text.get(language, "month." + std::to_string(local.date.month));
    const std::string clock = two_digits(local.minute / 60) + ":" + two_digits(local.minute % 60);
    return text.get(
        language, "date.time",
        {std::to_string(local.date.day), month, std::to_string(local.date.year), clock});
}

std::string fact_line(const VerdictView& v, const ScreenText& text, std::size_t language) {
    const std::string code = text.language_code(language);
    switch (v.reason) {
    case Reason::not_yet_valid:
        return v.valid_from ? text.get(language, "fact.valid_from",
                                       {local_time_text(text, language, *v.valid_from)})
                            : std::string();
    case Reason::expired:
        return v.valid_until ? text.get(language, "fact.valid_until",
                                        {local_time_text(text, language, *v.valid_until)})
                             : std::string();
    case Reason::revoked:
    case Reason::superseded:
        return issue_fact(v, text, language);
    case Reason::escort_without_principal:
        return v.facts.principal ? text.get(language, "fact.principal",
                                            {with_name(*v.facts.principal, v.principal_name),
                                             v.zone_name.in(code)})
                                 : std::string();
    case Reason::already_inside:
        return v.facts.reentry_in_s ? text.get(language, "fact.reentry_in",
                                               {wait_text(text, language, *v.facts.reentry_in_s)})
                                    : std::string();
    case Reason::zone_closed:
        return zone_closed_fact(v, text, language);
    case Reason::stale_revocations:
        return v.facts.revocations_age_s
                   ? text.get(language, "fact.revocations_age",
                              {format_age(text, language, *v.facts.revocations_age_s)})
                   : std::string();
    default:
        break;
    }
    if (!v.parent_zone.empty())
        return text.get(language, "fact.parent_not_entered", {v.parent_zone.in(code)});
    return {};
}

std::string zones_line(const VerdictView& v, const ScreenText& text, std::size_t language) {
    if (v.zones.empty()) return {};
    const std::string code = text.language_code(language);
    std::string list;
    for (const ShownName& zone : v.zones) {
        if (!list.empty()) list += ", ";
        list += zone.in(code);
    }
    return text.get(language, "holder.zones", {list});
}

std::vector<std::string> verdict_words_keys() {
    std::vector<std::string> keys = {"date.time",
                                     "fact.valid_from",
                                     "fact.valid_until",
                                     "fact.current_issue",
                                     "fact.no_newer_issue",
                                     "fact.principal",
                                     "fact.reentry_in",
                                     "fact.opens_at",
                                     "fact.never_reopens",
                                     "fact.revocations_age",
                                     "fact.parent_not_entered",
                                     "holder.zones",
                                     "holder.principal"};
    for (int month = 1; month <= 12; ++month)
        keys.push_back("month." + std::to_string(month));
    return keys;
}

} // namespace accred
