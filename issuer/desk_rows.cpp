#include "desk_rows.h"

#include "event/calendar.h"

#include <algorithm>

namespace accred::desk_rows {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ";") + s;
    return out;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (!s.empty() && start <= s.size()) {
        const auto end = s.find(';', start);
        out.push_back(s.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

} // namespace

std::span<const std::uint8_t> blob(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
std::span<const std::uint8_t> blob(const CredentialId& cti) {
    return cti;
}

Person person_from_row(const Statement& q) {
    Person p;
    p.id = q.column_text(0);
    p.name = q.column_text(1);
    p.delegation = q.column_text(2);
    p.category = q.column_text(3);
    // desk.db holds the days as the import wrote them; one that does not read back (a file
    // edited by hand) is left out, so the badge grants fewer days, never more.
    for (const auto& d : split(q.column_text(4)))
        if (auto day = parse_iso_date(d)) p.days.push_back(*day);
    p.zones = split(q.column_text(5));
    if (!q.column_is_null(6)) p.escort_of = q.column_text(6);
    p.photo = q.column_blob(7);
    return p;
}

StoredCredential credential_from_row(const Statement& q) {
    StoredCredential c;
    const std::string cti = q.column_blob(0);
    std::copy_n(cti.begin(), std::min<std::size_t>(cti.size(), 8), c.cti.begin());
    c.holder = q.column_text(1);
    c.issue = static_cast<std::uint32_t>(q.column_int(2));
    c.text = q.column_text(3);
    c.issued_at = static_cast<std::uint64_t>(q.column_int(4));
    if (!q.column_is_null(5)) c.revoked_reason = q.column_text(5);
    return c;
}

void bind_person(Statement& q, const Person& p, std::uint64_t now) {
    std::vector<std::string> days;
    for (const auto& d : p.days)
        days.push_back(format_iso_date(d));
    q.bind(1, p.id).bind(2, p.name).bind(3, p.delegation).bind(4, p.category);
    q.bind(5, join(days)).bind(6, join(p.zones));
    if (p.escort_of)
        q.bind(7, *p.escort_of);
    else
        q.bind_null(7);
    q.bind_blob(8, blob(p.photo)).bind(9, static_cast<std::int64_t>(now));
}

} // namespace accred::desk_rows
