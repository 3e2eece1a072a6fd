// A real web desk for the person's page tests: a workspace with the demo roster, one operator
// account per role, WebDesk mounted on an httplib::Server over plain HTTP on 127.0.0.1 (port 0),
// and a client that logs in and carries the session cookie and the page's CSRF token.
#pragma once

#include "issuer/desk_workspace.h"
#include "issuer/web/web_desk.h"
#include "issuer/web/web_fixture.h"

#include <httplib.h>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace accred::test {

// The desk's clock in these tests: 2014-03-30T09:00:00Z, before the demo event's days.
inline constexpr std::int64_t kWebNow = 1396170000;

class PersonDesk {
  public:
    // printer: the CUPS queue the desk prints to (config.printer); empty for none.
    explicit PersonDesk(const std::string& printer = "");
    ~PersonDesk();
    PersonDesk(const PersonDesk&) = delete;
    PersonDesk& operator=(const PersonDesk&) = delete;

    // Logs in as the account of role ("operator", "supervisor", "security", "auditor") and
    // returns the Cookie header to send.
    std::string login(const std::string& role);
    httplib::Result get(const std::string& path, const std::string& cookie);
    // A form POST; the session's CSRF token is added unless with_csrf is false.
    httplib::Result post(const std::string& path, const std::string& cookie, httplib::Params form,
                         bool with_csrf = true);
    // The hidden csrf field of the page at path.
    std::string csrf(const std::string& path, const std::string& cookie);

    Workspace ws;
    PublicKey event_key{};

  private:
    std::unique_ptr<WebFixture> served_;
    int port_ = 0;
    std::map<std::string, std::string> csrf_by_cookie_;
};

// "user" + role's password, for the accounts PersonDesk makes.
inline std::string web_password(const std::string& role) {
    return "pw-for-" + role + "-1";
}

} // namespace accred::test
