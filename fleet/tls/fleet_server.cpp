// The only translation unit that sees Boost.Asio and Beast (they are heavy to compile): the TLS
// context, the limits and the answers to bad request heads are plain code in their own files.
#include "fleet_server.h"

#include "connection_limits.h"
#include "open_file_limit.h"
#include "request_head.h"
#include "server_tls_context.h"
#include "sigpipe_guard.h"

#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <future>
#include <map>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

namespace accred {

using namespace tls_internal;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Handler = std::function<FleetResponse(const FleetRequest&)>;

namespace {

class Session;

// Descriptors kept free for everything else the process opens (desk.db, the store, exports).
constexpr std::size_t kReservedFiles = 128;
// A closing connection's unread bytes are taken and dropped for this long (see Session::linger).
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kMaxLingerBytes = 1 << 20;
// What lingering connections read into and never look at. Written only on the one I/O thread.
std::array<char, 4096> g_discard;

std::string_view view(beast::string_view s) {
    return {s.data(), s.size()};
}

} // namespace

// Everything but the handlers runs on the one I/O thread, so nothing here but handlers (shared
// with on_post) and admit (thread-safe by contract) needs a lock.
struct FleetServer::Impl {
    // Declared before the io_contexts: their pending handlers hold sessions, whose destructors
    // report to limits and sessions.
    FleetServerConfig config; // without the passphrase
    AdmitFn admit;
    SslCtxPtr tls;
    std::shared_mutex handlers_mutex;
    std::map<std::string, Handler> handlers;
    std::optional<ConnectionLimits> limits;
    std::unordered_map<ConnectionLimits::Id, std::weak_ptr<Session>> sessions;
    ConnectionLimits::Id next_id = 1;
    std::atomic<bool> stopping{false};

    net::io_context io{1};
    net::io_context work;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> io_guard, work_guard;
    std::optional<tcp::acceptor> acceptor;
    net::steady_timer accept_retry{io};
    std::thread io_thread;
    std::vector<std::thread> workers;
    bool stopped = false;

    bool has_handler(const std::string& path) {
        std::shared_lock lock(handlers_mutex);
        return handlers.count(path) != 0;
    }
    FleetResponse run_handler(const FleetRequest& request);
    void accept();
    void on_accept(const beast::error_code& ec, tcp::socket socket);
    void close(ConnectionLimits::Id id);
    void close_all();
};

namespace {

// One connection, from accept to close. Lives as long as an operation of its own is pending or a
// worker holds its request; every member function runs on the I/O thread.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(FleetServer::Impl& server, ConnectionLimits::Id id, tcp::socket socket, SSL* ssl)
        : server_(server), id_(id), stream_(beast::tcp_stream(std::move(socket)), ssl) {}
    ~Session() {
        server_.limits->closed(id_);
        server_.sessions.erase(id_);
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The TLS handshake, complete within handshake_timeout of accept however slowly the client
    // sends: the deadline is for the whole handshake, not each read.
    void start() {
        tcp().expires_after(server_.config.handshake_timeout);
        stream_.async_handshake(
            net::ssl::stream_base::server,
            [self = shared_from_this()](const beast::error_code& ec) { self->on_handshake(ec); });
    }

    // Drops the connection now (evicted, or the server stopping); pending operations end.
    void close() {
        closed_ = true;
        tcp().close();
    }

  private:
    beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

    void on_handshake(const beast::error_code& ec) {
        if (ec || closed_) return;
        // The verify callback has admitted this certificate; its identity is read again here
        // for the per-kiosk limit and for the handlers.
        auto peer = peer_identity(SSL_get0_peer_certificate(stream_.native_handle()));
        if (!peer) return;
        peer_ = std::move(*peer);
        for (const auto other : server_.limits->authenticated(id_, peer_->kiosk_id))
            server_.close(other);
        read_head(server_.config.header_timeout);
    }

    // The next request's head, complete within deadline of now.
    void read_head(std::chrono::milliseconds deadline) {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.config.max_header_bytes));
        parser_->body_limit(boost::none); // judged from the head first (judge_request_head)
        tcp().expires_after(deadline);
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](const beast::error_code& ec,
                                                            std::size_t) { self->on_head(ec); });
    }

    void on_head(const beast::error_code& ec) {
        if (closed_) return;
        if (ec == http::error::header_limit)
            return respond(error_response(431, "the request head is too large"), false, false);
        if (ec == http::error::end_of_stream || ec == http::error::partial_message) return;
        if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
            return respond(error_response(400, "not an HTTP/1.1 request"), false, false);
        if (ec) return; // the deadline passed, or the connection went
        const auto& req = parser_->get();
        const std::string_view target = view(req.target());
        path_ = std::string(target.substr(0, target.find('?')));
        RequestHead head;
        head.method = view(req.method_string());
        head.known_path = server_.has_handler(path_);
        head.has_transfer_encoding = req.find(http::field::transfer_encoding) != req.end();
        if (req.find(http::field::content_length) != req.end())
            head.content_length = parser_->content_length().value_or(0);
        const HeadVerdict verdict = judge_request_head(head, server_.config.max_body_bytes);
        if (!verdict.read_body) return respond(verdict.refusal, verdict.allow_post, false);
        parser_->body_limit(server_.config.max_body_bytes);
        tcp().expires_after(std::chrono::seconds(server_.config.read_timeout_seconds));
        if (parser_->is_done()) return dispatch();
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](const beast::error_code& body_ec, std::size_t) {
                if (!body_ec && !self->closed_) self->dispatch();
            });
    }

    // The handler runs on a worker: it may wait for desk.db, and the I/O thread must not. No
    // deadline runs meanwhile (nothing is being read or written); the answer comes back here.
    void dispatch() {
        auto& req = parser_->get();
        keep_alive_ = req.keep_alive();
        FleetRequest request{*peer_, path_, std::move(req.body()),
                             std::string(view(req[http::field::content_type]))};
        tcp().expires_never();
        const auto queued = std::chrono::steady_clock::now();
        net::post(server_.work, [self = shared_from_this(), request = std::move(request),
                                 queued]() mutable {
            // Waited too long for a worker (handlers behind desk.db's lock, kiosks flat out):
            // its kiosk has given up by the time an answer came, and running it anyway would
            // spend the desk on answers nobody reads while fresh requests wait behind them.
            const bool stale =
                std::chrono::steady_clock::now() - queued > self->server_.config.queue_timeout;
            FleetResponse response = stale ? error_response(503, "the desk is busy: sync again")
                                           : self->server_.run_handler(request);
            // The reference is moved, not copied, to the I/O thread: were this worker to drop the
            // last one, the session would be destroyed here, off the I/O thread that owns it.
            net::io_context& io = self->server_.io;
            net::post(io, [self = std::move(self), response = std::move(response)]() mutable {
                self->respond(std::move(response), false, self->keep_alive_);
            });
        });
    }

    void respond(FleetResponse r, bool allow_post, bool keep_alive) {
        if (closed_) return;
        response_.emplace();
        response_->version(11);
        response_->result(static_cast<unsigned>(r.status));
        if (!r.content_type.empty()) response_->set(http::field::content_type, r.content_type);
        if (allow_post) response_->set(http::field::allow, "POST");
        response_->body() = std::move(r.body);
        response_->keep_alive(keep_alive && !server_.stopping);
        response_->prepare_payload();
        tcp().expires_after(std::chrono::seconds(server_.config.read_timeout_seconds));
        http::async_write(stream_, *response_,
                          [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                              if (ec || self->closed_) return;
                              if (self->response_->keep_alive())
                                  return self->read_head(self->server_.config.idle_timeout);
                              self->linger();
                          });
    }

    // After the last answer: no more to send, and whatever the client still sends (a body never
    // read, its close_notify) is taken and dropped until it hangs up or kLingerTime passes.
    // Closing with unread bytes would send a reset, and the client could lose the answer.
    void linger() {
        beast::error_code ignored;
        tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
        tcp().expires_after(kLingerTime);
        drain();
    }
    void drain() {
        tcp().async_read_some(
            net::buffer(g_discard),
            [self = shared_from_this()](const beast::error_code& ec, std::size_t n) {
                self->lingered_ += n;
                if (!ec && !self->closed_ && self->lingered_ < kMaxLingerBytes) self->drain();
            });
    }

    FleetServer::Impl& server_;
    const ConnectionLimits::Id id_;
    net::ssl::stream<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::string_body>> response_;
    std::optional<PeerIdentity> peer_;
    std::string path_;
    bool keep_alive_ = false;
    bool closed_ = false;
    std::size_t lingered_ = 0;
};

} // namespace

FleetResponse FleetServer::Impl::run_handler(const FleetRequest& request) {
    Handler handler;
    {
        std::shared_lock lock(handlers_mutex);
        const auto it = handlers.find(request.path);
        if (it != handlers.end()) handler = it->second;
    }
    if (!handler) return error_response(404, "no such path");
    // Checked again on every request: a kiosk withdrawn while its connection stays open is
    // refused from its next request on.
    if (!admits(&admit, request.peer)) return error_response(403, "this kiosk is not admitted");
    try {
        return handler(request);
    } catch (...) {
        return error_response(500, "internal error");
    }
}

void FleetServer::Impl::accept() {
    acceptor->async_accept(io, [this](const beast::error_code& ec, tcp::socket socket) {
        on_accept(ec, std::move(socket));
    });
}

void FleetServer::Impl::on_accept(const beast::error_code& ec, tcp::socket socket) {
    if (stopping || !acceptor->is_open()) return;
    if (ec) {
        // Out of descriptors (EMFILE) or memory: accepting again at once would spin. Connections
        // wait in the kernel's backlog meanwhile, and the deadlines free descriptors.
        accept_retry.expires_after(std::chrono::milliseconds(50));
        accept_retry.async_wait([this](const beast::error_code& e) {
            if (!e && !stopping) accept();
        });
        return;
    }
    const ConnectionLimits::Id id = next_id++;
    const ConnectionLimits::Admission admission = limits->accept(id);
    for (const auto old : admission.evict)
        close(old);
    SSL* ssl = admission.accepted ? SSL_new(tls.get()) : nullptr;
    if (ssl == nullptr) {
        limits->closed(id);
        return accept(); // the socket closes as it goes
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<Session>(*this, id, std::move(socket), ssl);
    sessions.emplace(id, session);
    session->start();
    accept();
}

void FleetServer::Impl::close(ConnectionLimits::Id id) {
    const auto it = sessions.find(id);
    if (it == sessions.end()) return;
    if (auto session = it->second.lock()) session->close();
}

void FleetServer::Impl::close_all() {
    beast::error_code ignored;
    if (acceptor) acceptor->close(ignored);
    accept_retry.cancel();
    std::vector<std::shared_ptr<Session>> open;
    for (auto& [id, weak] : sessions)
        if (auto s = weak.lock()) open.push_back(std::move(s));
    for (auto& s : open)
        s->close();
}

FleetServer::FleetServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FleetServer::~FleetServer() {
    stop();
}

Outcome<std::unique_ptr<FleetServer>> FleetServer::create(const FleetServerConfig& config) {
    if (config.max_body_bytes == 0) return Error{"max_body_bytes must be positive"};
    if (config.max_header_bytes < 256) return Error{"max_header_bytes must be at least 256"};
    if (config.read_timeout_seconds < 1) return Error{"read_timeout_seconds must be positive"};
    if (config.handshake_timeout.count() < 1 || config.header_timeout.count() < 1 ||
        config.idle_timeout.count() < 1)
        return Error{"the handshake, header and idle timeouts must be positive"};
    if (config.max_connections < 1 || config.max_unauthenticated < 1 || config.max_per_kiosk < 1)
        return Error{"the connection limits must be positive"};
    if (config.threads < 1) return Error{"threads must be positive"};
    if (config.queue_timeout.count() < 1) return Error{"queue_timeout must be positive"};
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    impl->config.passphrase_for_server_key.clear();
    impl->admit = config.admit;
    // The context points at impl->admit, which lives as long as the context (same Impl).
    auto tls =
        make_server_tls_context(config.desk_dir, config.passphrase_for_server_key, &impl->admit);
    if (!tls) return tls.error();
    impl->tls = std::move(tls).value();
    return std::unique_ptr<FleetServer>(new FleetServer(std::move(impl)));
}

void FleetServer::on_post(const std::string& path, Handler handler) {
    std::unique_lock lock(impl_->handlers_mutex);
    impl_->handlers[path] = std::move(handler);
}

namespace {

// The caps as configured, within the open-file limit (raised first): past it accept() fails
// with EMFILE, and then kiosks wait in the backlog with the flood.
ConnectionCaps caps_within_file_limit(const FleetServerConfig& config) {
    const std::size_t files = raise_open_file_limit();
    const std::size_t room = files > 2 * kReservedFiles ? files - kReservedFiles : files / 2;
    ConnectionCaps caps;
    caps.max_connections = std::min(config.max_connections, room);
    caps.max_unauthenticated = std::min(config.max_unauthenticated, caps.max_connections);
    caps.max_per_kiosk = config.max_per_kiosk;
    return caps;
}

// Runs ctx until it is stopped, on a thread where SIGPIPE is blocked (a write to a peer that hung
// up must not kill the desk; Asio sends with MSG_NOSIGNAL, this is for anything else). A handler
// that throws does not end the thread: the loop goes on with the next.
void run_until_stopped(net::io_context& ctx) {
    block_sigpipe_in_this_thread();
    while (!ctx.stopped()) {
        try {
            ctx.run();
        } catch (...) {
        }
    }
}

} // namespace

Outcome<int> FleetServer::start(const std::string& host, int port) {
    Impl& m = *impl_;
    if (m.io_thread.joinable() || m.stopped)
        return Error{"the fleet server has already been started"};
    if (port < 0 || port > 65535) return Error{"port " + std::to_string(port) + " is out of range"};
    const std::string where = host + ":" + (port == 0 ? "(any port)" : std::to_string(port));
    beast::error_code ec;
    tcp::resolver resolver(m.io);
    const auto found = resolver.resolve(
        host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || found.empty()) return Error{"cannot listen on " + where + ": no such address"};
    for (const auto& entry : found) {
        m.acceptor.emplace(m.io);
        ec.clear();
        m.acceptor->open(entry.endpoint().protocol(), ec);
        if (!ec) m.acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
        if (!ec) m.acceptor->bind(entry.endpoint(), ec);
        if (!ec) m.acceptor->listen(net::socket_base::max_listen_connections, ec);
        if (!ec) break;
        m.acceptor.reset();
    }
    if (!m.acceptor)
        return Error{"cannot listen on " + where + " (in use, or not an address of this machine)"};
    const int bound = m.acceptor->local_endpoint(ec).port();
    m.limits.emplace(caps_within_file_limit(m.config));
    m.io_guard.emplace(m.io.get_executor());
    m.work_guard.emplace(m.work.get_executor());
    m.accept();
    m.io_thread = std::thread([&m] { run_until_stopped(m.io); });
    for (int i = 0; i < m.config.threads; ++i)
        m.workers.emplace_back([&m] { run_until_stopped(m.work); });
    return bound;
}

void FleetServer::stop() {
    if (!impl_) return;
    Impl& m = *impl_;
    m.stopped = m.stopped || m.io_thread.joinable();
    if (!m.io_thread.joinable()) return;
    m.stopping = true;
    // Closed on the I/O thread, which owns the sockets; handlers still running finish, and
    // their answers are dropped with the sessions when the contexts go.
    std::promise<void> closed;
    net::post(m.io, [&] {
        m.close_all();
        closed.set_value();
    });
    closed.get_future().wait();
    m.work.stop();
    for (auto& t : m.workers)
        t.join();
    m.workers.clear();
    m.io.stop();
    m.io_thread.join();
}

} // namespace accred
