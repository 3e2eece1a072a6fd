// issuer web: the web desk over HTTPS until SIGINT or SIGTERM (docs/desk-web.md).
#include "crypto/file_io.h"
#include "crypto/passphrase.h"
#include "fleet/tls/web_tls.h"
#include "issuer/audit/audit_time.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/web/listen_backlog.h"
#include "issuer/web/web_desk.h"

#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <sodium.h>
#include <thread>
#include <unistd.h>

namespace accred {
namespace {

struct WebOptions {
    DeskOptions desk;
    std::string listen = "127.0.0.1:8444";
    std::vector<std::string> hostnames;
    std::string cert;
    std::string key;
    bool no_tls = false;
    int idle_seconds = 15 * 60;
    std::string printer;
    std::string url_file;
    int threads = 64;
};

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

// The names the generated certificate covers: those given, else this machine's.
std::vector<std::string> certificate_names(const WebOptions& o, const std::string& host) {
    if (!o.hostnames.empty()) return o.hostnames;
    std::vector<std::string> names{"localhost", "127.0.0.1", "::1"};
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0 && *name && std::string(name) != "localhost")
        names.emplace_back(name);
    if (host != "0.0.0.0" && host != "::" && !is_loopback(host)) names.push_back(host);
    return names;
}

// The TLS server, its certificate made on first use under the desk passphrase.
Outcome<std::unique_ptr<httplib::Server>> tls_server(const Desk& desk, const WebOptions& o,
                                                     const std::string& host,
                                                     std::string_view passphrase,
                                                     std::string& cert_path) {
    std::string key_path = o.key;
    cert_path = o.cert;
    if (cert_path.empty()) {
        const WebTlsPaths paths = web_tls_paths(desk.dir());
        if (!std::filesystem::exists(paths.server_cert)) {
            if (auto s = create_web_tls(desk.dir(), desk.event().id, certificate_names(o, host),
                                        passphrase, std::time(nullptr), 825);
                !s)
                return s.error();
            std::cerr << "Made the web desk's certificate authority: " << paths.ca_cert
                      << " (install it in the desk machines' browsers once)\n";
        }
        cert_path = paths.server_cert;
        key_path = paths.server_key;
    }
    Status configured = success();
    auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
        configured = configure_web_tls(&ctx, cert_path, key_path, passphrase);
        return static_cast<bool>(configured);
    });
    if (!configured) return configured.error();
    if (!server->is_valid()) return Error{"the TLS server could not be set up"};
    return std::unique_ptr<httplib::Server>(std::move(server));
}

void wait_for_stop_signal(const sigset_t& signals) {
    for (;;) {
        const int got = sigwaitinfo(&signals, nullptr);
        if (got == SIGINT || got == SIGTERM) return;
    }
}

WebDeskConfig web_config(const WebOptions& o, const Desk& desk, std::uint64_t start) {
    auto say_mutex = std::make_shared<std::mutex>();
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(desk.event().time_zone);
    WebDeskConfig config;
    config.desk_dir = desk.dir();
    config.idle_timeout_seconds = o.idle_seconds;
    config.secure_cookies = !o.no_tls;
    config.printer = o.printer;
    config.clock = running_desk_clock(!o.desk.now.empty(), static_cast<std::int64_t>(start));
    config.say = [say_mutex, tz](const std::string& line) {
        std::lock_guard lock(*say_mutex);
        std::cerr << format_audit_time(tz, static_cast<std::int64_t>(std::time(nullptr))) << "  "
                  << line << "\n";
    };
    return config;
}

// Prints where the desk is (and the certificate's pin), with a loud warning without TLS;
// returns the URL.
std::string announce(const WebOptions& o, const std::string& event_id, const std::string& host,
                     int port, const std::string& cert_path) {
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const std::string url = std::string(o.no_tls ? "http" : "https") + "://" +
                            (host == "0.0.0.0" ? "localhost" : shown_host) + ":" +
                            std::to_string(port) + "/";
    if (o.no_tls)
        std::cerr << "WARNING: the web desk is serving WITHOUT TLS on " << url
                  << ": only for a browser on this machine. Never use --no-tls at an event.\n";
    std::cout << "Web desk for " << event_id << " at " << url << "\n";
    if (!cert_path.empty()) {
        auto pin = certificate_spki_pin(cert_path);
        std::cout << "Certificate " << cert_path << (pin ? ", key pin sha256/" + pin.value() : "")
                  << "\n";
    }
    std::cout << "Operators log in with accounts from `issuer operator add`. Ctrl-C stops.\n"
              << std::flush;
    return url;
}

int run_web(const WebOptions& o) {
    auto address = parse_listen(o.listen);
    if (!address) return fail_error(address.error());
    const std::string host = address->host;
    const int port = address->port;
    if (o.no_tls && !is_loopback(host))
        return fail_usage("--no-tls is only for 127.0.0.1: passwords and badges would cross the "
                          "network in clear");
    if (!o.cert.empty() != !o.key.empty()) return fail_usage("give both --cert and --key");
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto start = desk_now(desk.value(), o.desk);
    if (!start) return fail_error(start.error());

    sigset_t stop_signals; // taken by sigwaitinfo below; blocked before any thread starts
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    PassphraseSource source;
    if (!o.desk.passphrase_file.empty()) source.file = o.desk.passphrase_file;
    source.prompt = "Desk passphrase for " + desk->dir() + ": ";
    auto passphrase = obtain_passphrase(source);
    if (!passphrase) return fail_error(passphrase.error());
    auto key = desk->unlock_event_key(passphrase->view());
    if (!key) return fail_error(key.error());
    std::string cert_path;
    std::unique_ptr<httplib::Server> server;
    if (o.no_tls) {
        server = std::make_unique<httplib::Server>();
    } else {
        auto made = tls_server(desk.value(), o, host, passphrase->view(), cert_path);
        if (!made) return fail_error(made.error());
        server = std::move(made).value();
    }
    passphrase = Outcome<SecretBuffer>(SecretBuffer()); // wiped: only the keys are kept

    const WebDeskConfig config = web_config(o, desk.value(), start.value());
    auto web = WebDesk::open(config, std::move(key).value());
    if (!web) return fail_error(web.error());
    web.value()->mount(*server);
    const int threads = o.threads;
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server->set_payload_max_length(256u << 20); // a roster with its photos; larger: the CLI
    // httplib gives each connection a thread while it lasts (docs/desk-web.md, "Limits"): an idle
    // browser connection is let go after 5 s, a stalled read or write after 10 s.
    server->set_read_timeout(10, 0);
    server->set_write_timeout(10, 0);
    server->set_keep_alive_timeout(5);
    // An answer goes out as several writes (head, body): without this, Nagle's algorithm holds
    // the last one for the browser's delayed ACK, 40 ms on every request.
    server->set_tcp_nodelay(true);
    const int bound =
        port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
    if (bound < 0) return fail_usage("cannot listen on " + o.listen);
    if (auto widened = widen_listen_backlog(bound); !widened)
        std::cerr << "issuer: " << widened.error().message
                  << " (connections beyond 5 at once may be refused)\n";
    std::thread serving([&server] { server->listen_after_bind(); });
    const std::string url = announce(o, desk->event().id, host, bound, cert_path);
    if (!o.url_file.empty()) (void)write_new_file(o.url_file, as_bytes(url + "\n"), 0644);
    wait_for_stop_signal(stop_signals);
    server->stop();
    serving.join();
    config.say("web desk stopped");
    return kExitOk;
}

} // namespace

void add_web_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<WebOptions>();
    CLI::App* web = app.add_subcommand(
        "web", "Serve the web desk over HTTPS: search, walk-ins, badges, printing, operations "
               "and the audit for operators in a browser (until Ctrl-C)");
    add_desk_options(web, o->desk, false);
    web->add_option("--listen", o->listen, "Address to listen on, HOST:PORT (port 0: any)")
        ->capture_default_str();
    web->add_option("--hostname", o->hostnames,
                    "Names the generated certificate covers (default: this machine's)");
    web->add_option("--cert", o->cert, "Serve this certificate (PEM, with its chain) instead");
    web->add_option("--key", o->key,
                    "Its private key (PEM; encrypted under the desk passphrase or not)");
    web->add_flag("--no-tls", o->no_tls, "Plain HTTP, only on 127.0.0.1 (a warning says so)");
    web->add_option("--idle-timeout", o->idle_seconds,
                    "Seconds without a request before a session ends (5-43200)")
        ->check(CLI::Range(5, 43200))
        ->capture_default_str();
    web->add_option("--printer", o->printer, "CUPS queue of the desk's badge printer");
    web->add_option("--url-file", o->url_file,
                    "Write the desk's URL to this new file once listening");
    web->add_option("--threads", o->threads, "Request threads")
        ->check(CLI::Range(2, 256))
        ->capture_default_str();
    web->callback([o, &exit_code] { exit_code = run_web(*o); });
}

} // namespace accred
