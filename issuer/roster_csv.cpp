#include "roster_csv.h"

#include "crypto/file_io.h"
#include "issuer/photo_pipeline.h"

#include <algorithm>
#include <csv.h>
#include <deque>
#include <filesystem>
#include <istream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

namespace accred {
namespace {

constexpr std::size_t kColumns = 8;
constexpr std::size_t kMaxErrors = 50;
constexpr std::size_t kChunkBytes = 64u << 10; // the CSV is read this much at a time

struct RawRow {
    int line = 0;
    std::vector<std::string> fields;
};
// Takes each record as it ends; false stops the reading.
using OnRow = std::function<bool(RawRow&)>;

// libcsv callbacks: collect fields into a row, tracking the line each row starts on (a quoted
// field may span lines), and hand each row on as it ends.
struct CsvCollector {
    const OnRow& on_row;
    RawRow current;
    int next_line = 1;
    int lines_in_row = 0;
    bool stopped = false;
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
    if (!c.stopped) c.stopped = !c.on_row(c.current);
    c.current = {};
}

// Feeds `in` to libcsv a chunk at a time. An error when the text is not CSV ("SOURCE:LINE: not
// valid CSV (...)") or cannot be read.
Status for_each_csv_row(std::istream& in, const std::string& source_name, const OnRow& each) {
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return Error{"cannot initialise the CSV parser"};
    CsvCollector collector{each, {}, 1, 0, false};
    std::vector<char> buffer(kChunkBytes);
    bool parsed = true;
    for (bool first = true; parsed && !collector.stopped && in; first = false) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        std::string_view chunk(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (first && chunk.starts_with("\xEF\xBB\xBF")) chunk.remove_prefix(3); // spreadsheet BOM
        parsed = csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_row, &collector) ==
                 chunk.size();
    }
    const bool unreadable = in.bad();
    if (parsed && !collector.stopped && !unreadable)
        parsed = csv_fini(&parser, on_field, on_row, &collector) == 0;
    const std::string csv_problem = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    if (unreadable) return Error{"cannot read " + source_name};
    if (!parsed)
        return Error{source_name + ":" + std::to_string(collector.next_line) +
                     ": not valid CSV (" + csv_problem + ")"};
    return success();
}

// The first pass: the file is CSV with the roster's header. Returns the rows after the header,
// or why the file is not a roster (the only problem then reported, as before any row is read).
Outcome<std::size_t> count_rows(std::istream& in, const std::string& source_name) {
    std::size_t records = 0;
    bool header_ok = false;
    Status csv = for_each_csv_row(in, source_name, [&](RawRow& row) {
        if (records++ == 0) {
            std::string header;
            for (const auto& f : row.fields) header += (header.empty() ? "" : ",") + f;
            header_ok = header == kRosterHeader;
        }
        return true;
    });
    if (!csv) return csv.error();
    if (records == 0) return Error{source_name + ": the file is empty"};
    if (!header_ok)
        return Error{source_name + ":1: the header must be exactly \"" +
                     std::string(kRosterHeader) + "\""};
    return records - 1;
}

// Every problem found, "SOURCE:LINE: reason", up to kMaxErrors.
struct Problems {
    const std::string& source_name;
    std::vector<std::string> errors;

    void add(int line, const std::string& why) {
        if (errors.size() < kMaxErrors)
            errors.push_back(source_name + ":" + std::to_string(line) + ": " + why);
    }
    bool full() const { return errors.size() >= kMaxErrors; }
    std::string all() const {
        std::string joined;
        for (const auto& e : errors) joined += (joined.empty() ? "" : "\n") + e;
        return joined;
    }
};

// The photo column's file, read and normalised (on a worker thread): the photo, or the problem.
PhotoPipeline::Job photo_job(const std::string& photo, const RosterReadOptions& options) {
    const std::string shown_as =
        (options.photos_shown_as.empty() ? options.photos_dir : options.photos_shown_as) + "/" +
        photo;
    return [photo, shown_as, path = options.photos_dir + "/" + photo]() -> Outcome<std::string> {
        auto bytes = read_small_file(path, kMaxPhotoFileBytes, Symlinks::refuse);
        if (!bytes) {
            // A file too large is refused before it is read: worded as for a photo handed over
            // in memory (walk_in.h). Anything else is a file that cannot be had.
            std::error_code ec;
            const auto size = std::filesystem::file_size(path, ec);
            if (!ec && size > kMaxPhotoFileBytes &&
                std::filesystem::symlink_status(path, ec).type() ==
                    std::filesystem::file_type::regular)
                return Error{photo_too_large(photo, static_cast<std::size_t>(size))};
            std::string why = bytes.error().message;
            if (const auto at = why.find(path); at != std::string::npos)
                why.replace(at, path.size(), shown_as);
            return Error{"missing photo: " + why};
        }
        return roster_photo(bytes.value(), photo);
    };
}

} // namespace

namespace {

// The second pass: each row checked and, while the roster is good so far, handed to the sink
// with its photo. Rows wait in file order for their photos (read meanwhile on worker threads),
// so that problems are reported, and people handed on, in the order of the file.
class RosterChecker {
  public:
    RosterChecker(const EventDefinition& event, const RosterReadOptions& options,
                  const PersonSink& sink, const RosterProgress& progress, std::size_t total)
        : event_(event), options_(options), sink_(sink), progress_(progress), total_(total),
          problems_{options.source_name, {}}, photos_(options.photo_threads) {}

    // Takes one record; false once reading on would change nothing (the problems are at their
    // limit or the sink failed).
    bool take(const RawRow& row);
    // After the last record: the escorts, checked against every id, and the outcome.
    Outcome<RosterRead> finish();

  private:
    struct Pending {
        int line = 0;
        std::optional<Person> person; // when the row has its 8 fields
        std::vector<std::string> why; // its problems so far
        bool photo_queued = false;    // its photo is being read (photos_)
    };
    struct Escort {
        int line = 0;
        std::string id, principal;
    };
    void complete_oldest();
    void check_escorts();
    bool stop() const { return problems_.full() || failure_.has_value(); }

    const EventDefinition& event_;
    const RosterReadOptions& options_;
    const PersonSink& sink_;
    const RosterProgress& progress_;
    const std::size_t total_;
    Problems problems_;
    std::set<std::string> ids_;  // every valid id so far
    std::vector<Escort> escorts_; // everyone naming a principal
    std::size_t people_ = 0, done_ = 0;
    std::deque<Pending> pending_;
    PhotoPipeline photos_;
    std::optional<Error> failure_; // the sink's
};

bool RosterChecker::take(const RawRow& row) {
    Pending p{row.line, std::nullopt, {}, false};
    const auto& f = row.fields;
    if (f.size() == 1 && f[0].empty()) {
        // a blank line
    } else if (f.size() != kColumns) {
        p.why.push_back("expected " + std::to_string(kColumns) + " fields, found " +
                        std::to_string(f.size()));
    } else if (std::any_of(f.begin(), f.end(), [](auto& x) { return x.size() > kMaxFieldBytes; })) {
        p.why.emplace_back(kFieldTooLong);
    } else {
        const PersonFields fields{f[0], f[1], f[2], f[3], f[4], f[5], f[7]};
        std::vector<FieldProblem> problems;
        p.person = read_person_fields(fields, event_, ids_, problems);
        for (auto& problem : problems)
            p.why.push_back(std::move(problem.message));
        ++people_;
        if (p.person->escort_of) escorts_.push_back({row.line, p.person->id, *p.person->escort_of});
        const std::string& photo = f[6];
        if (photo.empty() || photo.find('/') != std::string::npos || photo.starts_with(".")) {
            p.why.push_back("photo must be a file name in the photos folder");
        } else {
            photos_.submit(photo_job(photo, options_));
            p.photo_queued = true;
        }
    }
    pending_.push_back(std::move(p));
    while (pending_.size() > photos_.window()) complete_oldest();
    return !stop();
}

// The oldest row gets its photo; its problems are reported, or it goes to the sink.
void RosterChecker::complete_oldest() {
    Pending p = std::move(pending_.front());
    pending_.pop_front();
    if (p.photo_queued) {
        auto photo = photos_.take();
        if (photo) p.person->photo = std::move(photo).value();
        else p.why.push_back(photo.error().message);
    }
    for (const auto& why : p.why) problems_.add(p.line, why);
    if (p.person && problems_.errors.empty() && !failure_)
        if (auto s = sink_(*p.person); !s) failure_ = s.error();
    if (progress_) progress_(++done_, total_);
}

// Escorts must name someone on this roster or already at the desk who escorts no one
// (check_escort): checked once every id of the roster is known.
void RosterChecker::check_escorts() {
    std::map<std::string, std::string> escort_of;
    for (const auto& e : escorts_) escort_of[e.id] = e.principal;
    for (const auto& e : escorts_) {
        std::vector<FieldProblem> problems;
        check_escort(e.id, e.principal,
                     ids_.contains(e.principal) || options_.known_ids.contains(e.principal),
                     escort_of, problems);
        for (const auto& problem : problems)
            problems_.add(e.line, problem.message);
    }
}

Outcome<RosterRead> RosterChecker::finish() {
    while (!pending_.empty() && !stop()) complete_oldest();
    if (failure_) return *failure_;
    check_escorts();
    RosterRead read{people_, problems_.all()};
    if (read.problems.empty() && people_ == 0)
        read.problems = options_.source_name + ": no people in the roster";
    return read;
}

} // namespace

Outcome<RosterRead> read_roster_csv(std::istream& in, const EventDefinition& event,
                                    const RosterReadOptions& options, const PersonSink& sink,
                                    const RosterProgress& progress) {
    auto rows = count_rows(in, options.source_name);
    if (!rows) return RosterRead{0, rows.error().message};
    in.clear();
    if (!in.seekg(0)) return Error{"cannot read " + options.source_name + " again"};
    if (progress) progress(0, rows.value());
    RosterChecker checker(event, options, sink, progress, rows.value());
    bool header = true;
    Status read = for_each_csv_row(in, options.source_name, [&](RawRow& row) {
        if (std::exchange(header, false)) return true;
        return checker.take(row);
    });
    if (!read) return read.error(); // the file changed since the first pass
    return checker.finish();
}

Outcome<std::vector<Person>> read_roster_csv(std::string_view text, const EventDefinition& event,
                                             const RosterReadOptions& options) {
    std::istringstream in{std::string(text)};
    std::vector<Person> people;
    auto read = read_roster_csv(in, event, options, [&](const Person& p) -> Status {
        people.push_back(p);
        return success();
    });
    if (!read) return read.error();
    if (!read->problems.empty()) return Error{read->problems};
    return people;
}

} // namespace accred
