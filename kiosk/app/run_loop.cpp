#include "kiosk/app/run_loop.h"

#include "kiosk/app/fleet_intake.h"
#include "kiosk/app/open_scanner.h"

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <iostream>
#include <optional>
#include <sodium.h>
#include <sstream>
#include <unistd.h>

namespace accred {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) {
    g_stop.store(true);
}

// Supervisor commands: "override SUPERVISOR PIN", one per line, from a file or fifo. A line
// longer than kMaxCommandLine is dropped whole (up to its newline), never cut into a command;
// every byte read is wiped once used, since lines carry PINs.
class CommandReader {
  public:
    static constexpr std::size_t kMaxCommandLine = 4096;

    explicit CommandReader(const std::string& path) {
        if (!path.empty()) fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        pending_.reserve(kMaxCommandLine); // never reallocated, so no stray copies of a PIN
    }
    ~CommandReader() {
        wipe(pending_);
        if (fd_ >= 0) ::close(fd_);
    }
    bool failed(const std::string& path) const { return !path.empty() && fd_ < 0; }
    // Complete lines read so far (non-blocking).
    std::vector<std::string> poll() {
        std::vector<std::string> lines;
        if (fd_ < 0) return lines;
        char buffer[512];
        ssize_t n = 0;
        while ((n = ::read(fd_, buffer, sizeof buffer)) > 0) {
            for (ssize_t i = 0; i < n; ++i) {
                if (buffer[i] == '\n') {
                    if (!dropping_) lines.push_back(pending_);
                    wipe(pending_);
                    dropping_ = false;
                } else if (dropping_) {
                    continue;
                } else if (pending_.size() == kMaxCommandLine) {
                    wipe(pending_); // too long to be a command: drop it to its newline
                    dropping_ = true;
                } else {
                    pending_ += buffer[i];
                }
            }
            sodium_memzero(buffer, sizeof buffer);
        }
        return lines;
    }

  private:
    static void wipe(std::string& s) {
        sodium_memzero(s.data(), s.size());
        s.clear();
    }
    int fd_ = -1;
    std::string pending_;
    bool dropping_ = false;
};

void report(const GateEngine& engine, const Reported& r, std::int64_t now, bool human) {
    std::cout << (human ? decision_line(engine, r, now) : decision_json(engine, r, now))
              << std::endl; // flushed per decision: a reader sees it as soon as it is durable
}

} // namespace

int run_headless(GateEngine& engine, const KioskClock& clock, const RunOptions& o,
                 const HeadlessOptions& h, SyncMailbox* mailbox) {
    ScannerOptions scanner_options;
    scanner_options.debounce = std::chrono::milliseconds(o.debounce_ms);
    auto opened = open_scanner(o.source, scanner_options);
    if (!opened) {
        std::cerr << "kiosk: " << opened.error().message << "\n";
        return 2;
    }
    Scanner& scanner = *opened->scanner;
    CommandReader commands(h.commands);
    if (commands.failed(h.commands)) {
        std::cerr << "kiosk: cannot open the command file " << h.commands << "\n";
        return 2;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const auto& gate = engine.state().gate();
    std::cerr << "kiosk: gate " << gate.id << " (" << gate.name << "), " << scanner.describe()
              << (clock.is_simulated() ? ", SIMULATED TIME" : "") << "\n";
    std::optional<FleetIntake> intake;
    if (mailbox) {
        intake.emplace(*mailbox, [](const std::string& line) { std::cerr << line << std::endl; });
        intake->publish(engine);
    }
    while (!g_stop.load()) {
        if (intake) (void)intake->drain(engine);
        for (auto& line : commands.poll()) {
            std::istringstream words(line);
            std::string verb, supervisor, pin;
            words >> verb >> supervisor >> pin;
            if (verb == "override") {
                // Rate-limited and logged like the screen's PIN pad
                // (GateEngine::check_supervisor_pin).
                const std::int64_t now = clock.now();
                report(engine, engine.override_last(supervisor, pin, now), now, o.human);
            }
            sodium_memzero(pin.data(), pin.size());
            sodium_memzero(line.data(), line.size());
        }
        auto event = scanner.wait_next(std::chrono::milliseconds(100));
        if (event) {
            const std::int64_t now = clock.now();
            report(engine, engine.handle_scan(event->content, now), now, o.human);
            continue;
        }
        if (scanner.finished()) break;
    }
    scanner.stop();
    // Decisions the scanner still holds were seen before the stop: decide them too.
    while (auto event = scanner.wait_next(std::chrono::milliseconds(0))) {
        const std::int64_t now = clock.now();
        report(engine, engine.handle_scan(event->content, now), now, o.human);
    }
    auto cp = engine.checkpoint(clock.now());
    if (!cp) {
        std::cerr << "kiosk: could not write the shutdown checkpoint: " << cp.error().message
                  << "\n";
        return 2;
    }
    std::cerr << "kiosk: stopped; checkpoint at entry " << cp->seq << "\n";
    return 0;
}

} // namespace accred
