// An attacker without a certificate against the desk's port (issue 16, item 2): many TCP
// connections that send nothing, and some that send a TLS ClientHello one byte at a time
// (slowloris), each opened again as soon as the server drops it. For the flood test and
// tests/bench/fleet_load.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace accred::test {

struct FloodSettings {
    int port = 0; // on 127.0.0.1
    int idle = 1000;
    int trickle = 50;
    std::chrono::milliseconds trickle_interval{100}; // one byte of the ClientHello each
};

struct FloodFigures {
    std::size_t opened = 0;           // connections opened in all
    std::size_t connect_failures = 0; // connect() refused or timed out (1 s)
    std::size_t peak_open = 0;        // most open at once
    std::vector<double> idle_lifetimes_s;    // from connect to the server's close
    std::vector<double> trickle_lifetimes_s; // likewise, for the slow ClientHellos
};

// Opens every connection in the constructor (raising this process's open-file limit first), then
// a thread watches them: one the server closes is counted and replaced while reconnecting lasts.
class TcpFlood {
  public:
    explicit TcpFlood(const FloodSettings& settings);
    ~TcpFlood(); // closes whatever is still open
    TcpFlood(const TcpFlood&) = delete;
    TcpFlood& operator=(const TcpFlood&) = delete;

    std::size_t open_now() const { return open_.load(); }
    // From now on a connection the server closes is not replaced.
    void stop_reconnecting() { reconnect_ = false; }
    // Waits until the server has closed every connection, or timeout; true when it has.
    bool wait_all_closed(std::chrono::milliseconds timeout) const;
    FloodFigures figures() const;

  private:
    struct Conn {
        int fd = -1;
        bool trickle = false;
        std::size_t sent = 0;
        std::chrono::steady_clock::time_point opened;
    };
    void open(Conn& c);
    void closed_by_server(Conn& c);
    void run();

    FloodSettings settings_;
    std::string hello_; // a real TLS 1.3 ClientHello, to trickle
    std::vector<Conn> conns_;
    std::atomic<bool> reconnect_{true};
    std::atomic<bool> quit_{false};
    std::atomic<std::size_t> open_{0};
    mutable std::mutex mutex_; // figures_
    FloodFigures figures_;
    std::thread thread_;
};

} // namespace accred::test
