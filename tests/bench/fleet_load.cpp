// fleet_load: one real desk (`issuer serve`) and many simulated kiosks pushing their log rows
// over mutual TLS, as on a busy morning and then flat out (issue 9). Prints rows/s accepted and
// the delay from a decision to the desk's acknowledgement, against a bare SQLite insert of the
// same rows in the same run. With --flood N the busy morning runs again while N connections
// without a certificate (idle, and one in ten a slowloris ClientHello) are held against the desk,
// as an attacker would (issue 16, item 2); each morning revokes a badge at the desk halfway and
// times how long until every kiosk's sync has handed down the new revocation update.
//
//   fleet_load --issuer build/issuer/issuer [--kiosks 50] [--interval-ms 2000] [--seconds 20]
//              [--burst-seconds 10] [--flood 0] [--desk DIR [--badges 40000]]
//
// With --desk, the desk is that workspace (a copy: the fleet CA, kiosks and a few people are
// added to it; its passphrase in $ACCRED_PASSPHRASE), and the kiosks scan up to --badges of its
// own unrevoked badges, each kiosk starting at its own place among them (scripts/scale_bench.py).
//
// Each simulated kiosk has its own Ed25519 key and a certificate from the desk's fleet CA, and
// syncs as a kiosk does (docs/fleet.md): every second, the rows the desk has not acknowledged.
// Its rows are real chained log rows (the desk checks every link and hash), made up here rather
// than decided, so the desk's share of the work is what is measured.
#include "crypto/key_file.h"
#include "fleet/tcp_flood.h"
#include "fleet_load_desk.h"
#include "fleet_sim_kiosk.h"
#include "fleet/protocol/sync_messages.h"
#include "fleet/tls/fleet_ca.h"
#include "fleet/tls/fleet_client.h"
#include "fleet/tls/kiosk_csr.h"
#include "issuer/audit/kiosk_register.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <fcntl.h>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <sodium.h>
#include <spawn.h>
#include <sqlite3.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using namespace accred;
using bench::Clock;
using bench::ms_between;
using bench::SimKiosk;

constexpr const char* kPassphrase = "fleet load desk passphrase";

struct Settings {
    std::string issuer;
    int kiosks = 50;
    int interval_ms = 2000; // one decision per kiosk this often on the busy morning
    int seconds = 20;
    int burst_seconds = 10;
    int flood = 0;      // connections without a certificate held during a second busy morning
    std::string desk;   // an existing workspace to serve (a copy), instead of a new demo desk
    int badges = 40000; // with desk: how many of its badges the kiosks scan
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// A port free now on 127.0.0.1 (the desk binds it a moment later).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

// Rows per second for count rows of a log row's size inserted 500 to a transaction.
double bare_batched_inserts(const std::string& path, std::size_t count) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE entries(kiosk "
                 "TEXT, seq INTEGER, time INTEGER, verdict TEXT, credential BLOB, prev_hash BLOB, "
                 "hash BLOB, PRIMARY KEY(kiosk, seq))",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO entries VALUES ('k', ?1, ?1, 'granted', ?2, randomblob(32), "
                       "randomblob(32))",
                       -1, &insert, nullptr);
    const std::string text = "AC1:" + std::string(300, 'A');
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        if (i % kMaxRowsPerSync == 0)
            sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i));
        sqlite3_bind_blob(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        if (i % kMaxRowsPerSync == kMaxRowsPerSync - 1 || i + 1 == count)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double seconds = ms_between(t0, Clock::now()) / 1000;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return static_cast<double>(count) / seconds;
}

// The single number a query on the SQLite file at path answers (-1 when it cannot).
long long count_rows(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    long long n = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            n = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return n;
}

pid_t start_desk(const Settings& s, const std::string& desk_dir, int port,
                 const std::string& passphrase) {
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    std::vector<std::string> args{s.issuer, "serve", "-w", desk_dir, "--listen", listen};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::setenv("ACCRED_PASSPHRASE", passphrase.c_str(), 1);
    // The desk's own lines (first contacts, published updates) go to a file, not the table.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 2, (desk_dir + "/../serve.log").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int failed = posix_spawn(&pid, s.issuer.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    return failed ? 0 : pid;
}

// People with a badge each, issued before the desk starts: the mornings revoke them one by one.
Outcome<std::vector<std::string>> issue_badges(Desk& desk, const SigningKey& event_key, int n) {
    std::vector<Person> people;
    for (int i = 0; i < n; ++i) {
        Person p;
        p.id = "L" + std::to_string(100 + i);
        p.name = "Load Test Delegate " + std::to_string(i);
        p.category = test::demo_event().categories.front().id;
        p.days = {{2014, 3, 31}, {2014, 4, 1}};
        people.push_back(std::move(p));
    }
    const std::uint64_t then = 1396000000; // before the demo event, as the desk issues
    if (auto imported = desk.import_people(people, then); !imported) return imported.error();
    std::vector<std::string> ids;
    for (const Person& p : people)
        ids.push_back(p.id);
    if (auto issued = issue_credentials(desk, event_key, ids, then, {}); !issued)
        return issued.error();
    return ids;
}

// How long after at each kiosk's sync first handed down a revocation update newer than it held.
struct RevocationDelay {
    double median_s = 0, max_s = 0;
    std::size_t not_reached = 0;
};
RevocationDelay revocation_delay(const std::vector<std::unique_ptr<SimKiosk>>& kiosks,
                                 Clock::time_point at) {
    std::vector<double> delays;
    RevocationDelay d;
    for (const auto& k : kiosks) {
        const auto it = std::find_if(k->learned.begin(), k->learned.end(),
                                     [&](const auto& v) { return v.second >= at; });
        if (it == k->learned.end())
            ++d.not_reached;
        else
            delays.push_back(ms_between(at, it->second) / 1000);
    }
    d.median_s = percentile(delays, 0.5);
    d.max_s = percentile(delays, 1.0);
    return d;
}

// The answered syncs' count and latencies since the last call.
std::vector<double> take_sync_latencies(const std::vector<std::unique_ptr<SimKiosk>>& kiosks) {
    std::vector<double> all;
    for (const auto& k : kiosks) {
        all.insert(all.end(), k->sync_ms.begin(), k->sync_ms.end());
        k->sync_ms.clear();
    }
    return all;
}

void print_flood(const test::FloodFigures& f, std::size_t held_at_end, int idle, int trickle) {
    std::vector<double> lifetimes = f.idle_lifetimes_s;
    lifetimes.insert(lifetimes.end(), f.trickle_lifetimes_s.begin(), f.trickle_lifetimes_s.end());
    std::printf("    flood: %d idle connections and %d slowloris ClientHellos (a byte each 100 ms), "
                "each opened again when dropped\n",
                idle, trickle);
    std::printf("    connections held: %zu at the end, peak %zu; opened %zu in all, %zu connects "
                "failed; the desk dropped each after %.2f s (median; max %.2f s)\n",
                held_at_end, f.peak_open, f.opened, f.connect_failures,
                percentile(lifetimes, 0.5), percentile(lifetimes, 1.0));
}

std::optional<Settings> parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const std::string v = argv[i + 1];
        if (k == "--issuer")
            s.issuer = v;
        else if (k == "--kiosks")
            s.kiosks = std::stoi(v);
        else if (k == "--interval-ms")
            s.interval_ms = std::stoi(v);
        else if (k == "--seconds")
            s.seconds = std::stoi(v);
        else if (k == "--burst-seconds")
            s.burst_seconds = std::stoi(v);
        else if (k == "--flood")
            s.flood = std::stoi(v);
        else if (k == "--desk")
            s.desk = v;
        else if (k == "--badges")
            s.badges = std::stoi(v);
        else
            return std::nullopt;
    }
    if (s.issuer.empty() || s.kiosks < 1 || s.interval_ms < 1 || s.seconds < 1 || s.flood < 0 ||
        s.badges < 1)
        return std::nullopt;
    return s;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    std::signal(SIGPIPE, SIG_IGN);
    using namespace std::chrono_literals;
    const auto settings = parse(argc, argv);
    if (!settings) {
        std::fprintf(stderr,
                     "usage: fleet_load --issuer PATH [--kiosks N] [--interval-ms MS] "
                     "[--seconds S] [--burst-seconds S] [--flood N] [--desk DIR [--badges N]]\n");
        return 2;
    }
    const Settings& s = *settings;
    test::TempDir tmp;
    auto opened = bench::open_load_desk(s.desk, tmp.file("desk"), kPassphrase);
    if (!opened) return std::fprintf(stderr, "desk: %s\n", opened.error().message.c_str()), 2;
    const std::string desk_dir = opened->dir, passphrase = opened->passphrase;
    std::optional<Desk>& desk = opened->desk;
    const EventDefinition& event = desk->event();
    const std::int64_t now = std::time(nullptr);
    if (auto ca = create_fleet_ca(desk_dir, event.id, {"127.0.0.1"}, passphrase, now, 2); !ca)
        return std::fprintf(stderr, "fleet CA: %s\n", ca.error().message.c_str()), 2;
    std::string ca_pem;
    {
        std::FILE* f = std::fopen(fleet_ca_paths(desk_dir).ca_cert.c_str(), "rb");
        char buf[4096];
        std::size_t n = 0;
        while (f && (n = std::fread(buf, 1, sizeof buf, f)) > 0)
            ca_pem.append(buf, n);
        if (f) std::fclose(f);
    }
    auto event_key = desk->unlock_event_key(passphrase);
    if (!event_key) return std::fprintf(stderr, "event key: %s\n", event_key.error().message.c_str()), 2;
    const PublicKey event_public = event_key->public_key();
    auto badges = issue_badges(*desk, *event_key, 4);
    if (!badges) return std::fprintf(stderr, "badges: %s\n", badges.error().message.c_str()), 2;
    auto scanned = s.desk.empty()
                       ? bench::sign_load_badges(*event_key, event.id, 900, now)
                       : bench::desk_load_badges(*desk, static_cast<std::size_t>(s.badges));
    if (!scanned) return std::fprintf(stderr, "badges: %s\n", scanned.error().message.c_str()), 2;
    std::vector<const Gate*> gates;
    for (const Gate& g : event.gates)
        gates.push_back(&g);
    const int port = free_port();
    std::vector<std::unique_ptr<SimKiosk>> kiosks;
    for (int i = 0; i < s.kiosks; ++i) {
        auto k = std::make_unique<SimKiosk>();
        const Gate& gate = *gates[static_cast<std::size_t>(i) % gates.size()];
        k->gate = gate.id;
        k->zone = gate.zone;
        k->direction = gate.direction == Direction::exit ? Direction::exit : Direction::entry;
        k->badges = &scanned.value();
        if (!s.desk.empty()) k->offset = static_cast<std::size_t>(i) * scanned->size() / s.kiosks;
        k->event_key = &event_public;
        auto csr = make_kiosk_csr(k->key, k->id, k->gate);
        auto cert = csr ? sign_kiosk_csr(desk_dir, *csr, passphrase, now, 2)
                        : Outcome<IssuedKioskCert>(csr.error());
        if (!cert)
            return std::fprintf(stderr, "certificate: %s\n", cert.error().message.c_str()), 2;
        if (auto r = register_kiosk(desk->db(), k->key.public_key(), k->gate, now); !r)
            return std::fprintf(stderr, "register: %s\n", r.error().message.c_str()), 2;
        FleetClientConfig c;
        c.host = "127.0.0.1";
        c.port = port;
        c.ca_cert_pem = ca_pem;
        c.client_cert_pem = cert->pem;
        c.kiosk_key = &k->key;
        auto client = FleetClient::create(c);
        if (!client) return std::fprintf(stderr, "client: %s\n", client.error().message.c_str()), 2;
        k->client = std::move(client).value();
        kiosks.push_back(std::move(k));
    }
    const pid_t desk_pid = start_desk(s, desk_dir, port, passphrase);
    if (desk_pid == 0) return std::fprintf(stderr, "cannot start %s\n", s.issuer.c_str()), 2;
    // Ready when the first kiosk's empty sync is answered (the desk decrypts its keys first).
    bool ready = false;
    for (int i = 0; i < 200 && !ready; ++i) {
        ready = kiosks[0]->sync(now) == 0 && kiosks[0]->failures == 0;
        if (!ready) {
            kiosks[0]->failures = 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    if (!ready) {
        ::kill(desk_pid, SIGTERM);
        return std::fprintf(stderr, "the desk did not answer\n"), 2;
    }

    // The busy morning: each kiosk decides every interval_ms (staggered) and syncs every second.
    std::printf("fleet load: one desk (issuer serve), %d simulated kiosks over mutual TLS on "
                "loopback\n",
                s.kiosks);
    auto run_phase = [&](int seconds, bool flat_out, const std::function<void()>& midway) {
        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < kiosks.size(); ++i) {
            threads.emplace_back([&, i] {
                SimKiosk& k = *kiosks[i];
                auto next_decision =
                    Clock::now() + std::chrono::milliseconds(s.interval_ms * static_cast<int>(i) /
                                                             static_cast<int>(kiosks.size()));
                auto next_sync =
                    Clock::now() + std::chrono::milliseconds(1000 * static_cast<int>(i) /
                                                             static_cast<int>(kiosks.size()));
                while (!stop.load()) {
                    const auto t = Clock::now();
                    const std::int64_t wall = std::time(nullptr);
                    if (flat_out) {
                        while (k.pending.size() < kMaxRowsPerSync)
                            k.decide(wall);
                        k.sync(wall);
                        continue;
                    }
                    // Every decision due, at the time it was due: a kiosk decides while a slow
                    // sync is under way (its sync has a thread of its own).
                    while (t >= next_decision) {
                        k.decide(wall, next_decision);
                        next_decision += std::chrono::milliseconds(s.interval_ms);
                    }
                    if (t >= next_sync) {
                        k.sync(wall);
                        next_sync += std::chrono::milliseconds(1000);
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
                // Drain: what was decided reaches the desk.
                for (int tries = 0; tries < 20 && !k.pending.empty(); ++tries)
                    k.sync(std::time(nullptr));
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(seconds * 500));
        if (midway) midway();
        std::this_thread::sleep_for(std::chrono::milliseconds(seconds * 500));
        stop = true;
        for (auto& t : threads)
            t.join();
    };
    auto totals = [&] {
        std::size_t rows = 0, failures = 0, refused = 0, pending = 0;
        std::vector<double> delays;
        for (auto& k : kiosks) {
            rows += k->delays_ms.size();
            failures += k->failures;
            refused += k->refused;
            pending += k->pending.size();
            delays.insert(delays.end(), k->delays_ms.begin(), k->delays_ms.end());
            k->delays_ms.clear();
            k->failures = k->refused = 0;
        }
        return std::tuple{rows, failures, refused, pending, delays};
    };

    // The busy morning, then again under the flood; each revokes a badge halfway through.
    std::size_t failed_in_all = 0, refused_in_all = 0, next_badge = 0;
    auto morning = [&](int flood) {
        const int trickle = flood / 10;
        std::optional<test::TcpFlood> attack;
        if (flood > 0) attack.emplace(test::FloodSettings{port, flood - trickle, trickle, 100ms});
        const auto t0 = Clock::now();
        Clock::time_point revoked_at;
        run_phase(s.seconds, false, [&] {
            const std::string& id = (*badges)[next_badge++ % badges->size()];
            auto r = revoke_for_cause(*desk, {id}, "fleet_load", 1396000000, "fleet_load");
            if (!r) std::fprintf(stderr, "revoke: %s\n", r.error().message.c_str());
            revoked_at = Clock::now();
        });
        const std::size_t held = attack ? attack->open_now() : 0;
        const test::FloodFigures figures = attack ? attack->figures() : test::FloodFigures{};
        attack.reset();
        auto [rows, failures, refused, pending, delays] = totals();
        failed_in_all += failures;
        refused_in_all += refused;
        const double secs = ms_between(t0, Clock::now()) / 1000;
        std::printf("  busy morning%s: one decision per kiosk every %.1f s for %d s (%.1f "
                    "decisions/s in all)\n",
                    flood > 0 ? ", under the flood" : "", s.interval_ms / 1000.0, s.seconds,
                    s.kiosks * 1000.0 / s.interval_ms);
        if (flood > 0) print_flood(figures, held, flood - trickle, trickle);
        std::printf("    rows accepted %zu (%.1f/s), not yet acknowledged %zu, failed syncs %zu, "
                    "refused %zu\n",
                    rows, static_cast<double>(rows) / secs, pending, failures, refused);
        std::printf("    decision to desk: median %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms "
                    "(a sync each second)\n",
                    percentile(delays, 0.5), percentile(delays, 0.95), percentile(delays, 0.99),
                    percentile(delays, 1.0));
        const std::vector<double> latencies = take_sync_latencies(kiosks);
        std::printf("    syncs answered %zu (%.1f/s), failed %zu; sync latency p50 %.1f ms, p95 "
                    "%.1f ms, max %.1f ms\n",
                    latencies.size(), static_cast<double>(latencies.size()) / secs, failures,
                    percentile(latencies, 0.5), percentile(latencies, 0.95),
                    percentile(latencies, 1.0));
        const RevocationDelay d = revocation_delay(kiosks, revoked_at);
        std::printf("    a badge revoked at the desk halfway: in every kiosk's sync reply after "
                    "%.2f s (median %.2f s); not reached: %zu kiosks\n",
                    d.max_s, d.median_s, d.not_reached);
    };
    morning(0);
    if (s.flood > 0) morning(s.flood);
    std::size_t burst_rows = 0;
    double burst_secs = 0;
    if (s.burst_seconds > 0) {
        const auto t0 = Clock::now();
        run_phase(s.burst_seconds, true, {});
        (void)take_sync_latencies(kiosks);
        auto [brows, bfail, brefused, bpending, bdelays] = totals();
        failed_in_all += bfail;
        refused_in_all += brefused;
        burst_secs = ms_between(t0, Clock::now()) / 1000;
        burst_rows = brows;
        std::printf("  flat out: every kiosk sends 500-row batches back to back for %d s\n",
                    s.burst_seconds);
        std::printf("    rows accepted %zu (%.0f/s), failed syncs %zu, refused %zu, left %zu\n",
                    brows, static_cast<double>(brows) / burst_secs, bfail, brefused, bpending);
    }
    // Its peak resident memory from /proc while it runs: posix_spawn shares this process's memory
    // until the exec, so wait4's ru_maxrss would count what this process had resident then.
    std::printf("  the desk (issuer serve): peak resident memory %.1f MiB\n",
                bench::peak_resident_kib(desk_pid) / 1024.0);
    ::kill(desk_pid, SIGTERM);
    int status = 0;
    ::waitpid(desk_pid, &status, 0);
    // Every row carries a badge the desk issued, at its gate, dated now: none is kept as evidence
    // only (a row the desk will not act on would not be handed down, and not be measured).
    const long long distrusted =
        count_rows(desk_dir + "/audit.db", "SELECT count(*) FROM refused_rows");
    std::printf("  rows the desk kept as evidence only (refused_rows): %lld\n", distrusted);

    // The bare library doing the desk's storage work in the same run: the same number of rows of
    // the same size, 500 to a durable transaction (WAL, synchronous=FULL), one connection.
    if (burst_rows > 0) {
        const double bare_per_second = bare_batched_inserts(tmp.file("bare.db"), burst_rows);
        const double desk_per_second = static_cast<double>(burst_rows) / burst_secs;
        std::printf("  bare SQLite, the same rows 500 to a transaction: %.0f rows/s; the desk "
                    "(TLS, JSON, every link and hash checked, presence handed down): %.0f rows/s "
                    "= %.2f of bare\n",
                    bare_per_second, desk_per_second, desk_per_second / bare_per_second);
    }
    return failed_in_all == 0 && refused_in_all == 0 && distrusted == 0 ? 0 : 1;
}
