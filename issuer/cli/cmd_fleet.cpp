// issuer fleet init / approve / withdraw / list: the event's fleet CA, the kiosks' certificates,
// and the live view of the kiosks syncing with issuer serve (docs/fleet.md).
#include "crypto/file_io.h"
#include "crypto/passphrase.h"
#include "fleet/tls/fleet_ca.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/kiosk_register.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/fleet/fleet_registry.h"
#include "issuer/fleet/fleet_status.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace accred {
namespace {

struct FleetOptions {
    DeskOptions desk;
    std::vector<std::string> hosts;
    int ca_days = 365;  // fleet init
    int cert_days = 30; // fleet approve
    std::string csr;
    std::string out;
    std::string kiosk_id;
    Overwrite overwrite = Overwrite::refuse; // fleet approve --force
};

// Certificates always carry real times: TLS checks them against the real clock of both ends.
std::int64_t real_now() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

// The workspace (desk.db holds the fleet's tables from schema version 4 on).
Outcome<Desk> open_fleet_desk(const DeskOptions& o) {
    return open_desk(o);
}

Outcome<SecretBuffer> desk_passphrase(const Desk& desk, const DeskOptions& o) {
    PassphraseSource source;
    if (!o.passphrase_file.empty()) source.file = o.passphrase_file;
    source.prompt = "Desk passphrase for " + desk.dir() + ": ";
    return obtain_passphrase(source);
}

std::vector<std::string> default_hosts() {
    std::vector<std::string> hosts;
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0 && name[0] != '\0') hosts.emplace_back(name);
    hosts.emplace_back("localhost");
    hosts.emplace_back("127.0.0.1");
    return hosts;
}

int run_init(FleetOptions o) {
    auto desk = open_fleet_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    if (o.hosts.empty()) o.hosts = default_hosts();
    auto passphrase = desk_passphrase(desk.value(), o.desk);
    if (!passphrase) return fail_error(passphrase.error());
    // The fleet keys are encrypted under the desk passphrase: a mistyped one is caught here.
    if (auto key = desk->unlock_event_key(passphrase->view()); !key) return fail_error(key.error());
    if (auto s = create_fleet_ca(desk->dir(), desk->event().id, o.hosts, passphrase->view(),
                                 real_now(), o.ca_days);
        !s)
        return fail_error(s.error());
    const FleetCaPaths paths = fleet_ca_paths(desk->dir());
    if (o.desk.json) {
        std::cout << nlohmann::json{{"ca_cert", paths.ca_cert},
                                    {"server_cert", paths.server_cert},
                                    {"hosts", o.hosts},
                                    {"days", o.ca_days}}
                         .dump(2)
                  << "\n";
        return kExitOk;
    }
    std::cout << "Fleet CA created in " << paths.dir << " (valid " << o.ca_days << " days)\n"
              << "  the desk's certificate names:";
    for (const auto& h : o.hosts)
        std::cout << " " << h;
    std::cout << "\n  kiosks trust " << paths.ca_cert << " (kiosk join --ca)\n"
              << "Next: approve each kiosk's request: issuer fleet approve STATE/kiosk.csr -w "
              << o.desk.workspace << "\n";
    return kExitOk;
}

std::string default_cert_path(const std::string& csr) {
    if (csr.size() > 4 && csr.ends_with(".csr")) return csr.substr(0, csr.size() - 4) + ".crt";
    return csr + ".crt";
}

int run_approve(const FleetOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    Desk& desk = session->desk;
    const std::string out = o.out.empty() ? default_cert_path(o.csr) : o.out;
    if (auto s = check_output_path(out, o.overwrite); !s) return fail_error(s.error());
    auto pem = read_small_file(o.csr, 16 * 1024);
    if (!pem) return fail_error(pem.error());
    auto request = read_kiosk_csr(pem.value());
    if (!request) return fail_refused(o.csr + ": " + request.error().message);
    if (desk.event().find_gate(request->gate) == nullptr)
        return fail_refused(o.csr + " asks for gate '" + request->gate +
                            "', which is not a gate of event " + desk.event().id + "; refused");
    auto withdrawn = find_fleet_kiosk(desk.db(), request->kiosk_id);
    if (!withdrawn) return fail_error(withdrawn.error());
    if (withdrawn.value() && withdrawn.value()->withdrawn_at)
        return fail_refused("kiosk " + request->kiosk_id +
                            " was withdrawn; enrol a new kiosk instead");
    auto passphrase = desk_passphrase(desk, o.desk);
    if (!passphrase) return fail_error(passphrase.error());
    auto cert =
        sign_kiosk_csr(desk.dir(), pem.value(), passphrase->view(), real_now(), o.cert_days);
    if (!cert) return fail_error(cert.error());
    // Registered only now, with its certificate, in one transaction: a refused or failed
    // approval leaves no kiosk in the register (which is what issuer serve admits).
    bool refused = false;
    Status stored = in_transaction(desk.db(), [&]() -> Status {
        if (auto s = register_kiosk(desk.db(), request->kiosk_key, request->gate,
                                    static_cast<std::int64_t>(session->now));
            !s) {
            refused = true;
            return s;
        }
        return record_certificate(desk.db(), cert->serial_hex, cert->kiosk_id, cert->gate,
                                  cert->not_before, cert->not_after, real_now());
    });
    if (!stored) {
        return fail_with(stored.error().message, refused ? kExitRefused : kExitUsage);
    }
    if (auto s = write_output_file(out, as_bytes(cert->pem), 0644, o.overwrite); !s)
        return fail_error(s.error());
    const std::string ca = fleet_ca_paths(desk.dir()).ca_cert;
    const std::string expires = format_audit_time(desk.event().time_zone, cert->not_after);
    if (o.desk.json) {
        std::cout << nlohmann::json{{"kiosk_id", cert->kiosk_id},
                                    {"gate", cert->gate},
                                    {"certificate", out},
                                    {"serial", cert->serial_hex},
                                    {"not_after", cert->not_after},
                                    {"expires", expires},
                                    {"ca_cert", ca}}
                         .dump(2)
                  << "\n";
        return kExitOk;
    }
    std::cout << "Kiosk " << cert->kiosk_id << " approved at gate " << cert->gate << "\n"
              << "  certificate " << out << " (serial " << cert->serial_hex << "), valid until "
              << expires << "\n"
              << "  hand over with it: " << ca << "\n";
    return kExitOk;
}

int run_withdraw(const FleetOptions& o) {
    auto desk = open_fleet_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto done = withdraw_kiosk(desk->db(), o.kiosk_id, real_now());
    if (!done) return fail_refused(done.error().message);
    if (o.desk.json)
        std::cout << nlohmann::json{{"kiosk_id", o.kiosk_id},
                                    {"withdrawn", true},
                                    {"already", !done.value()}}
                         .dump(2)
                  << "\n";
    else if (done.value())
        std::cout << "Kiosk " << o.kiosk_id
                  << " withdrawn: issuer serve refuses it from now on. Its rows stay as "
                     "evidence, but no longer count for presence: every kiosk forgets the ones "
                     "it was handed at its next sync\n";
    else
        std::cout << "Kiosk " << o.kiosk_id << " was already withdrawn\n";
    return kExitOk;
}

std::string age_text(std::int64_t seconds) {
    if (seconds < 0) return "in " + age_text(-seconds);
    if (seconds < 120) return std::to_string(seconds) + " s";
    if (seconds < 7200) return std::to_string(seconds / 60) + " min";
    if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + " h";
    return std::to_string(seconds / 86400) + " d";
}

std::string signed_seconds(std::int64_t s) {
    return (s >= 0 ? "+" : "") + std::to_string(s) + " s";
}

int run_list(const FleetOptions& o) {
    auto desk = open_fleet_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    const std::int64_t now = real_now();
    auto kiosks = fleet_status(desk->db(), now);
    if (!kiosks) return fail_error(kiosks.error());
    const std::string& tz = desk->event().time_zone;
    if (o.desk.json) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& k : kiosks.value()) {
            nlohmann::json j{
                {"kiosk_id", k.kiosk_id}, {"gate", k.gate}, {"state", k.state}, {"forks", k.forks}};
            j["withdrawn_at"] = k.withdrawn_at ? nlohmann::json(*k.withdrawn_at) : nullptr;
            j["certificate_expires"] =
                k.certificate_expires ? nlohmann::json(*k.certificate_expires) : nullptr;
            if (k.last_contact) {
                j["last_contact"] = {{"utc", *k.last_contact},
                                     {"local", format_audit_time(tz, *k.last_contact)},
                                     {"age_seconds", now - *k.last_contact}};
                j["rows_at_desk"] = k.rows_at_desk;
                j["log_seq"] = k.log_seq;
                j["bundle_version"] = k.bundle_version;
                j["revocations"] = {{"version", k.revocations_version},
                                    {"issued_at", k.revocations_issued_at},
                                    {"age_seconds", k.revocations_age}};
                j["clock_offset_seconds"] = k.clock_offset;
                j["simulated_time"] = k.simulated_time;
            } else {
                j["last_contact"] = nullptr;
            }
            all.push_back(std::move(j));
        }
        std::cout << all.dump(2) << "\n";
        return kExitOk;
    }
    if (kiosks->empty()) {
        std::cout << "No kiosk registered (issuer fleet approve STATE/kiosk.csr).\n";
        return kExitOk;
    }
    for (const auto& k : kiosks.value()) {
        std::cout << k.kiosk_id << "  " << k.gate << "  " << k.state;
        if (k.forks > 0) std::cout << "  FORKS REFUSED: " << k.forks;
        std::cout << "\n";
        if (k.last_contact) {
            std::cout << "    last contact " << age_text(now - *k.last_contact) << " ago ("
                      << format_audit_time(tz, *k.last_contact) << ")\n"
                      << "    rows at the desk " << k.rows_at_desk << " of " << k.log_seq
                      << ", bundle " << k.bundle_version << ", revocations "
                      << k.revocations_version << " (" << age_text(k.revocations_age)
                      << " old), clock " << signed_seconds(k.clock_offset)
                      << (k.simulated_time ? " (simulated)" : "") << "\n";
        }
        if (k.withdrawn_at)
            std::cout << "    withdrawn " << format_audit_time(tz, *k.withdrawn_at) << "\n";
        else if (!k.certificate_expires)
            std::cout << "    no fleet certificate (issuer fleet approve)\n";
    }
    return kExitOk;
}

// -w and --json only: the view reads the real clock (contacts are real times).
void add_view_options(CLI::App* command, DeskOptions& o) {
    command->add_option("-w,--workspace", o.workspace, "Desk workspace folder")
        ->capture_default_str();
    command->add_flag("--json", o.json, "Print JSON for scripts");
}

} // namespace

void add_fleet_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<FleetOptions>();
    CLI::App* fleet = app.add_subcommand(
        "fleet", "The kiosks syncing with this desk: certificates, withdrawal, the live view "
                 "(without a subcommand: list)");
    fleet->require_subcommand(0, 1);
    add_view_options(fleet, o->desk);

    CLI::App* init = fleet->add_subcommand(
        "init", "Create the event's fleet CA and the desk's TLS certificate (DESK/fleet/)");
    add_desk_options(init, o->desk);
    init->add_option("--host", o->hosts,
                     "A name or IP address kiosks reach the desk by (repeat; default: this "
                     "machine's name, localhost, 127.0.0.1)");
    init->add_option("--days", o->ca_days, "Validity of the CA and the desk's certificate")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    init->callback([o, &exit_code] { exit_code = run_init(*o); });

    CLI::App* approve = fleet->add_subcommand(
        "approve", "Register a kiosk from its certificate request and sign its certificate");
    add_desk_options(approve, o->desk);
    approve->add_option("CSR", o->csr, "The kiosk's request (STATE/kiosk.csr from kiosk enroll)")
        ->required();
    approve->add_option("--days", o->cert_days, "Validity of the certificate (at most the CA's)")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    approve->add_option("-o,--out", o->out, "Certificate file to create (default: CSR.crt)");
    add_force_option(approve, o->overwrite);
    approve->callback([o, &exit_code] { exit_code = run_approve(*o); });

    CLI::App* withdraw = fleet->add_subcommand(
        "withdraw", "Refuse a kiosk from now on (lost, stolen); its record and rows are kept");
    add_desk_options(withdraw, o->desk);
    withdraw->add_option("KIOSK_ID", o->kiosk_id, "The kiosk's id (issuer fleet list)")->required();
    withdraw->callback([o, &exit_code] { exit_code = run_withdraw(*o); });

    CLI::App* list = fleet->add_subcommand(
        "list", "The live view: each kiosk's state, last contact, rows, versions, clock, forks");
    add_view_options(list, o->desk);
    list->callback([o, &exit_code] { exit_code = run_list(*o); });

    fleet->callback([o, fleet, &exit_code] {
        if (fleet->get_subcommands().empty()) exit_code = run_list(*o);
    });
}

} // namespace accred
