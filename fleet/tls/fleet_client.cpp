#include "fleet_client.h"

#include "openssl_util.h"
#include "sigpipe_guard.h"

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <httplib.h>
#include <mutex>
#include <netdb.h>
#include <openssl/err.h>
#include <sys/socket.h>
#include <unistd.h>

namespace accred {

using namespace tls_internal;

// What the TLS layer said during the last post(), recorded by OpenSSL callbacks so that a failed
// exchange can be explained (httplib reports only "SSL connection" or "read" errors).
struct FleetClient::Impl {
    std::string host;
    int port = 0;
    int read_timeout_ms = 0;
    std::unique_ptr<httplib::SSLClient> client;
    std::mutex mutex; // one post at a time: the diagnostics below belong to it
    int verify_error = 0;
    int verify_depth = -1;
    std::string alert; // the desk's fatal alert, if one came

    std::string where() const { return host + ":" + std::to_string(port); }
};

namespace {

int client_ex_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

FleetClient::Impl* impl_of(const SSL* ssl) {
    if (ssl == nullptr) return nullptr;
    return static_cast<FleetClient::Impl*>(
        SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), client_ex_index()));
}

// Records the first reason the desk's certificate was refused; the verdict is OpenSSL's own.
int record_verify(int preverify_ok, X509_STORE_CTX* store) {
    if (preverify_ok != 1) {
        auto* ssl = static_cast<SSL*>(
            X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
        if (auto* impl = impl_of(ssl); impl != nullptr && impl->verify_error == 0) {
            impl->verify_error = X509_STORE_CTX_get_error(store);
            impl->verify_depth = X509_STORE_CTX_get_error_depth(store);
        }
    }
    return preverify_ok;
}

// Records a fatal alert from the desk: in TLS 1.3 the server checks the client's certificate
// after the client has finished its side of the handshake, so a refusal shows up only as an
// alert when the kiosk reads the answer.
void record_alert(const SSL* ssl, int where, int ret) {
    if ((where & SSL_CB_ALERT) == 0 || (where & SSL_CB_READ) == 0) return;
    if ((ret & 0xff) == SSL3_AD_CLOSE_NOTIFY) return;
    if (auto* impl = impl_of(ssl); impl != nullptr && impl->alert.empty())
        impl->alert = SSL_alert_desc_string_long(ret);
}

bool is_ip_literal(const std::string& host) {
    unsigned char buf[16];
    return inet_pton(AF_INET, host.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// Listens for the desk's verdict on this kiosk's certificate on a second connection that sends
// nothing: in TLS 1.3 the client finishes its handshake before the server has judged the client's
// certificate, and when the request's write hits the socket the desk has already closed, the
// refusal alert is lost with it. The alert, if one comes, is recorded by record_alert.
void listen_for_refusal(SSL_CTX* ctx, const std::string& host, int port, int timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return;
    const timeval tv{static_cast<time_t>(timeout_ms / 1000),
                     static_cast<suseconds_t>((timeout_ms % 1000) * 1000)};
    for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        // SO_SNDTIMEO bounds connect() too on Linux; SO_RCVTIMEO bounds the handshake's reads.
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            ::close(fd);
            continue;
        }
        if (SSL* ssl = SSL_new(ctx); ssl != nullptr) {
            SSL_set_fd(ssl, fd);
            SSL_set_tlsext_host_name(ssl, host.c_str());
            if (SSL_connect(ssl) == 1) {
                char byte = 0;
                (void)SSL_read(ssl, &byte, 1);
            }
            SSL_free(ssl);
        }
        ::close(fd);
        break;
    }
    freeaddrinfo(found);
    ERR_clear_error();
}

void set_timeout(int ms, const std::function<void(time_t, time_t)>& set) {
    set(static_cast<time_t>(ms / 1000), static_cast<time_t>((ms % 1000) * 1000));
}

} // namespace

Outcome<std::pair<std::string, int>> parse_desk_url(std::string_view url) {
    const std::string text(url);
    const auto bad = [&](const std::string& why) {
        return Error{"\"" + text + "\" is not a desk address like https://desk:8443 (" + why + ")"};
    };
    constexpr std::string_view scheme = "https://";
    if (url.substr(0, scheme.size()) != scheme) return bad("it must start with https://");
    std::string_view rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (rest.find_first_of("/?#@ ") != std::string_view::npos)
        return bad("no path, query or user is allowed");
    std::string_view host;
    std::string_view port_text;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return bad("unclosed [");
        host = rest.substr(1, close - 1);
        const std::string_view after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':') return bad("junk after ]");
        if (!after.empty()) port_text = after.substr(1);
        if (after == ":") return bad("empty port");
    } else {
        const auto colon = rest.find(':');
        host = rest.substr(0, colon);
        if (colon != std::string_view::npos) {
            port_text = rest.substr(colon + 1);
            if (port_text.empty()) return bad("empty port");
        }
    }
    if (host.empty()) return bad("no host");
    int port = 443;
    if (!port_text.empty()) {
        const auto [end, ec] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
            port > 65535)
            return bad("the port must be 1 to 65535");
    }
    return std::pair<std::string, int>{std::string(host), port};
}

FleetClient::FleetClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FleetClient::~FleetClient() = default;

Outcome<std::unique_ptr<FleetClient>> FleetClient::create(const FleetClientConfig& config) {
    if (config.host.empty()) return Error{"no desk host given"};
    if (config.port < 1 || config.port > 65535)
        return Error{"the desk port must be 1 to 65535, not " + std::to_string(config.port)};
    if (config.kiosk_key == nullptr) return Error{"no kiosk key given"};
    if (config.connect_timeout_ms < 1 || config.read_timeout_ms < 1)
        return Error{"timeouts must be positive"};
    auto ca = certificate_from_pem(config.ca_cert_pem, "the fleet CA certificate");
    if (!ca) return ca.error();
    if (X509_check_ca(ca->get()) == 0) return Error{"the fleet CA certificate is not a CA"};
    auto cert = certificate_from_pem(config.client_cert_pem, "this kiosk's certificate");
    if (!cert) return cert.error();
    auto key = ed25519_private_key(*config.kiosk_key);
    if (!key) return key.error();
    if (EVP_PKEY_eq(X509_get0_pubkey(cert->get()), key->get()) != 1) {
        ERR_clear_error();
        return Error{"this kiosk's certificate is for another key"};
    }

    auto impl = std::make_unique<Impl>();
    impl->host = config.host;
    impl->port = config.port;
    impl->read_timeout_ms = config.read_timeout_ms;
    // The SSL_CTX takes its own references to the certificate and key; ours are freed on return
    // (OpenSSL wipes the key's copy of the seed when the last reference goes).
    impl->client =
        std::make_unique<httplib::SSLClient>(config.host, config.port, cert->get(), key->get());
    if (!impl->client->is_valid())
        return Error{"cannot set up TLS with this kiosk's certificate and key: " + openssl_error()};
    SSL_CTX* ctx = impl->client->ssl_context();

    X509StorePtr store(X509_STORE_new());
    if (!store || X509_STORE_add_cert(store.get(), ca->get()) != 1)
        return Error{"cannot pin the fleet CA: " + openssl_error()};
    impl->client->set_ca_cert_store(store.release()); // the SSL_CTX owns it from here

    // Host name checking by OpenSSL, during the handshake: SAN entries only (never the CN), no
    // partial wildcards; an IP literal must match an IP SAN.
    X509_VERIFY_PARAM* param = SSL_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT |
                                               X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    const bool host_set = is_ip_literal(config.host)
                              ? X509_VERIFY_PARAM_set1_ip_asc(param, config.host.c_str()) == 1
                              : X509_VERIFY_PARAM_set1_host(param, config.host.c_str(), 0) == 1;
    if (!host_set)
        return Error{"cannot check the desk's name " + config.host + ": " + openssl_error()};
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1)
        return Error{"cannot require TLS 1.3: " + openssl_error()};
    if (SSL_CTX_set_ex_data(ctx, client_ex_index(), impl.get()) != 1)
        return Error{"cannot attach the client to its TLS context: " + openssl_error()};
    // Verification is OpenSSL's, in the handshake (SSL_VERIFY_PEER: a failure aborts it), not
    // httplib's: httplib 0.11 would, lacking a CA file path, also load the system's trust store
    // (SSL_CTX_set_default_verify_paths) next to the pinned CA, and then checks names itself.
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, record_verify);
    SSL_CTX_set_info_callback(ctx, record_alert);
    impl->client->enable_server_certificate_verification(false);

    httplib::SSLClient& client = *impl->client;
    set_timeout(config.connect_timeout_ms,
                [&](time_t s, time_t us) { client.set_connection_timeout(s, us); });
    set_timeout(config.read_timeout_ms,
                [&](time_t s, time_t us) { client.set_read_timeout(s, us); });
    set_timeout(config.read_timeout_ms,
                [&](time_t s, time_t us) { client.set_write_timeout(s, us); });
    client.set_keep_alive(false);
    client.set_follow_location(false);
    // httplib writes the request head and body apart: with Nagle on, the body waits for the
    // desk's delayed ACK of the head (40 ms on Linux), which was most of every sync's time.
    client.set_tcp_nodelay(true);
    return std::unique_ptr<FleetClient>(new FleetClient(std::move(impl)));
}

Outcome<FleetReply> FleetClient::post(const std::string& path, const std::string& body,
                                      const std::string& content_type) {
    std::lock_guard lock(impl_->mutex);
    impl_->verify_error = 0;
    impl_->verify_depth = -1;
    impl_->alert.clear();
    SigpipeGuard no_sigpipe;
    auto result = impl_->client->Post(path, body, content_type);
    if (result) return FleetReply{result->status, result->body};
    ERR_clear_error();

    const std::string where = impl_->where();
    if (impl_->verify_error == X509_V_ERR_HOSTNAME_MISMATCH ||
        impl_->verify_error == X509_V_ERR_IP_ADDRESS_MISMATCH)
        return Error{"the desk's certificate at " + where + " is not for " + impl_->host +
                     " (name mismatch); refusing to talk to it"};
    if (impl_->verify_error != 0)
        return Error{"the desk's certificate at " + where +
                     " did not verify against the pinned fleet CA (" +
                     X509_verify_cert_error_string(impl_->verify_error) + ", depth " +
                     std::to_string(impl_->verify_depth) +
                     "); refusing to talk to it: another event's desk, or a man in the middle"};
    const auto error = result.error();
    if (impl_->alert.empty() && (error == httplib::Error::Read || error == httplib::Error::Write)) {
        listen_for_refusal(impl_->client->ssl_context(), impl_->host, impl_->port,
                           std::min(impl_->read_timeout_ms, 1000));
    }
    if (!impl_->alert.empty())
        return Error{"the desk at " + where + " refused this kiosk in the TLS handshake (" +
                     impl_->alert +
                     "): its certificate is not accepted (expired, from another CA) or the "
                     "kiosk has been withdrawn"};
    switch (error) {
    case httplib::Error::Connection:
        return Error{"cannot connect to the desk at " + where + " (refused or unreachable)"};
    case httplib::Error::ConnectionTimeout:
        return Error{"timed out connecting to the desk at " + where};
    case httplib::Error::SSLConnection:
        return Error{"the TLS handshake with the desk at " + where +
                     " failed (timed out, or not a TLS 1.3 fleet server)"};
    case httplib::Error::Read:
        return Error{"no answer from the desk at " + where + " within " +
                     std::to_string(impl_->read_timeout_ms) +
                     " ms (timed out, or the desk closed the connection)"};
    case httplib::Error::Write:
        return Error{"cannot send to the desk at " + where + " (the connection was closed)"};
    default:
        return Error{"the request to the desk at " + where +
                     " failed: " + httplib::to_string(result.error())};
    }
}

} // namespace accred
