#include "roster_rules.h"

#include "crypto/claims.h"
#include "event/calendar.h"
#include "issuer/photo_normalize.h"

#include <algorithm>
#include <sstream>

namespace accred {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, sep))
        out.push_back(item);
    if (s.back() == sep) out.emplace_back();
    return out;
}

} // namespace

bool valid_person_id(std::string_view s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
               ch == '.' || ch == '_' || ch == '-';
    });
}

namespace {

bool valid_id(const std::string& s) {
    return valid_person_id(s);
}

// The same text rules as the credential's name claim (no control characters, valid UTF-8).
bool valid_text(const std::string& s) {
    Claims probe;
    probe.iss = "x";
    probe.sub = "x";
    probe.name = s;
    return !claims_rule_violation(probe).has_value();
}

// The days field: dates of the event, sorted, each once.
std::vector<LocalDate> read_days(const std::string& field, const EventDefinition& event,
                                 std::vector<FieldProblem>& problems) {
    std::vector<LocalDate> days;
    for (const auto& d : split(field, ';')) {
        auto day = parse_iso_date(d); // an impossible date is not a date
        if (!day)
            problems.push_back({"days", "day \"" + d + "\" is not a date like 2014-03-31"});
        else if (std::find(event.days.begin(), event.days.end(), *day) == event.days.end())
            problems.push_back({"days", "day " + d + " is not a day of the event"});
        else
            days.push_back(*day);
    }
    if (field.empty()) problems.push_back({"days", "no days given"});
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

} // namespace

std::vector<FieldProblem> overlong_fields(const PersonFields& f) {
    std::vector<FieldProblem> problems;
    for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"id", &f.id},
                                       {"name", &f.name},
                                       {"delegation", &f.delegation},
                                       {"category", &f.category},
                                       {"days", &f.days},
                                       {"zones", &f.zones},
                                       {"escort_of", &f.escort_of}})
        if (value->size() > kMaxFieldBytes) problems.push_back({field, std::string(kFieldTooLong)});
    return problems;
}

Person read_person_fields(const PersonFields& f, const EventDefinition& event,
                          std::set<std::string>& ids, std::vector<FieldProblem>& problems) {
    Person p;
    p.id = f.id;
    p.name = f.name;
    p.delegation = f.delegation;
    p.category = f.category;
    if (!valid_id(p.id))
        problems.push_back({"id", "id \"" + p.id + "\" must be 1-32 of A-Z a-z 0-9 . _ -"});
    else if (!ids.insert(p.id).second)
        problems.push_back({"id", "duplicate id " + p.id});
    if (!valid_text(p.name) || p.name.size() > 64)
        problems.push_back(
            {"name", "name must be 1-64 bytes of UTF-8 text without control characters"});
    if (!p.delegation.empty() && (!valid_text(p.delegation) || p.delegation.size() > 64))
        problems.push_back({"delegation", "delegation must be at most 64 bytes of UTF-8 text"});
    if (event.find_category(p.category) == nullptr)
        problems.push_back({"category", "unknown category \"" + p.category + "\""});
    p.days = read_days(f.days, event, problems);
    for (const auto& z : split(f.zones, ';')) {
        if (event.find_zone(z) == nullptr)
            problems.push_back({"zones", "unknown zone \"" + z + "\""});
        else if (std::find(p.zones.begin(), p.zones.end(), z) == p.zones.end())
            p.zones.push_back(z);
    }
    if (!f.escort_of.empty()) p.escort_of = f.escort_of;
    return p;
}

// Two officers naming each other would each be admitted once the other is inside, with no
// principal anywhere: a chain must end at a principal.
void check_escort(const std::string& id, const std::string& principal, bool principal_known,
                  const std::map<std::string, std::string>& roster_escorts,
                  std::vector<FieldProblem>& problems) {
    if (principal != id && roster_escorts.contains(principal))
        problems.push_back({"escort_of", "escort_of names " + principal + ", who escorts " +
                                             roster_escorts.at(principal) +
                                             ": an escort must name the principal they protect"});
    if (!principal_known)
        problems.push_back({"escort_of", "escort_of names unknown person " + principal});
    if (principal == id) problems.push_back({"escort_of", "a person cannot escort themselves"});
}

Outcome<std::string> roster_photo(const std::string& bytes, const std::string& name) {
    if (bytes.size() > kMaxPhotoFileBytes) return Error{photo_too_large(name, bytes.size())};
    auto normalized = normalize_photo(bytes);
    if (!normalized) return Error{"photo " + name + ": " + normalized.error().message};
    return normalized;
}

std::string photo_too_large(const std::string& name, std::size_t size) {
    return "photo " + name + ": the file is too large (" + std::to_string(size) +
           " bytes; at most " + std::to_string(kMaxPhotoFileBytes) + ")";
}

std::string already_on_roster(const std::string& id) {
    return id + " is already on the roster";
}

} // namespace accred
