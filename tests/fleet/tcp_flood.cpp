#include "tcp_flood.h"

#include "fleet/tls/open_file_limit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace accred::test {

namespace {

using Clock = std::chrono::steady_clock;

// The first flight of a TLS 1.3 client, as OpenSSL writes it (into memory: nothing is sent).
std::string client_hello() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL* ssl = SSL_new(ctx);
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, in, out);
    (void)SSL_connect(ssl); // wants to read the server's answer: the hello is in out
    std::string hello(static_cast<std::size_t>(BIO_ctrl_pending(out)), '\0');
    BIO_read(out, hello.data(), static_cast<int>(hello.size()));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return hello;
}

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

} // namespace

TcpFlood::TcpFlood(const FloodSettings& settings) : settings_(settings), hello_(client_hello()) {
    (void)tls_internal::raise_open_file_limit();
    conns_.resize(static_cast<std::size_t>(settings.idle + settings.trickle));
    for (std::size_t i = 0; i < conns_.size(); ++i) {
        conns_[i].trickle = i >= static_cast<std::size_t>(settings.idle);
        open(conns_[i]);
    }
    thread_ = std::thread([this] { run(); });
}

TcpFlood::~TcpFlood() {
    quit_ = true;
    thread_.join();
    for (Conn& c : conns_)
        if (c.fd >= 0) ::close(c.fd);
}

void TcpFlood::open(Conn& c) {
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    c.sent = 0;
    c.opened = Clock::now();
    std::lock_guard lock(mutex_);
    ++figures_.opened;
    if (c.fd < 0) {
        ++figures_.connect_failures;
        return;
    }
    const timeval tv{1, 0}; // bounds connect() on Linux
    ::setsockopt(c.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(settings_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(c.fd);
        c.fd = -1;
        ++figures_.connect_failures;
        return;
    }
    figures_.peak_open = std::max(figures_.peak_open, ++open_);
}

void TcpFlood::closed_by_server(Conn& c) {
    {
        std::lock_guard lock(mutex_);
        (c.trickle ? figures_.trickle_lifetimes_s : figures_.idle_lifetimes_s)
            .push_back(seconds_since(c.opened));
    }
    ::close(c.fd);
    c.fd = -1;
    --open_;
    if (reconnect_) open(c);
}

// Every 20 ms: which connections the server has closed (readable, and recv finds the end or an
// error: the server never sends these anything else); every trickle_interval, one more byte.
void TcpFlood::run() {
    std::vector<pollfd> fds;
    std::vector<Conn*> of;
    auto next_byte = Clock::now() + settings_.trickle_interval;
    while (!quit_) {
        fds.clear();
        of.clear();
        for (Conn& c : conns_) {
            if (c.fd < 0 && reconnect_) open(c);
            if (c.fd < 0) continue;
            fds.push_back(pollfd{c.fd, POLLIN, 0});
            of.push_back(&c);
        }
        ::poll(fds.data(), fds.size(), 20);
        const bool byte_due = Clock::now() >= next_byte;
        if (byte_due) next_byte += settings_.trickle_interval;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            Conn& c = *of[i];
            bool gone = false;
            if (fds[i].revents != 0) {
                char buf[256];
                const ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
                gone = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
            }
            if (!gone && c.trickle && byte_due && c.sent < hello_.size()) {
                const ssize_t n = ::send(c.fd, hello_.data() + c.sent, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n == 1) ++c.sent;
                gone = n < 0 && errno != EAGAIN && errno != EWOULDBLOCK;
            }
            if (gone) closed_by_server(c);
        }
    }
}

bool TcpFlood::wait_all_closed(std::chrono::milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    while (open_ > 0 && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return open_ == 0;
}

FloodFigures TcpFlood::figures() const {
    std::lock_guard lock(mutex_);
    return figures_;
}

} // namespace accred::test
