// One request to the web desk as a page handler sees it: who asks (the session), what they sent,
// the desk to work on, and how to answer (a page, JSON, a redirect, a file). Handlers live in
// page_*.cpp, one file per page, and are registered in web_routes.cpp.
#pragma once

#include "issuer/desk.h"
#include "issuer/operator_journal.h"
#include "issuer/operator_role.h"
#include "issuer/web/desk_pool.h"
#include "issuer/web/session_store.h"
#include "issuer/web/web_text.h"

#include <functional>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

namespace accred {

class WebShared; // web_shared.h: what all requests share (key, pool, sessions, clock, jobs)

class WebCall {
  public:
    WebCall(WebShared& shared, const httplib::Request& req, httplib::Response& res,
            std::optional<WebSession> session);

    const httplib::Request& req;
    httplib::Response& res;
    WebShared& shared;

    // The logged-in operator's session; absent on the login page.
    const std::optional<WebSession>& session() const { return session_; }
    const std::string& operator_name() const;
    bool allowed(Permission p) const;
    std::string lang() const;
    // The browser's address, for the journal.
    std::string remote() const;
    // A form field or query parameter ("" when absent).
    std::string param(const std::string& name) const;
    // The path's first regex group (e.g. the holder id in /person/(...)).
    std::string path_part(std::size_t index = 1) const;
    // The desk's clock (simulated under --now).
    std::int64_t now() const;

    // A borrowed desk.db connection, for the rest of the request.
    Desk& desk();

    // Renders template (with the words of texts and the shared ones as {{t...}}) inside the
    // layout: menu by permission, language switch, CSRF token, operator.
    void page(std::string_view template_name, std::span<const TextEntry> texts, nlohmann::json data,
              int status = 200);
    void json(const nlohmann::json& body, int status = 200);
    void redirect(const std::string& to);
    // A page saying what went wrong, in the operator's language when it is a text key.
    void fail(int status, const std::string& message);
    void file(std::string body, const std::string& content_type, const std::string& filename,
              bool inline_disposition);

    // Adds a row to the operator journal; an Error is the journal's (a failed write must stop
    // the action it records: the caller answers 500).
    [[nodiscard]] Status journal(JournalAction action, const std::string& subject,
                                 const std::string& detail);

  private:
    std::optional<WebSession> session_;
    std::optional<DeskPool::Lease> desk_;
};

using WebHandler = std::function<void(WebCall&)>;

struct WebRoute {
    enum class Method { get, post } method = Method::get;
    std::string pattern;                  // httplib regex, e.g. R"(/person/([A-Za-z0-9._-]+))"
    std::optional<Permission> permission; // nullopt: needs a session only (or none: public)
    bool is_public = false;               // the login page, the style sheet and the script
    WebHandler handler;
};

} // namespace accred
