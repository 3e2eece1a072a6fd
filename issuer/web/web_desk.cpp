#include "web_desk.h"

#include "issuer/operator_accounts.h"
#include "issuer/web/web_routes.h"

namespace accred {
namespace {

bool wants_json(const httplib::Request& req) {
    return req.get_header_value("Accept").find("application/json") != std::string::npos ||
           req.path.rfind("/api/", 0) == 0;
}

// A POST must come from a page of this desk: its Origin (sent by every current browser on a
// POST) names this host, and it carries the session's CSRF token, in the form or as a header.
bool same_origin(const httplib::Request& req) {
    if (!req.has_header("Origin")) return true; // older clients; the CSRF token still decides
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    return !host.empty() && (origin == "https://" + host || origin == "http://" + host);
}

bool csrf_ok(const httplib::Request& req, const WebSession& session) {
    std::string token = req.get_header_value("X-CSRF-Token");
    if (token.empty() && req.has_param("csrf")) token = req.get_param_value("csrf");
    if (token.empty() && req.has_file("csrf")) token = req.get_file_value("csrf").content;
    return same_token(token, session.csrf);
}

// Only a path of this site: "/person/M001", never "//evil.example" or "https://...".
std::string local_path(const std::string& path) {
    if (path.empty() || path[0] != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\')))
        return "/";
    return path;
}

// The account behind a session, checked on every request: an account disabled, removed or given
// another role (issuer operator) ends its sessions at their next request, not at their timeout.
bool account_still_valid(WebShared& s, const WebSession& session) {
    auto desk = s.pool->take();
    auto account = find_operator(desk->db(), session.operator_name);
    return account && account->has_value() && !account->value().disabled &&
           account->value().role == session.role;
}

} // namespace

std::string session_cookie_name(bool secure) {
    return secure ? "__Host-desk" : "desk";
}

std::string cookie_value(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(pos, end - pos);
        pair.erase(0, pair.find_first_not_of(' '));
        if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 &&
            pair[name.size()] == '=')
            return pair.substr(name.size() + 1);
        pos = end + 1;
    }
    return "";
}

Outcome<std::unique_ptr<WebDesk>> WebDesk::open(WebDeskConfig config, SigningKey key) {
    auto pool = DeskPool::open(config.desk_dir, config.desk_connections);
    if (!pool) return pool.error();
    auto shared =
        std::make_unique<WebShared>(std::move(config), std::move(key), std::move(pool).value());
    return std::unique_ptr<WebDesk>(new WebDesk(std::move(shared)));
}

void WebDesk::serve(const WebRoute& route, const httplib::Request& req, httplib::Response& res) {
    WebShared& s = *shared_;
    const std::string token =
        cookie_value(req.get_header_value("Cookie"), session_cookie_name(s.config.secure_cookies));
    auto [lookup, session] = s.sessions.touch(token, s.config.clock());
    if (lookup == SessionLookup::expired && session) {
        WebCall ended(s, req, res, session);
        (void)ended.journal(JournalAction::session_expired, "", "idle or too old");
        session.reset();
    }
    if (lookup == SessionLookup::valid && session && !account_still_valid(s, *session)) {
        s.sessions.close(session->token);
        session.reset();
    }
    WebCall call(s, req, res, lookup == SessionLookup::valid ? session : std::nullopt);
    const bool is_post = route.method == WebRoute::Method::post;
    if (is_post && !same_origin(req)) return call.fail(403, "form_expired");
    if (!route.is_public) {
        if (!call.session()) {
            if (!is_post && !wants_json(req))
                return call.redirect(
                    "/login?next=" + httplib::detail::encode_query_param(local_path(req.path)) +
                    (lookup == SessionLookup::expired ? "&ended=1" : ""));
            return call.fail(401, "session_ended");
        }
        if (route.permission && !call.allowed(*route.permission))
            return call.fail(403, "not_allowed");
        if (is_post && !csrf_ok(req, *call.session())) return call.fail(403, "form_expired");
    }
    std::unique_lock<std::mutex> write_turn(s.writes, std::defer_lock);
    if (is_post && !route.is_public) write_turn.lock();
    try {
        route.handler(call);
    } catch (const std::exception& e) {
        s.config.say(std::string("web page ") + req.path + " failed: " + e.what());
        call.fail(500, e.what());
    }
}

void WebDesk::mount(httplib::Server& server) {
    httplib::Headers headers = {
        // Scripts, styles and images only from this desk; the camera's stream and the photo's
        // crop are blob: and data: URLs of the page itself.
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; "
         "object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; "
         "base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        // Not no-referrer: under it Chromium sends "Origin: null" on a form's POST, which the
        // same-origin check refuses (no login from a browser). same-origin still sends nothing
        // to other sites.
        {"Referrer-Policy", "same-origin"},
        {"Cache-Control", "no-store"}, // names and photos stay off the browser's disk
        {"Permissions-Policy", "camera=(self), microphone=(), geolocation=()"},
    };
    if (shared_->config.secure_cookies)
        headers.emplace("Strict-Transport-Security", "max-age=31536000");
    server.set_default_headers(headers);
    for (const WebRoute& route : all_web_routes()) {
        auto handler = [this, route](const httplib::Request& req, httplib::Response& res) {
            serve(route, req, res);
        };
        if (route.method == WebRoute::Method::get)
            server.Get(route.pattern, handler);
        else
            server.Post(route.pattern, handler);
    }
}

} // namespace accred
