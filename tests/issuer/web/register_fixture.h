// A real web desk for tests of its pages: the demo event's workspace, WebDesk mounted on a
// plain-HTTP httplib::Server on 127.0.0.1 (an ephemeral port), its clock fixed, and browsers
// (httplib::Client with the session cookie and the page's CSRF token) for operators added to it.
#pragma once

#include "issuer/desk_workspace.h"
#include "issuer/operator_role.h"
#include "issuer/web/web_desk.h"
#include "issuer/web/web_fixture.h"

#include <httplib.h>
#include <memory>
#include <string>
#include <thread>

namespace accred::test {

// 2014-03-31 08:00 UTC (10:00 in Brussels), the event's first day.
inline constexpr std::int64_t kWebNow = 1396252800;

// One logged-in operator's browser. Not thread-safe: a thread makes its own (login_as).
struct UploadBrowser {
    std::unique_ptr<httplib::Client> http;
    std::string cookie; // "desk=TOKEN"
    std::string csrf;   // the session's CSRF token, read from a page's hidden field

    // The same session on a connection of its own (for another thread).
    UploadBrowser another(int port) const;
    httplib::Headers headers(bool json = false) const;
    httplib::Result get(const std::string& path, bool json = false);
    // A form POST (urlencoded) with the CSRF token added.
    httplib::Result post(const std::string& path, httplib::Params form, bool json = false);
    // A multipart POST with the CSRF token added.
    httplib::Result post_multipart(const std::string& path, httplib::MultipartFormDataItems items,
                                   bool json = false);
};

class WebDeskFixture {
  public:
    explicit WebDeskFixture(std::int64_t now = kWebNow);
    ~WebDeskFixture();

    // Adds an operator account (password "pw-for-NAME-1").
    void add(const std::string& name, OperatorRole role);
    // Logs name in and reads the CSRF token from a page its role may see (or the 403 page).
    UploadBrowser login_as(const std::string& name);
    int port() const { return served_->port(); }

    Workspace ws;

  private:
    std::unique_ptr<WebFixture> served_;
};

// The value of the hidden csrf field in an HTML page, or "".
std::string csrf_in(const std::string& html);
// The inside of the element with id in html (up to its closing tag of the same name), or "".
std::string element_text(const std::string& html, const std::string& id);
// &amp; &lt; &gt; &quot; &#39; back to characters (mustache's escapes).
std::string html_unescape(std::string text);
// Bytes of a file under assets/demo.
std::string demo_file(const std::string& relative);
// A multipart part.
httplib::MultipartFormData part(const std::string& name, const std::string& content,
                                const std::string& filename = "", const std::string& type = "");

} // namespace accred::test
