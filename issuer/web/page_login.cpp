// The login page, logout, the language switch and the static files (style sheet, script).
#include "issuer/operator_accounts.h"
#include "issuer/web/web_assets.h"
#include "issuer/web/web_desk.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"login_title", "Log in", "Connexion", "Aanmelden"},
    {"name", "Name", "Nom", "Naam"},
    {"password", "Password", "Mot de passe", "Wachtwoord"},
    {"login_button", "Log in", "Se connecter", "Aanmelden"},
    {"login_failed", "Wrong name or password.", "Nom ou mot de passe incorrect.",
     "Verkeerde naam of wachtwoord."},
    {"login_wait", "Too many failed attempts. Try again in", "Trop d'échecs. Réessayez dans",
     "Te veel mislukte pogingen. Probeer opnieuw over"},
    {"seconds", "seconds", "secondes", "seconden"},
};

std::string cookie(const WebShared& s, const std::string& value, std::int64_t max_age) {
    // No Max-Age while logged in: a session cookie, gone when the browser closes.
    std::string c = session_cookie_name(s.config.secure_cookies) + "=" + value +
                    "; Path=/; HttpOnly; SameSite=Strict" + (max_age == 0 ? "; Max-Age=0" : "");
    if (s.config.secure_cookies) c += "; Secure";
    return c;
}

std::string local_next(const std::string& next) {
    if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
        return "/";
    return next;
}

void show_login(WebCall& c, const std::string& message, int status) {
    c.page("login.mustache", kTexts,
           {{"next", local_next(c.param("next"))},
            {"ended", c.param("ended") == "1"},
            {"message", message},
            {"name", c.param("name")}},
           status);
}

void do_login(WebCall& c) {
    WebShared& s = c.shared;
    const std::string name = c.param("name");
    const std::string password = c.param("password");
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    if (const auto wait = s.throttle.wait_seconds(name, c.remote(), c.now()); wait > 0)
        return show_login(c,
                          std::string(t["login_wait"]) + " " + std::to_string(wait) + " " +
                              std::string(t["seconds"]) + ".",
                          429);
    Outcome<std::optional<OperatorAccount>> account = std::optional<OperatorAccount>{};
    {
        s.password_checks.acquire();
        account = check_operator_password(c.desk().db(), name, password);
        s.password_checks.release();
    }
    if (!account) return c.fail(500, account.error().message);
    OperatorAction row{
        0,  c.now(),   valid_operator_name(name) ? name : "?", "", JournalAction::login, "",
        "", c.remote()};
    if (!account->has_value()) {
        s.throttle.failed(name, c.remote(), c.now());
        row.action = JournalAction::login_refused;
        if (auto r = record_operator_action(c.desk().db(), row); !r)
            return c.fail(500, r.error().message);
        return show_login(c, std::string(t["login_failed"]), 401);
    }
    s.throttle.succeeded(name, c.remote());
    const WebSession session = s.sessions.open(name, account->value().role, c.lang(), c.now());
    row.role = std::string(role_name(session.role));
    if (auto r = record_operator_action(c.desk().db(), row); !r) {
        s.sessions.close(session.token);
        return c.fail(500, r.error().message);
    }
    c.res.set_header("Set-Cookie", cookie(s, session.token, s.config.max_session_seconds));
    c.redirect(local_next(c.param("next")));
}

void do_logout(WebCall& c) {
    if (auto r = c.journal(JournalAction::logout, "", ""); !r)
        return c.fail(500, r.error().message);
    c.shared.sessions.close(c.session()->token);
    c.res.set_header("Set-Cookie", cookie(c.shared, "", 0));
    c.redirect("/login");
}

void set_language(WebCall& c) {
    c.shared.sessions.set_lang(c.session()->token, known_language(c.param("lang")));
    c.redirect(local_next(c.param("back")));
}

void static_file(WebCall& c) {
    const std::string name = c.path_part();
    auto text = web_asset(name);
    if (!text) return c.fail(404, "not_found");
    const bool css = name.size() > 4 && name.substr(name.size() - 4) == ".css";
    c.res.set_header("Cache-Control", "max-age=300");
    c.res.set_content(std::string(*text), css ? "text/css" : "text/javascript");
}

} // namespace

std::vector<WebRoute> login_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/login", std::nullopt, true, [](WebCall& c) { show_login(c, "", 200); }},
        {M::post, "/login", std::nullopt, true, do_login},
        {M::post, "/logout", std::nullopt, false, do_logout},
        {M::post, "/lang", std::nullopt, false, set_language},
        {M::get, R"(/static/([a-z_]+\.(?:css|js)))", std::nullopt, true, static_file},
    };
}

} // namespace accred
