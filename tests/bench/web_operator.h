// One simulated desk operator for web_load: their own TLS connection to `issuer web`, their
// session cookie and CSRF token, and the work a desk does, each request timed by what it was.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace httplib {
class SSLClient;
}

namespace accred::bench {

// Milliseconds per kind of request ("search", "register + issue"...).
struct Timings {
    std::map<std::string, std::vector<double>> ms;
    void add(const std::string& what, double t) { ms[what].push_back(t); }
    void merge(const Timings& other);
};

class WebOperator {
  public:
    // Operator number n logs in as opNN with "operator-password-NN"; desk_dir holds the demo
    // photos' copies the walk-ins use (DIR/../web-load-photo.jpg).
    WebOperator(const std::string& ca_file, int port, int n, const std::string& desk_dir);
    ~WebOperator();
    // Logs in, then works (search, person page, walk-in + issue, badge PDF) until deadline.
    void work_until(std::chrono::steady_clock::time_point deadline);

    Timings timings;
    std::vector<std::string> registered; // walk-ins the desk answered as registered
    std::size_t failures = 0;
    std::vector<std::string> failure_notes; // the first few, for the report

  private:
    bool login();
    void one_round(std::size_t round);
    void note_failure(const std::string& what, int status);
    std::unique_ptr<httplib::SSLClient> client_;
    int n_;
    std::string cookie_, csrf_, photo_;
    std::vector<std::string> names_; // people to search for and open
};

// Requests for a static file over the same TLS: the server's floor for any page.
void measure_static_floor(const std::string& ca_file, int port, Timings& out, int count);
// The table: p50 / p99 / count per kind, and the ratio of p50 to the static floor.
void print_report(const Timings& all, const Timings& floor, double argon2id_ms, int operators,
                  int seconds);
// desk.db after the run: each registered id once with one badge, one register journal row each,
// and no person or badge besides them. Prints what it found; false on any difference.
bool check_writes(const std::string& db_path, const std::vector<std::string>& registered,
                  long long people_before, long long badges_before, std::size_t failures);

} // namespace accred::bench
