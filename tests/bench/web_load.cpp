// web_load: many operators working at once on one web desk (`issuer web`) while the fleet's
// kiosks sync with `issuer serve` on the same workspace (issue 19, "Many desks at once"). Each
// operator logs in, then in a loop searches as one types, opens a person's page, registers a
// walk-in with a photo and has it issued, and fetches the badge PDF. Prints p50/p99 per page and
// action beside the bare floor measured in the same run (a static file over the same TLS, a
// bare Argon2id check), then checks desk.db: every walk-in answered as registered is there once,
// with one badge, and one journal row each; nothing else was added.
//
//   web_load --issuer build/issuer/issuer --desk DIR --operators 35 --seconds 60
//            [--fleet-load build/tests/bench/fleet_load --kiosks 40]
//
// DIR is a workspace with people issued and operators op01..opNN (password "operator-password-NN"),
// its passphrase in $ACCRED_PASSPHRASE (scripts/web_load.sh makes one). Bounded: loopback only,
// every request with a 30 s timeout, the run stops after --seconds.
#include "web_operator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <optional>
#include <sodium.h>
#include <spawn.h>
#include <sqlite3.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using namespace accred::bench;

struct Settings {
    std::string issuer, desk, fleet_load;
    int operators = 35, seconds = 60, kiosks = 40;
};

std::optional<Settings> parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--issuer")
            s.issuer = v;
        else if (k == "--desk")
            s.desk = v;
        else if (k == "--fleet-load")
            s.fleet_load = v;
        else if (k == "--operators")
            s.operators = std::stoi(v);
        else if (k == "--seconds")
            s.seconds = std::stoi(v);
        else if (k == "--kiosks")
            s.kiosks = std::stoi(v);
        else
            return std::nullopt;
    }
    if (s.issuer.empty() || s.desk.empty() || s.operators < 1 || s.operators > 99 || s.seconds < 1)
        return std::nullopt;
    return s;
}

pid_t spawn(const std::vector<std::string>& args, const std::string& log) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, copy[0].c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    return failed ? -1 : pid;
}

std::string read_file(const std::string& path) {
    std::string out;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
            out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

// The web desk's URL, once it has written it (it makes its certificate on first start).
std::string wait_for_url(const std::string& url_file, int seconds) {
    for (int i = 0; i < seconds * 10; ++i) {
        std::string url = read_file(url_file);
        if (!url.empty() && url.back() == '\n') return url.substr(0, url.size() - 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
}

long long sql_count(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    long long n = -1;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            n = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return n;
}

// A bare Argon2id check at the operators' cost: the floor of a login.
double bare_argon2id_ms() {
    char hash[crypto_pwhash_STRBYTES];
    const char pw[] = "operator-password-00";
    if (crypto_pwhash_str(hash, pw, sizeof pw - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return 0;
    const auto t0 = std::chrono::steady_clock::now();
    if (crypto_pwhash_str_verify(hash, pw, sizeof pw - 1) != 0) return 0;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    std::signal(SIGPIPE, SIG_IGN);
    const auto parsed = parse(argc, argv);
    if (!parsed) {
        std::fprintf(stderr, "usage: web_load --issuer PATH --desk DIR [--operators 35] "
                             "[--seconds 60] [--fleet-load PATH --kiosks 40]\n");
        return 2;
    }
    const Settings& s = *parsed;
    const std::string db = s.desk + "/desk.db";
    const long long people_before = sql_count(db, "SELECT count(*) FROM people");
    const long long badges_before = sql_count(db, "SELECT count(*) FROM credentials");
    const std::string url_file = s.desk + "/../web-url.txt";
    ::unlink(url_file.c_str());
    pid_t fleet = -1;
    if (!s.fleet_load.empty())
        fleet = spawn({s.fleet_load, "--issuer", s.issuer, "--desk", s.desk, "--kiosks",
                       std::to_string(s.kiosks), "--seconds", std::to_string(s.seconds + 10),
                       "--burst-seconds", "1"},
                      s.desk + "/../fleet-load.log");
    const pid_t web = spawn({s.issuer, "web", "-w", s.desk, "--listen", "127.0.0.1:0", "--url-file",
                             url_file, "--threads", "48", "--now", "2014-03-31T06:00:00Z"},
                            s.desk + "/../web.log");
    const std::string url = wait_for_url(url_file, 60);
    if (web < 0 || url.empty()) {
        std::fprintf(stderr, "issuer web did not start: %s\n",
                     read_file(s.desk + "/../web.log").c_str());
        return 2;
    }
    const int port = std::stoi(url.substr(url.rfind(':') + 1));
    const std::string ca = s.desk + "/web-tls/ca.crt";

    Timings floor_timings;
    measure_static_floor(ca, port, floor_timings, 200);
    const double argon_ms = bare_argon2id_ms();

    std::vector<std::unique_ptr<WebOperator>> ops;
    for (int i = 1; i <= s.operators; ++i)
        ops.push_back(std::make_unique<WebOperator>(ca, port, i, s.desk));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s.seconds);
    std::vector<std::thread> threads;
    for (auto& op : ops)
        threads.emplace_back([&op, deadline] { op->work_until(deadline); });
    for (auto& t : threads)
        t.join();

    Timings all;
    std::vector<std::string> registered;
    std::size_t failures = 0;
    for (auto& op : ops) {
        all.merge(op->timings);
        registered.insert(registered.end(), op->registered.begin(), op->registered.end());
        failures += op->failures;
        for (const auto& f : op->failure_notes)
            std::fprintf(stderr, "  %s\n", f.c_str());
    }
    ::kill(web, SIGTERM);
    int status = 0;
    ::waitpid(web, &status, 0);
    std::string fleet_summary;
    if (fleet > 0) {
        ::waitpid(fleet, &status, 0);
        fleet_summary = read_file(s.desk + "/../fleet-load.log");
    }
    print_report(all, floor_timings, argon_ms, s.operators, s.seconds);
    if (!fleet_summary.empty())
        std::printf("\nThe fleet meanwhile (fleet_load):\n%s", fleet_summary.c_str());
    return check_writes(db, registered, people_before, badges_before, failures) ? 0 : 1;
}
