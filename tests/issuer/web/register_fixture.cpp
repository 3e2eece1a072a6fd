#include "register_fixture.h"

#include "crypto/file_io.h"
#include "issuer/operator_accounts.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>

namespace accred::test {

WebDeskFixture::WebDeskFixture(std::int64_t now) : ws(make_workspace()) {
    auto key = SigningKey::from_seed(ws.key.seed());
    REQUIRE(key);
    served_ = std::make_unique<WebFixture>(ws.dir, std::move(key).value(), now);
}

WebDeskFixture::~WebDeskFixture() = default;

void WebDeskFixture::add(const std::string& name, OperatorRole role) {
    REQUIRE(add_operator(ws.desk.db(), name, role, "pw-for-" + name + "-1", kWebNow));
}

UploadBrowser WebDeskFixture::login_as(const std::string& name) {
    UploadBrowser b;
    b.http = std::make_unique<httplib::Client>("127.0.0.1", port());
    b.http->set_read_timeout(60, 0);
    auto res = b.http->Post("/login",
                            httplib::Params{{"name", name}, {"password", "pw-for-" + name + "-1"}});
    REQUIRE(res);
    REQUIRE(res->status == 303);
    const std::string set = res->get_header_value("Set-Cookie");
    b.cookie = set.substr(0, set.find(';'));
    REQUIRE(b.cookie.rfind("desk=", 0) == 0);
    auto page = b.get("/register"); // the layout carries the token, on a 403 page too
    REQUIRE(page);
    b.csrf = csrf_in(page->body);
    REQUIRE(!b.csrf.empty());
    return b;
}

UploadBrowser UploadBrowser::another(int port) const {
    UploadBrowser b;
    b.http = std::make_unique<httplib::Client>("127.0.0.1", port);
    b.http->set_read_timeout(120, 0);
    b.cookie = cookie;
    b.csrf = csrf;
    return b;
}

httplib::Headers UploadBrowser::headers(bool json) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (json) h.emplace("Accept", "application/json");
    return h;
}

httplib::Result UploadBrowser::get(const std::string& path, bool json) {
    return http->Get(path.c_str(), headers(json));
}

httplib::Result UploadBrowser::post(const std::string& path, httplib::Params form, bool json) {
    form.emplace("csrf", csrf);
    return http->Post(path.c_str(), headers(json), form);
}

httplib::Result UploadBrowser::post_multipart(const std::string& path,
                                              httplib::MultipartFormDataItems items, bool json) {
    items.push_back(part("csrf", csrf));
    return http->Post(path.c_str(), headers(json), items);
}

std::string csrf_in(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos) return "";
    const auto from = at + marker.size();
    return html.substr(from, html.find('"', from) - from);
}

std::string element_text(const std::string& html, const std::string& id) {
    const auto at = html.find("id=\"" + id + "\"");
    if (at == std::string::npos) return "";
    const auto open = html.rfind('<', at);
    const std::string tag = html.substr(open + 1, html.find_first_of(" >", open) - open - 1);
    const auto from = html.find('>', at) + 1;
    return html.substr(from, html.find("</" + tag + ">", from) - from);
}

std::string html_unescape(std::string text) {
    const std::pair<const char*, const char*> escapes[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : escapes)
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1))
            text.replace(at, std::string(from).size(), to);
    return text;
}

std::string demo_file(const std::string& relative) {
    auto bytes = read_small_file(demo_dir() + "/" + relative, 64 << 20);
    REQUIRE(bytes);
    return bytes.value();
}

httplib::MultipartFormData part(const std::string& name, const std::string& content,
                                const std::string& filename, const std::string& type) {
    return {name, content, filename, type};
}

} // namespace accred::test
