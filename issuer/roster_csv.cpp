#include "roster_csv.h"

#include "crypto/claims.h"
#include "crypto/file_io.h"
#include "event/calendar.h"
#include "issuer/photo_normalize.h"

#include <algorithm>
#include <csv.h>
#include <map>
#include <sstream>

namespace accred {
namespace {

constexpr std::size_t kColumns = 8;
constexpr std::size_t kMaxErrors = 50;
constexpr std::size_t kMaxFieldBytes = 256;

struct RawRow {
    int line = 0;
    std::vector<std::string> fields;
};

// libcsv callbacks: collect fields into rows, tracking the line each row starts on (a quoted
// field may span lines).
struct CsvCollector {
    std::vector<RawRow> rows;
    RawRow current;
    int next_line = 1;
    int lines_in_row = 0;
};

void on_field(void* data, std::size_t len, void* ctx) {
    auto& c = *static_cast<CsvCollector*>(ctx);
    std::string field(static_cast<const char*>(data), data ? len : 0);
    c.lines_in_row += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
    if (c.current.fields.empty()) c.current.line = c.next_line;
    c.current.fields.push_back(std::move(field));
}

void on_row(int, void* ctx) {
    auto& c = *static_cast<CsvCollector*>(ctx);
    if (c.current.fields.empty()) c.current.line = c.next_line;
    c.next_line += 1 + c.lines_in_row;
    c.lines_in_row = 0;
    c.rows.push_back(std::move(c.current));
    c.current = {};
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, sep)) out.push_back(item);
    if (s.back() == sep) out.emplace_back();
    return out;
}

bool valid_id(const std::string& s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
               ch == '.' || ch == '_' || ch == '-';
    });
}

// The same text rules as the credential's name claim (no control characters, valid UTF-8).
bool valid_text(const std::string& s) {
    Claims probe;
    probe.iss = "x";
    probe.sub = "x";
    probe.name = s;
    return !claims_rule_violation(probe).has_value();
}

// Every problem found, "SOURCE:LINE: reason", up to kMaxErrors.
struct Problems {
    const std::string& source_name;
    std::vector<std::string> errors;

    void add(int line, const std::string& why) {
        if (errors.size() < kMaxErrors)
            errors.push_back(source_name + ":" + std::to_string(line) + ": " + why);
    }
    std::string all() const {
        std::string joined;
        for (const auto& e : errors) joined += (joined.empty() ? "" : "\n") + e;
        return joined;
    }
};

// The file's rows, the header included, or why it is not CSV (or empty).
Outcome<std::vector<RawRow>> parse_csv(std::string_view text, const std::string& source_name) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // spreadsheet byte-order mark
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return Error{"cannot initialise the CSV parser"};
    CsvCollector collector;
    const bool parsed = csv_parse(&parser, text.data(), text.size(), on_field, on_row,
                                  &collector) == text.size() &&
                        csv_fini(&parser, on_field, on_row, &collector) == 0;
    const std::string csv_problem = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    if (!parsed)
        return Error{source_name + ":" + std::to_string(collector.next_line) +
                     ": not valid CSV (" + csv_problem + ")"};
    if (collector.rows.empty()) return Error{source_name + ": the file is empty"};
    std::string header;
    for (const auto& f : collector.rows.front().fields) header += (header.empty() ? "" : ",") + f;
    if (header != kRosterHeader)
        return Error{source_name + ":1: the header must be exactly \"" +
                     std::string(kRosterHeader) + "\""};
    return std::move(collector.rows);
}

// The days column: dates of the event, sorted, each once.
std::vector<LocalDate> read_days(const std::string& field, const EventDefinition& event,
                                 int line, Problems& problems) {
    std::vector<LocalDate> days;
    for (const auto& d : split(field, ';')) {
        auto day = parse_iso_date(d); // an impossible date is not a date
        if (!day) problems.add(line, "day \"" + d + "\" is not a date like 2014-03-31");
        else if (std::find(event.days.begin(), event.days.end(), *day) == event.days.end())
            problems.add(line, "day " + d + " is not a day of the event");
        else days.push_back(*day);
    }
    if (field.empty()) problems.add(line, "no days given");
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

// The photo column: a file in the photos folder, normalised; empty after a problem.
std::string read_photo(const std::string& photo, const RosterReadOptions& options, int line,
                       Problems& problems) {
    if (photo.empty() || photo.find('/') != std::string::npos || photo.starts_with(".")) {
        problems.add(line, "photo must be a file name in the photos folder");
        return {};
    }
    auto bytes =
        read_small_file(options.photos_dir + "/" + photo, kMaxPhotoFileBytes, Symlinks::refuse);
    auto normalized = bytes ? normalize_photo(bytes.value()) : Outcome<std::string>(bytes.error());
    if (!bytes) problems.add(line, "missing photo: " + bytes.error().message);
    else if (!normalized)
        problems.add(line, "photo " + photo + ": " + normalized.error().message);
    else return std::move(normalized).value();
    return {};
}

// One row of kColumns fields of at most kMaxFieldBytes each, as a person; every problem found
// is added. ids: the ids seen so far (this one is added).
Person read_person(const RawRow& row, const EventDefinition& event,
                   const RosterReadOptions& options, std::set<std::string>& ids,
                   Problems& problems) {
    const auto& f = row.fields;
    Person p;
    p.id = f[0];
    p.name = f[1];
    p.delegation = f[2];
    p.category = f[3];
    if (!valid_id(p.id)) problems.add(row.line, "id \"" + p.id + "\" must be 1-32 of A-Z a-z 0-9 . _ -");
    else if (!ids.insert(p.id).second) problems.add(row.line, "duplicate id " + p.id);
    if (!valid_text(p.name) || p.name.size() > 64)
        problems.add(row.line, "name must be 1-64 bytes of UTF-8 text without control characters");
    if (!p.delegation.empty() && (!valid_text(p.delegation) || p.delegation.size() > 64))
        problems.add(row.line, "delegation must be at most 64 bytes of UTF-8 text");
    if (event.find_category(p.category) == nullptr)
        problems.add(row.line, "unknown category \"" + p.category + "\"");
    p.days = read_days(f[4], event, row.line, problems);
    for (const auto& z : split(f[5], ';')) {
        if (event.find_zone(z) == nullptr) problems.add(row.line, "unknown zone \"" + z + "\"");
        else if (std::find(p.zones.begin(), p.zones.end(), z) == p.zones.end())
            p.zones.push_back(z);
    }
    if (!f[7].empty()) p.escort_of = f[7];
    p.photo = read_photo(f[6], options, row.line, problems);
    return p;
}

// Escorts must name someone on this roster or already at the desk, and that someone must not
// be an escort too: two officers naming each other would each be admitted once the other is
// inside, with no principal anywhere. A chain must end at a principal.
void check_escorts(const std::vector<Person>& people, const std::vector<int>& lines,
                   const std::set<std::string>& ids, const RosterReadOptions& options,
                   Problems& problems) {
    std::map<std::string, std::string> escort_of;
    for (const auto& p : people)
        if (p.escort_of) escort_of[p.id] = *p.escort_of;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& p = people[i];
        if (p.escort_of && *p.escort_of != p.id && escort_of.contains(*p.escort_of))
            problems.add(lines[i], "escort_of names " + *p.escort_of + ", who escorts " +
                                       escort_of.at(*p.escort_of) +
                                       ": an escort must name the principal they protect");
        if (p.escort_of && !ids.contains(*p.escort_of) && !options.known_ids.contains(*p.escort_of))
            problems.add(lines[i], "escort_of names unknown person " + *p.escort_of);
        if (p.escort_of && *p.escort_of == p.id)
            problems.add(lines[i], "a person cannot escort themselves");
    }
}

} // namespace

Outcome<std::vector<Person>> read_roster_csv(std::string_view text, const EventDefinition& event,
                                             const RosterReadOptions& options) {
    auto rows = parse_csv(text, options.source_name);
    if (!rows) return rows.error();
    Problems problems{options.source_name, {}};
    std::vector<Person> people;
    std::vector<int> lines; // the line each person came from
    std::set<std::string> ids;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const RawRow& row = (*rows)[r];
        if (row.fields.size() == 1 && row.fields[0].empty()) continue; // blank line
        if (row.fields.size() != kColumns) {
            problems.add(row.line, "expected " + std::to_string(kColumns) + " fields, found " +
                                       std::to_string(row.fields.size()));
            continue;
        }
        const auto& f = row.fields;
        if (std::any_of(f.begin(), f.end(), [](auto& x) { return x.size() > kMaxFieldBytes; })) {
            problems.add(row.line, "a field is longer than 256 bytes");
            continue;
        }
        people.push_back(read_person(row, event, options, ids, problems));
        lines.push_back(row.line);
    }
    check_escorts(people, lines, ids, options, problems);
    if (!problems.errors.empty()) return Error{problems.all()};
    if (people.empty()) return Error{options.source_name + ": no people in the roster"};
    return people;
}

} // namespace accred
