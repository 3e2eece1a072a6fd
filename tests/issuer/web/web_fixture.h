// A real web desk for tests: WebDesk on a workspace, served over plain HTTP on 127.0.0.1 (port 0)
// by httplib, and browsers that log in as an operator and GET and POST with the session's cookie
// and CSRF token, as a page's forms do.
#pragma once

#include "issuer/operator_role.h"
#include "issuer/web/web_desk.h"

#include <functional>
#include <httplib.h>
#include <memory>
#include <string>
#include <thread>

namespace accred::test {

class WebFixture {
  public:
    // Serves the workspace at desk_dir with key, the desk's clock stopped at now; adjust may
    // change the configuration first (a printer queue, say).
    WebFixture(const std::string& desk_dir, SigningKey key, std::int64_t now,
               const std::function<void(WebDeskConfig&)>& adjust = {});
    ~WebFixture();
    WebFixture(const WebFixture&) = delete;
    WebFixture& operator=(const WebFixture&) = delete;

    int port() const { return port_; }
    httplib::Client client() const;
    WebShared& shared() { return desk_->shared(); }

  private:
    std::unique_ptr<WebDesk> desk_;
    httplib::Server server_;
    std::thread serving_;
    int port_ = 0;
};

// Adds the operator name with role and password to the workspace's desk.db (REQUIREs success).
void add_test_operator(const std::string& desk_dir, const std::string& name, OperatorRole role,
                       const std::string& password);

// One operator's browser: logged in at construction (REQUIREs the login's redirect).
class WebBrowser {
  public:
    WebBrowser(const WebFixture& web, const std::string& name, const std::string& password);

    httplib::Result get(const std::string& path);
    // A form POST with the session's CSRF token and this desk's Origin.
    httplib::Result post(const std::string& path, httplib::Params form);

    const std::string& csrf() const { return csrf_; }

  private:
    httplib::Headers headers() const;
    const WebFixture& web_;
    std::string cookie_;
    std::string csrf_;
};

// The first group of regex in text ("" when it does not match).
std::string first_match(const std::string& text, const std::string& regex);

} // namespace accred::test
