#include "web_call.h"

#include "issuer/web/web_render.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

// The menu: each entry shown only to roles whose permission allows it.
struct MenuEntry {
    const char* href;
    const char* text_key;
    Permission needs;
};
constexpr MenuEntry kMenu[] = {
    {"/", "nav_search", Permission::search_people},
    {"/register", "nav_register", Permission::register_people},
    {"/roster", "nav_roster", Permission::register_people},
    {"/operations", "nav_operations", Permission::view_operations},
    {"/journal", "nav_journal", Permission::view_journal},
    {"/prints", "nav_prints", Permission::view_journal},
    {"/bundles", "nav_bundles", Permission::export_bundles},
    {"/audit", "nav_audit", Permission::view_audit},
};

} // namespace

WebCall::WebCall(WebShared& s, const httplib::Request& request, httplib::Response& response,
                 std::optional<WebSession> session)
    : req(request), res(response), shared(s), session_(std::move(session)) {}

const std::string& WebCall::operator_name() const {
    static const std::string nobody;
    return session_ ? session_->operator_name : nobody;
}

bool WebCall::allowed(Permission p) const {
    return session_ && role_allows(session_->role, p);
}

std::string WebCall::lang() const {
    if (session_) return session_->lang;
    return language_from_header(req.get_header_value("Accept-Language"));
}

std::string WebCall::remote() const {
    return req.remote_addr;
}

std::string WebCall::param(const std::string& name) const {
    if (req.has_param(name.c_str())) return req.get_param_value(name.c_str());
    if (req.has_file(name.c_str())) return req.get_file_value(name.c_str()).content;
    return "";
}

std::string WebCall::path_part(std::size_t index) const {
    return index < req.matches.size() ? std::string(req.matches[index]) : std::string();
}

std::int64_t WebCall::now() const {
    return shared.config.clock();
}

Desk& WebCall::desk() {
    if (!desk_) desk_.emplace(shared.pool->take());
    return **desk_;
}

void WebCall::page(std::string_view template_name, std::span<const TextEntry> texts,
                   nlohmann::json data, int status) {
    const std::string language = lang();
    nlohmann::json t = nlohmann::json::object();
    add_texts(t, common_texts(), language);
    add_texts(t, texts, language);
    data["t"] = t;
    if (session_) data["csrf"] = session_->csrf;
    auto content = render_template(template_name, data);
    if (!content) {
        res.status = 500;
        res.set_content("500: " + content.error().message, "text/plain; charset=utf-8");
        return;
    }
    nlohmann::json layout;
    layout["t"] = t;
    layout["lang"] = language;
    layout["content"] = content.value();
    layout["title"] = data.value("title", std::string(t["app_name"]));
    layout["event_name"] = desk().event().name;
    if (session_) {
        layout["operator"] = session_->operator_name;
        layout["role"] = t["role_" + std::string(role_name(session_->role))];
        layout["csrf"] = session_->csrf;
        nlohmann::json menu = nlohmann::json::array();
        for (const MenuEntry& m : kMenu)
            if (allowed(m.needs))
                menu.push_back(
                    {{"href", m.href}, {"text", t[m.text_key]}, {"current", req.path == m.href}});
        layout["menu"] = menu;
        nlohmann::json langs = nlohmann::json::array();
        for (auto l : kWebLanguages)
            langs.push_back({{"code", l}, {"current", l == language}});
        layout["languages"] = langs;
    }
    auto whole = render_template("layout.mustache", layout);
    res.status = status;
    if (!whole)
        res.set_content("500: " + whole.error().message, "text/plain; charset=utf-8");
    else
        res.set_content(whole.value(), "text/html; charset=utf-8");
}

void WebCall::json(const nlohmann::json& body, int status) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
}

void WebCall::redirect(const std::string& to) {
    res.status = 303; // See Other: the browser GETs `to` after a POST
    res.set_header("Location", to);
}

void WebCall::fail(int status, const std::string& message) {
    nlohmann::json t = nlohmann::json::object();
    add_texts(t, common_texts(), lang());
    const std::string text = t.contains(message) ? std::string(t[message]) : message;
    if (req.get_header_value("Accept").find("application/json") != std::string::npos) {
        json({{"error", text}}, status);
        return;
    }
    page("error.mustache", {}, {{"status", status}, {"message", text}}, status);
}

void WebCall::file(std::string body, const std::string& content_type, const std::string& filename,
                   bool inline_disposition) {
    res.status = 200;
    res.set_header("Content-Disposition",
                   std::string(inline_disposition ? "inline" : "attachment") + "; filename=\"" +
                       filename + "\"");
    res.set_content(std::move(body), content_type.c_str());
}

Status WebCall::journal(JournalAction action, const std::string& subject,
                        const std::string& detail) {
    OperatorAction a;
    a.at = now();
    a.operator_name = operator_name();
    a.role = session_ ? std::string(role_name(session_->role)) : std::string();
    a.action = action;
    a.subject = subject;
    a.detail = detail;
    a.remote = remote();
    return record_operator_action(desk().db(), a);
}

} // namespace accred
