// issuer: the accreditation desk's command-line tool.
#include "commands.h"
#include "crypto/core_dumps.h"

#include <sodium.h>

int main(int argc, char** argv) {
    accred::keep_secrets_out_of_core_dumps(); // before any key or passphrase is read
    accred::set_json_errors(accred::asks_for_json(argc, argv));
    if (sodium_init() < 0) return accred::fail_usage("libsodium could not be initialised");
    CLI::App app{"issuer - the accreditation desk: keys, signed AC1 credentials, badges"};
    app.require_subcommand(1);
    int exit_code = accred::kExitUsage;
    accred::add_init_command(app, exit_code);
    accred::add_roster_command(app, exit_code);
    accred::add_issue_commands(app, exit_code);
    accred::add_badges_command(app, exit_code);
    accred::add_status_command(app, exit_code);
    accred::add_bundle_commands(app, exit_code);
    accred::add_kiosk_register_commands(app, exit_code);
    accred::add_audit_commands(app, exit_code);
    accred::add_fleet_commands(app, exit_code);
    accred::add_serve_command(app, exit_code);
    accred::add_web_command(app, exit_code);
    accred::add_operator_commands(app, exit_code);
    accred::add_keygen_command(app, exit_code);
    accred::add_sign_command(app, exit_code);
    accred::add_inspect_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (accred::json_errors()) return accred::fail_usage(e.what());
        return accred::fail_usage(std::string(e.what()) + "\n(run 'issuer --help' for usage)");
    }
    return exit_code;
}
