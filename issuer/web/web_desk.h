// The web desk (issuer web, docs/desk-web.md): the accreditation desk's pages over HTTPS on the
// same desk.db and the same library calls as the issuer commands. This file puts the pages on an
// HTTP server behind the checks every request passes: the session, the role's permission, the
// CSRF token and origin of every POST, and the security headers of every answer.
#pragma once

#include "crypto/outcome.h"
#include "issuer/web/web_call.h"
#include "issuer/web/web_shared.h"

#include <httplib.h>
#include <memory>

namespace accred {

class WebDesk {
  public:
    // Opens config.desk_connections connections to the workspace and keeps key for signing.
    static Outcome<std::unique_ptr<WebDesk>> open(WebDeskConfig config, SigningKey key);

    // Registers every page and the checks on server (before it listens).
    void mount(httplib::Server& server);

    WebShared& shared() { return *shared_; }

  private:
    explicit WebDesk(std::unique_ptr<WebShared> shared) : shared_(std::move(shared)) {}
    void serve(const WebRoute& route, const httplib::Request& req, httplib::Response& res);
    std::unique_ptr<WebShared> shared_;
};

// The session cookie's name: "__Host-desk" over TLS (the browser then insists on Secure, Path=/
// and no Domain), "desk" on plain loopback HTTP.
std::string session_cookie_name(bool secure);
// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);

} // namespace accred
