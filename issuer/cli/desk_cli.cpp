#include "desk_cli.h"

#include "commands.h"
#include "crypto/passphrase.h"
#include "event/moment_text.h"

#include <charconv>
#include <chrono>
#include <ctime>
#include <iostream>
#include <pwd.h>
#include <unistd.h>

namespace accred {

void add_desk_options(CLI::App* command, DeskOptions& o, bool with_json) {
    command->add_option("-w,--workspace", o.workspace, "Desk workspace folder")
        ->capture_default_str();
    command->add_option("--passphrase-file", o.passphrase_file,
                        "Read the desk passphrase from this file (else $ACCRED_PASSPHRASE, else "
                        "prompt)");
    command->add_option("--now", o.now,
                        "Act at this time instead of the clock: 2014-03-31T06:00:00Z, "
                        "2014-03-31T08:00+02:00 or local '2014-03-31 08:00'");
    if (with_json) command->add_flag("--json", o.json, "Print JSON for scripts");
}

void add_force_option(CLI::App* command, Overwrite& overwrite) {
    command->add_flag_callback(
        "--force", [&overwrite] { overwrite = Overwrite::replace; },
        "Replace the output file if it exists (written beside it, then renamed over it)");
}

Outcome<Desk> open_desk(const DeskOptions& o) {
    return Desk::open(o.workspace);
}

Outcome<SigningKey> unlock_event_key(const Desk& desk, const DeskOptions& o) {
    PassphraseSource source;
    if (!o.passphrase_file.empty()) source.file = o.passphrase_file;
    source.prompt = "Desk passphrase for " + desk.dir() + ": ";
    auto passphrase = obtain_passphrase(source);
    if (!passphrase) return passphrase.error();
    return desk.unlock_event_key(passphrase->view());
}

Outcome<std::uint64_t> desk_now(const Desk& desk, const DeskOptions& o) {
    if (o.now.empty()) return static_cast<std::uint64_t>(std::time(nullptr));
    auto t = parse_moment(ResolvedZone::resolve_or_unknown(desk.event().time_zone), o.now);
    if (!t) return Error{"--now: " + t.error().message};
    return static_cast<std::uint64_t>(t.value());
}

std::function<std::int64_t()> running_desk_clock(bool simulated, std::int64_t origin) {
    const auto started = std::chrono::steady_clock::now();
    return [simulated, started, origin]() -> std::int64_t {
        if (!simulated) return static_cast<std::int64_t>(std::time(nullptr));
        return origin + std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    };
}

Outcome<ListenAddress> parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    const Error bad{"--listen wants HOST:PORT (e.g. 0.0.0.0:8443), not '" + text + "'"};
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return bad;
    ListenAddress a;
    a.host = text.substr(0, colon);
    if (a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
    const char* first = text.data() + colon + 1;
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, a.port);
    if (ec != std::errc{} || end != last || a.port < 0 || a.port > 65535 || a.host.empty())
        return bad;
    return a;
}

std::string desk_actor(const std::string& command) {
    const passwd* user = ::getpwuid(::geteuid());
    const std::string what = "issuer " + command;
    return user && user->pw_name && *user->pw_name ? user->pw_name + (" via " + what) : what;
}

int refuse_withdrawn(Desk& desk, const std::vector<std::string>& ids,
                     const std::string& consequence) {
    std::string notices; // one message, so that --json prints one error object
    for (const auto& id : ids) {
        auto w = desk.withdrawal(id);
        if (!w) return fail_error(w.error());
        if (!w.value()) continue;
        notices += (notices.empty() ? "" : "\n") + withdrawn_notice(*w.value(), consequence);
    }
    return notices.empty() ? kExitOk : fail_refused(notices);
}

Outcome<DeskSession> open_session(const DeskOptions& o, bool unlock_key) {
    auto desk = open_desk(o);
    if (!desk) return desk.error();
    auto now = desk_now(desk.value(), o);
    if (!now) return now.error();
    DeskSession session{std::move(desk).value(), now.value(), std::nullopt};
    if (unlock_key) {
        auto key = unlock_event_key(session.desk, o);
        if (!key) return key.error();
        session.key.emplace(std::move(key).value());
    }
    return session;
}

} // namespace accred
