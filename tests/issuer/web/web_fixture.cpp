#include "web_fixture.h"

#include "issuer/desk.h"
#include "issuer/operator_accounts.h"
#include "issuer/web/listen_backlog.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

namespace accred::test {

WebFixture::WebFixture(const std::string& desk_dir, SigningKey key, std::int64_t now,
                       const std::function<void(WebDeskConfig&)>& adjust) {
    WebDeskConfig config;
    config.desk_dir = desk_dir;
    config.secure_cookies = false; // plain HTTP on the loopback, as `issuer web --no-tls`
    config.desk_connections = 4;
    config.clock = [now] { return now; };
    config.say = [](const std::string& line) { UNSCOPED_INFO("web desk: " << line); };
    if (adjust) adjust(config);
    auto desk = WebDesk::open(config, std::move(key));
    REQUIRE(desk);
    desk_ = std::move(desk).value();
    desk_->mount(server_);
    server_.set_payload_max_length(256u << 20); // as issuer web: a roster with its photos
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    REQUIRE(widen_listen_backlog(port_));
    serving_ = std::thread([this] { server_.listen_after_bind(); });
    // httplib 0.11 has no wait_until_ready: the socket is bound and listening already (connects
    // queue in its backlog), so only wait for the accept loop to start.
    while (!server_.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

WebFixture::~WebFixture() {
    server_.stop();
    serving_.join();
}

httplib::Client WebFixture::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
}

void add_test_operator(const std::string& desk_dir, const std::string& name, OperatorRole role,
                       const std::string& password) {
    auto desk = Desk::open(desk_dir);
    REQUIRE(desk);
    REQUIRE(add_operator(desk->db(), name, role, password, 0));
}

std::string first_match(const std::string& text, const std::string& regex) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(regex)) && m.size() > 1 ? m[1].str() : "";
}

WebBrowser::WebBrowser(const WebFixture& web, const std::string& name, const std::string& password)
    : web_(web) {
    auto login =
        web_.client().Post("/login", httplib::Params{{"name", name}, {"password", password}});
    REQUIRE(login);
    REQUIRE(login->status == 303);
    cookie_ = first_match(login->get_header_value("Set-Cookie"), "^(desk=[^;]+)");
    REQUIRE_FALSE(cookie_.empty());
    // Every page a logged-in operator sees carries the session's token in the layout's forms.
    auto page = get("/login");
    REQUIRE(page);
    csrf_ = first_match(page->body, "name=\"csrf\" value=\"([^\"]+)\"");
    REQUIRE_FALSE(csrf_.empty());
}

httplib::Headers WebBrowser::headers() const {
    return {{"Cookie", cookie_}};
}

httplib::Result WebBrowser::get(const std::string& path) {
    return web_.client().Get(path.c_str(), headers());
}

httplib::Result WebBrowser::post(const std::string& path, httplib::Params form) {
    form.emplace("csrf", csrf_);
    httplib::Headers h = headers();
    h.emplace("Origin", "http://127.0.0.1:" + std::to_string(web_.port()));
    return web_.client().Post(path.c_str(), h, form);
}

} // namespace accred::test
