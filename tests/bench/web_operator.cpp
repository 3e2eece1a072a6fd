#include "web_operator.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <httplib.h>
#include <regex>
#include <sqlite3.h>
#include <sstream>

namespace accred::bench {
namespace {

using Clock = std::chrono::steady_clock;

double since_ms(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::unique_ptr<httplib::SSLClient> make_client(const std::string& ca_file, int port) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path(ca_file.c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(30, 0);
    c->set_read_timeout(30, 0);
    c->set_write_timeout(30, 0);
    c->set_keep_alive(true);
    c->set_tcp_nodelay(true);
    return c;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Names of people on the roster, to search for (a prefix of each) and open.
const char* const kSearches[] = {"Rey", "Ban", "Ok", "Jag", "Dub", "Mar", "An", "El"};

} // namespace

void Timings::merge(const Timings& other) {
    for (const auto& [k, v] : other.ms)
        ms[k].insert(ms[k].end(), v.begin(), v.end());
}

WebOperator::WebOperator(const std::string& ca_file, int port, int n, const std::string& desk_dir)
    : client_(make_client(ca_file, port)), n_(n),
      photo_(slurp(desk_dir + "/../web-load-photo.jpg")) {}

WebOperator::~WebOperator() = default;

void WebOperator::note_failure(const std::string& what, int status) {
    ++failures;
    if (failure_notes.size() < 3)
        failure_notes.push_back("op" + std::to_string(n_) + " " + what + ": " +
                                (status ? "HTTP " + std::to_string(status) : "no answer"));
}

bool WebOperator::login() {
    char name[8], password[32];
    std::snprintf(name, sizeof name, "op%02d", n_);
    std::snprintf(password, sizeof password, "operator-password-%02d", n_);
    const auto t0 = Clock::now();
    auto r = client_->Post("/login", httplib::Params{{"name", name}, {"password", password}});
    timings.add("log in", since_ms(t0));
    if (!r || r->status != 303) return note_failure("log in", r ? r->status : 0), false;
    const std::string set = r->get_header_value("Set-Cookie");
    cookie_ = set.substr(0, set.find(';'));
    auto home = client_->Get("/", httplib::Headers{{"Cookie", cookie_}});
    if (!home || home->status != 200) return note_failure("home", home ? home->status : 0), false;
    std::smatch m;
    if (!std::regex_search(home->body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
        return note_failure("no CSRF token on the page", 0), false;
    csrf_ = m[1];
    return true;
}

void WebOperator::one_round(std::size_t round) {
    const httplib::Headers h{{"Cookie", cookie_}, {"Accept", "application/json"}};
    const std::string who = kSearches[(round + static_cast<std::size_t>(n_)) % 8];
    for (std::size_t len = 1; len <= who.size(); ++len) { // typing, a request per key
        const auto t0 = Clock::now();
        auto r = client_->Get("/api/search?q=" + who.substr(0, len), h);
        timings.add("search as you type", since_ms(t0));
        if (!r || r->status != 200) note_failure("search", r ? r->status : 0);
    }
    const httplib::Headers page{{"Cookie", cookie_}};
    auto t0 = Clock::now();
    char holder[16];
    std::snprintf(holder, sizeof holder, "S%07zu", (round * 37 + static_cast<std::size_t>(n_)) % 500);
    auto person = client_->Get(std::string("/person/") + holder, page);
    timings.add("person page", since_ms(t0));
    if (!person || person->status != 200) note_failure("person page", person ? person->status : 0);

    char id[32];
    std::snprintf(id, sizeof id, "W%02d%05zu", n_, round);
    httplib::MultipartFormDataItems form = {
        {"csrf", csrf_, "", ""},
        {"id", id, "", ""},
        {"name", std::string("Walk-in ") + id, "", ""},
        {"delegation", "Kingdom of Belgium", "", ""},
        {"category", "delegate", "", ""},
        {"days", "2014-03-31", "", ""},
        {"days", "2014-04-01", "", ""},
        {"issue_now", "1", "", ""},
        {"photo", photo_, "walk-in.jpg", "image/jpeg"},
        {"photo_name", "walk-in.jpg", "", ""},
    };
    t0 = Clock::now();
    auto reg = client_->Post("/register", page, form);
    timings.add("register + issue", since_ms(t0));
    if (!reg || reg->status != 303) {
        note_failure(std::string("register ") + id, reg ? reg->status : 0);
        return;
    }
    registered.emplace_back(id);
    t0 = Clock::now();
    auto pdf = client_->Get(std::string("/person/") + id + "/badge.pdf", page);
    timings.add("badge PDF", since_ms(t0));
    if (!pdf || pdf->status != 200 || pdf->body.rfind("%PDF", 0) != 0)
        note_failure("badge PDF", pdf ? pdf->status : 0);
}

void WebOperator::work_until(Clock::time_point deadline) {
    if (!login()) return;
    for (std::size_t round = 0; Clock::now() < deadline; ++round)
        one_round(round);
}

void measure_static_floor(const std::string& ca_file, int port, Timings& out, int count) {
    auto c = make_client(ca_file, port);
    for (int i = 0; i < count; ++i) {
        const auto t0 = Clock::now();
        auto r = c->Get("/static/style.css");
        if (r && r->status == 200) out.add("static file", since_ms(t0));
    }
}

void print_report(const Timings& all, const Timings& floor, double argon2id_ms, int operators,
                  int seconds) {
    const auto it = floor.ms.find("static file");
    const double floor_p50 = it == floor.ms.end() ? 0 : percentile(it->second, 0.5);
    std::printf("\nweb_load: %d operators for %d s on one web desk\n\n", operators, seconds);
    std::printf("%-22s %8s %9s %9s %10s\n", "request", "count", "p50 ms", "p99 ms", "p50/floor");
    std::printf("%-22s %8zu %9.2f %9.2f %10s\n", "static file (floor)",
                it == floor.ms.end() ? 0 : it->second.size(), floor_p50,
                it == floor.ms.end() ? 0 : percentile(it->second, 0.99), "1.0x");
    for (const auto& [what, v] : all.ms)
        std::printf("%-22s %8zu %9.2f %9.2f %9.1fx\n", what.c_str(), v.size(), percentile(v, 0.5),
                    percentile(v, 0.99), floor_p50 > 0 ? percentile(v, 0.5) / floor_p50 : 0.0);
    std::printf("bare Argon2id check (the floor of a log in): %.1f ms\n", argon2id_ms);
}

bool check_writes(const std::string& db_path, const std::vector<std::string>& registered,
                  long long people_before, long long /*badges_before*/, std::size_t failures) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return std::printf("cannot open %s\n", db_path.c_str()), false;
    auto count = [&](const std::string& sql, const std::string& param) {
        sqlite3_stmt* q = nullptr;
        long long n = -1;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK) {
            if (!param.empty()) sqlite3_bind_text(q, 1, param.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
        }
        sqlite3_finalize(q);
        return n;
    };
    std::size_t wrong = 0;
    for (const auto& id : registered) {
        if (count("SELECT count(*) FROM people WHERE id = ?1", id) != 1 ||
            count("SELECT count(*) FROM credentials WHERE holder = ?1", id) != 1 ||
            count("SELECT count(*) FROM operator_journal WHERE action = 'register' AND "
                  "subject = ?1",
                  id) != 1)
            ++wrong;
    }
    // fleet_load adds a few people and badges of its own (its kiosks' test badges): the walk-ins
    // are the W ids, which nobody else uses.
    const long long people_added = count("SELECT count(*) FROM people WHERE id LIKE 'W%'", "");
    const long long badges_added =
        count("SELECT count(*) FROM credentials WHERE holder LIKE 'W%'", "");
    const long long others = count("SELECT count(*) FROM people", "") - people_before - people_added;
    sqlite3_close(db);
    const auto n = static_cast<long long>(registered.size());
    std::printf("\nwrites: %zu walk-ins answered as registered; desk.db gained %lld walk-ins and "
                "%lld walk-in badges (and %lld people of fleet_load's own); %zu not exactly "
                "once with one badge and one journal row; %zu requests failed\n",
                registered.size(), people_added, badges_added, others, wrong, failures);
    return wrong == 0 && people_added == n && badges_added == n && failures == 0;
}

} // namespace accred::bench
