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

} // namespace

Outcome<std::vector<Person>> read_roster_csv(std::string_view text, const EventDefinition& event,
                                             const RosterReadOptions& options) {
    std::vector<std::string> errors;
    auto report = [&](int line, const std::string& why) {
        if (errors.size() < kMaxErrors)
            errors.push_back(options.source_name + ":" + std::to_string(line) + ": " + why);
    };
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
        return Error{options.source_name + ":" + std::to_string(collector.next_line) +
                     ": not valid CSV (" + csv_problem + ")"};
    if (collector.rows.empty()) return Error{options.source_name + ": the file is empty"};

    std::string header;
    for (const auto& f : collector.rows.front().fields) header += (header.empty() ? "" : ",") + f;
    if (header != kRosterHeader)
        return Error{options.source_name + ":1: the header must be exactly \"" +
                     std::string(kRosterHeader) + "\""};

    std::vector<Person> people;
    std::vector<int> lines; // the line each person came from
    std::set<std::string> ids;
    for (std::size_t r = 1; r < collector.rows.size(); ++r) {
        const RawRow& row = collector.rows[r];
        if (row.fields.size() == 1 && row.fields[0].empty()) continue; // blank line
        if (row.fields.size() != kColumns) {
            report(row.line, "expected " + std::to_string(kColumns) + " fields, found " +
                                 std::to_string(row.fields.size()));
            continue;
        }
        const auto& f = row.fields;
        if (std::any_of(f.begin(), f.end(), [](auto& x) { return x.size() > kMaxFieldBytes; })) {
            report(row.line, "a field is longer than 256 bytes");
            continue;
        }
        Person p;
        p.id = f[0];
        p.name = f[1];
        p.delegation = f[2];
        p.category = f[3];
        if (!valid_id(p.id)) report(row.line, "id \"" + p.id + "\" must be 1-32 of A-Z a-z 0-9 . _ -");
        else if (!ids.insert(p.id).second) report(row.line, "duplicate id " + p.id);
        if (!valid_text(p.name) || p.name.size() > 64)
            report(row.line, "name must be 1-64 bytes of UTF-8 text without control characters");
        if (!p.delegation.empty() && (!valid_text(p.delegation) || p.delegation.size() > 64))
            report(row.line, "delegation must be at most 64 bytes of UTF-8 text");
        if (event.find_category(p.category) == nullptr)
            report(row.line, "unknown category \"" + p.category + "\"");
        for (const auto& d : split(f[4], ';')) {
            auto day = parse_iso_date(d); // an impossible date is not a date
            if (!day) report(row.line, "day \"" + d + "\" is not a date like 2014-03-31");
            else if (std::find(event.days.begin(), event.days.end(), *day) == event.days.end())
                report(row.line, "day " + d + " is not a day of the event");
            else p.days.push_back(*day);
        }
        if (f[4].empty()) report(row.line, "no days given");
        std::sort(p.days.begin(), p.days.end());
        p.days.erase(std::unique(p.days.begin(), p.days.end()), p.days.end());
        for (const auto& z : split(f[5], ';')) {
            if (event.find_zone(z) == nullptr) report(row.line, "unknown zone \"" + z + "\"");
            else if (std::find(p.zones.begin(), p.zones.end(), z) == p.zones.end())
                p.zones.push_back(z);
        }
        if (!f[7].empty()) p.escort_of = f[7];

        const std::string& photo = f[6];
        if (photo.empty() || photo.find('/') != std::string::npos || photo.starts_with(".")) {
            report(row.line, "photo must be a file name in the photos folder");
        } else {
            auto bytes = read_small_file(options.photos_dir + "/" + photo, kMaxPhotoFileBytes,
                                         Symlinks::refuse);
            auto normalized = bytes ? normalize_photo(bytes.value()) : Outcome<std::string>(bytes.error());
            if (!bytes) report(row.line, "missing photo: " + bytes.error().message);
            else if (!normalized)
                report(row.line, "photo " + photo + ": " + normalized.error().message);
            else p.photo = std::move(normalized).value();
        }
        people.push_back(std::move(p));
        lines.push_back(row.line);
    }
    // Escorts must name someone on this roster or already at the desk, and that someone must not
    // be an escort too: two officers naming each other would each be admitted once the other is
    // inside, with no principal anywhere. A chain must end at a principal.
    std::map<std::string, std::string> escort_of;
    for (const auto& p : people)
        if (p.escort_of) escort_of[p.id] = *p.escort_of;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& p = people[i];
        if (p.escort_of && *p.escort_of != p.id && escort_of.contains(*p.escort_of))
            report(lines[i], "escort_of names " + *p.escort_of + ", who escorts " +
                                 escort_of.at(*p.escort_of) +
                                 ": an escort must name the principal they protect");
        if (p.escort_of && !ids.contains(*p.escort_of) && !options.known_ids.contains(*p.escort_of))
            report(lines[i], "escort_of names unknown person " + *p.escort_of);
        if (p.escort_of && *p.escort_of == p.id)
            report(lines[i], "a person cannot escort themselves");
    }
    if (!errors.empty()) {
        std::string all;
        for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
        return Error{all};
    }
    if (people.empty()) return Error{options.source_name + ": no people in the roster"};
    return people;
}

} // namespace accred
