#include "fleet_server.h"

#include "crypto/file_io.h"
#include "fleet_ca.h"
#include "openssl_util.h"
#include "sigpipe_guard.h"

#include <atomic>
#include <chrono>
#include <httplib.h>
#include <map>
#include <openssl/err.h>
#include <shared_mutex>
#include <thread>

namespace accred {

using namespace tls_internal;

namespace {

constexpr std::size_t kMaxPemFileBytes = 64 * 1024;

// The ex_data slot of the SSL_CTX that points back at the server, for the verify callback.
int server_ex_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

std::string json_error(const std::string& message) {
    std::string out = "{\"error\":\"";
    for (const char c : message) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"}";
}

int verify_kiosk(int preverify_ok, X509_STORE_CTX* store);

} // namespace

struct FleetServer::Impl {
    std::function<bool(const PeerIdentity&)> admit;
    std::unique_ptr<httplib::SSLServer> server;
    std::shared_mutex handlers_mutex;
    std::map<std::string, std::function<FleetResponse(const FleetRequest&)>> handlers;
    std::thread thread;
    std::atomic<bool> finished{false};
    bool stopped = false;
    std::string setup_error;

    bool admits(const PeerIdentity& peer) const {
        try {
            return admit && admit(peer);
        } catch (...) {
            return false; // an admission check that fails is a refusal
        }
    }

    bool setup(SSL_CTX& ctx, X509* ca, X509* cert, EVP_PKEY* key) {
        const auto fail = [&](const std::string& what) {
            setup_error = what + ": " + openssl_error();
            return false;
        };
        if (SSL_CTX_set_min_proto_version(&ctx, TLS1_3_VERSION) != 1)
            return fail("cannot require TLS 1.3");
        // No session resumption: a resumed TLS 1.3 session skips the client certificate and so
        // the admit() check, which would let a withdrawn kiosk back in on an old ticket.
        SSL_CTX_set_options(&ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION);
        SSL_CTX_set_num_tickets(&ctx, 0);
        SSL_CTX_set_session_cache_mode(&ctx, SSL_SESS_CACHE_OFF);
        if (SSL_CTX_use_certificate(&ctx, cert) != 1) return fail("cannot use server.crt");
        if (SSL_CTX_use_PrivateKey(&ctx, key) != 1) return fail("cannot use server.key");
        if (SSL_CTX_check_private_key(&ctx) != 1)
            return fail("server.key does not belong to server.crt");
        // The context's store starts empty and stays so but for the fleet CA: no system CAs, so
        // only certificates this desk signed can ever verify.
        if (X509_STORE_add_cert(SSL_CTX_get_cert_store(&ctx), ca) != 1)
            return fail("cannot trust ca.crt");
        if (SSL_CTX_add_client_CA(&ctx, ca) != 1) return fail("cannot name ca.crt to clients");
        if (SSL_CTX_set_ex_data(&ctx, server_ex_index(), this) != 1)
            return fail("cannot attach the server to its TLS context");
        SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_kiosk);
        return true;
    }

    void serve(const httplib::Request& req, httplib::Response& res) {
        std::function<FleetResponse(const FleetRequest&)> handler;
        {
            std::shared_lock lock(handlers_mutex);
            const auto it = handlers.find(req.path);
            if (it != handlers.end()) handler = it->second;
        }
        if (!handler) {
            res.status = 404;
            res.set_content(json_error("no such path"), "application/json");
            return;
        }
        // The handshake verified this certificate; it is read again here because httplib hands
        // the handler only the SSL object, and re-checked so that a kiosk withdrawn while its
        // connection stays open is refused from its next request on.
        X509* cert = req.ssl ? SSL_get0_peer_certificate(req.ssl) : nullptr;
        auto peer = peer_identity(cert);
        if (!peer || !admits(*peer)) {
            res.status = 403;
            res.set_content(json_error("this kiosk is not admitted"), "application/json");
            return;
        }
        FleetRequest request{std::move(*peer), req.path, req.body,
                             req.get_header_value("Content-Type")};
        try {
            FleetResponse response = handler(request);
            res.status = response.status;
            res.set_content(std::move(response.body), response.content_type.c_str());
        } catch (...) {
            res.status = 500;
            res.set_content(json_error("internal error"), "application/json");
        }
    }

    void refuse_method(const httplib::Request& req, httplib::Response& res) {
        bool known = false;
        {
            std::shared_lock lock(handlers_mutex);
            known = handlers.count(req.path) != 0;
        }
        res.status = known ? 405 : 404;
        if (known) res.set_header("Allow", "POST");
        res.set_content(json_error(known ? "only POST is served" : "no such path"),
                        "application/json");
    }
};

namespace {

// OpenSSL's verify callback for the client's certificate chain. At depth 0, and only once
// OpenSSL's own checks (chain to ca.crt, signatures, dates, purpose) have passed, the kiosk's
// identity is read and put to admit(); returning 0 aborts the handshake with an alert.
int verify_kiosk(int preverify_ok, X509_STORE_CTX* store) {
    if (preverify_ok != 1) return 0;
    if (X509_STORE_CTX_get_error_depth(store) != 0) return 1;
    auto* ssl =
        static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* impl = ssl ? static_cast<FleetServer::Impl*>(
                           SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), server_ex_index()))
                     : nullptr;
    if (impl == nullptr) return 0;
    auto peer = peer_identity(X509_STORE_CTX_get_current_cert(store));
    if (!peer || !impl->admits(*peer)) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    return 1;
}

} // namespace

FleetServer::FleetServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FleetServer::~FleetServer() {
    stop();
}

Outcome<std::unique_ptr<FleetServer>> FleetServer::create(const FleetServerConfig& config) {
    if (config.max_body_bytes == 0) return Error{"max_body_bytes must be positive"};
    if (config.read_timeout_seconds < 1) return Error{"read_timeout_seconds must be positive"};
    if (config.threads < 1) return Error{"threads must be positive"};
    const FleetCaPaths paths = fleet_ca_paths(config.desk_dir);
    auto ca_pem = read_small_file(paths.ca_cert, kMaxPemFileBytes);
    if (!ca_pem) return ca_pem.error();
    auto ca = certificate_from_pem(*ca_pem, paths.ca_cert);
    if (!ca) return ca.error();
    auto cert_pem = read_small_file(paths.server_cert, kMaxPemFileBytes);
    if (!cert_pem) return cert_pem.error();
    auto cert = certificate_from_pem(*cert_pem, paths.server_cert);
    if (!cert) return cert.error();
    auto key_pem = read_small_file(paths.server_key, kMaxPemFileBytes);
    if (!key_pem) return key_pem.error();
    auto key = private_key_from_encrypted_pem(*key_pem, config.passphrase_for_server_key,
                                              "the desk's TLS key " + paths.server_key);
    if (!key) return key.error();

    auto impl = std::make_unique<Impl>();
    impl->admit = config.admit;
    Impl* raw = impl.get();
    // The callback runs inside the constructor, so the local certificates and key outlive it;
    // the SSL_CTX takes its own references.
    impl->server = std::make_unique<httplib::SSLServer>(
        [&](SSL_CTX& ctx) { return raw->setup(ctx, ca->get(), cert->get(), key->get()); });
    if (!impl->server->is_valid())
        return Error{"cannot set up the desk's TLS: " +
                     (raw->setup_error.empty() ? openssl_error() : raw->setup_error)};

    httplib::SSLServer& server = *impl->server;
    const auto threads = static_cast<std::size_t>(config.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(config.max_body_bytes);
    // cpp-httplib 0.11 checks the payload limit against Content-Length only: a chunked body, or
    // one read until the connection closes, would be taken whole into memory. Such requests are
    // refused before their body is read (this handler runs first); kiosks always send a length.
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.method != "POST") return httplib::Server::HandlerResponse::Unhandled;
        if (req.has_header("Transfer-Encoding")) {
            res.status = 411;
            res.set_content("send the body with a Content-Length, not in chunks\n", "text/plain");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!req.has_header("Content-Length")) {
            res.status = 411;
            res.set_content("a Content-Length is required\n", "text/plain");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_read_timeout(config.read_timeout_seconds, 0);
    server.set_write_timeout(config.read_timeout_seconds, 0);
    server.set_keep_alive_timeout(config.read_timeout_seconds);
    server.Post(
        ".*", [raw](const httplib::Request& req, httplib::Response& res) { raw->serve(req, res); });
    const auto refuse = [raw](const httplib::Request& req, httplib::Response& res) {
        raw->refuse_method(req, res);
    };
    server.Get(".*", refuse);
    server.Put(".*", refuse);
    server.Patch(".*", refuse);
    server.Delete(".*", refuse);
    server.Options(".*", refuse);
    // httplib's default would put the exception's text in a response header.
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            res.status = 500;
            res.set_content(json_error("internal error"), "application/json");
        });
    return std::unique_ptr<FleetServer>(new FleetServer(std::move(impl)));
}

void FleetServer::on_post(const std::string& path,
                          std::function<FleetResponse(const FleetRequest&)> handler) {
    std::unique_lock lock(impl_->handlers_mutex);
    impl_->handlers[path] = std::move(handler);
}

Outcome<int> FleetServer::start(const std::string& host, int port) {
    if (impl_->thread.joinable() || impl_->stopped)
        return Error{"the fleet server has already been started"};
    if (port < 0 || port > 65535) return Error{"port " + std::to_string(port) + " is out of range"};
    httplib::SSLServer& server = *impl_->server;
    int bound = port;
    if (port == 0) {
        bound = server.bind_to_any_port(host);
        if (bound <= 0) return Error{"cannot listen on " + host + " (any port)"};
    } else if (!server.bind_to_port(host, port)) {
        return Error{"cannot listen on " + host + ":" + std::to_string(port) +
                     " (in use, or not an address of this machine)"};
    }
    impl_->finished = false;
    Impl* raw = impl_.get();
    impl_->thread = std::thread([raw] {
        // The worker threads httplib creates from here inherit this mask: a kiosk hanging up
        // mid-answer must not kill the desk with SIGPIPE.
        block_sigpipe_in_this_thread();
        raw->server->listen_after_bind();
        raw->finished = true;
    });
    // httplib's stop() does nothing until the accept loop runs; waiting for it here makes a stop()
    // right after start() reliable.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server.is_running() && !impl_->finished && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!server.is_running()) {
        stop();
        return Error{"the fleet server did not start on " + host + ":" + std::to_string(bound)};
    }
    return bound;
}

void FleetServer::stop() {
    if (!impl_) return;
    impl_->stopped = impl_->stopped || impl_->thread.joinable();
    if (!impl_->thread.joinable()) return;
    impl_->server->stop();
    impl_->thread.join();
}

} // namespace accred
