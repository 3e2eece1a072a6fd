#include "person_fixture.h"

#include "issuer/operator_accounts.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

namespace accred::test {

PersonDesk::PersonDesk(const std::string& printer) : ws(make_workspace()) {
    REQUIRE(ws.desk.import_people(demo_roster(), static_cast<std::uint64_t>(kWebNow)));
    for (const char* role : {"operator", "supervisor", "security", "auditor"})
        REQUIRE(add_operator(ws.desk.db(), role, *parse_role(role), web_password(role), kWebNow));
    event_key = ws.desk.event_public_key();
    served_ = std::make_unique<WebFixture>(ws.dir, std::move(ws.key), kWebNow,
                                           [&printer](WebDeskConfig& c) { c.printer = printer; });
    port_ = served_->port();
}

PersonDesk::~PersonDesk() = default;

std::string PersonDesk::login(const std::string& role) {
    httplib::Client client("127.0.0.1", port_);
    auto r =
        client.Post("/login", httplib::Params{{"name", role}, {"password", web_password(role)}});
    REQUIRE(r);
    REQUIRE(r->status == 303);
    const std::string set = r->get_header_value("Set-Cookie");
    const auto end = set.find(';');
    REQUIRE(set.rfind("desk=", 0) == 0);
    return set.substr(0, end);
}

httplib::Result PersonDesk::get(const std::string& path, const std::string& cookie) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path.c_str(), {{"Cookie", cookie}});
}

httplib::Result PersonDesk::post(const std::string& path, const std::string& cookie,
                                 httplib::Params form, bool with_csrf) {
    if (with_csrf) {
        auto& token = csrf_by_cookie_[cookie];
        if (token.empty()) token = csrf("/", cookie);
        form.emplace("csrf", token);
    }
    httplib::Client client("127.0.0.1", port_);
    return client.Post(path.c_str(), {{"Cookie", cookie}}, form);
}

std::string PersonDesk::csrf(const std::string& path, const std::string& cookie) {
    auto r = get(path, cookie);
    REQUIRE(r);
    static const std::regex field(R"re(name="csrf" value="([^"]+)")re");
    std::smatch m;
    REQUIRE(std::regex_search(r->body, m, field));
    return m[1];
}

} // namespace accred::test
