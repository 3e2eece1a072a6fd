// issuer kiosks add / list, issuer checkpoints add: the desk's register of kiosk keys and the
// newest checkpoint it holds from each kiosk, which `issuer audit verify` trusts.
#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/kiosk_register.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"
#include "entrylog/checkpoint.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct KioskOptions {
    DeskOptions desk;
    std::string gate;
    std::vector<std::string> files;
};

int run_kiosks_add(const KioskOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    if (session->desk.event().find_gate(o.gate) == nullptr)
        return fail_usage("no gate '" + o.gate + "' in the event definition");
    auto key = read_public_key_file(o.files.front());
    if (!key) return fail_error(key.error());
    if (auto s = register_kiosk(session->desk.db(), key.value(), o.gate,
                                static_cast<std::int64_t>(session->now));
        !s)
        return fail_error(s.error());
    if (o.desk.json)
        std::cout << nlohmann::json{{"kiosk_id", fingerprint(key.value())}, {"gate", o.gate}}.dump(
                         2)
                  << "\n";
    else
        std::cout << "Kiosk " << fingerprint(key.value()) << " registered at gate " << o.gate
                  << "\n";
    return kExitOk;
}

int run_kiosks_list(const KioskOptions& o) {
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    auto kiosks = registered_kiosks(desk->db());
    if (!kiosks) return fail_error(kiosks.error());
    const std::string& tz = desk->event().time_zone;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& k : kiosks.value()) {
        nlohmann::json cp = nullptr;
        if (k.checkpoint)
            cp = {{"seq", k.checkpoint->seq}, {"time", format_audit_time(tz, k.checkpoint->time)}};
        all.push_back({{"kiosk_id", k.kiosk_id}, {"gate", k.gate}, {"checkpoint", cp}});
        if (!o.desk.json)
            std::cout << k.kiosk_id << "  " << k.gate << "  "
                      << (k.checkpoint ? "checkpoint at row " + std::to_string(k.checkpoint->seq) +
                                             ", " + format_audit_time(tz, k.checkpoint->time)
                                       : std::string("no checkpoint held"))
                      << "\n";
    }
    if (o.desk.json)
        std::cout << all.dump(2) << "\n";
    else if (kiosks->empty())
        std::cout << "No kiosk registered (issuer kiosks add).\n";
    return kExitOk;
}

int run_checkpoints_add(const KioskOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    int code = kExitOk;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& file : o.files) {
        auto text = read_small_file(file, 16u << 20);
        if (!text) return fail_error(text.error());
        std::size_t line_no = 0;
        std::size_t start = 0;
        while (start < text->size()) {
            std::size_t end = text->find('\n', start);
            if (end == std::string::npos) end = text->size();
            std::string line = text->substr(start, end - start);
            start = end + 1;
            ++line_no;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty()) continue;
            const std::string where = file + " line " + std::to_string(line_no);
            auto cp = checkpoint_from_text(line);
            Outcome<KeptCheckpoint> kept =
                cp ? keep_checkpoint(session->desk.db(), cp.value(),
                                     static_cast<std::int64_t>(session->now))
                   : Outcome<KeptCheckpoint>(cp.error());
            std::string said;
            if (!kept) {
                said = "refused: " + kept.error().message;
                code = kExitRefused;
            } else if (kept.value() == KeptCheckpoint::stored) {
                said = "kept (kiosk " + cp->kiosk_id + ", row " + std::to_string(cp->seq) + ")";
            } else {
                said = kept.value() == KeptCheckpoint::already_held ? "already held"
                                                                    : "older than the one held";
            }
            all.push_back({{"where", where}, {"result", said}});
            if (!o.desk.json) (kept ? std::cout : std::cerr) << where << ": " << said << "\n";
        }
    }
    if (o.desk.json) std::cout << all.dump(2) << "\n";
    return code;
}

} // namespace

void add_kiosk_register_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<KioskOptions>();
    CLI::App* kiosks = app.add_subcommand("kiosks", "The kiosk keys registered at this desk");
    kiosks->require_subcommand(1);
    CLI::App* add =
        kiosks->add_subcommand("add", "Register a kiosk's key (its kiosk.pub) at a gate");
    add_desk_options(add, o->desk);
    add->add_option("--gate", o->gate, "Gate id from the event definition")->required();
    add->add_option("KIOSK_PUB", o->files, "The kiosk's public key file (STATE/kiosk.pub)")
        ->required()
        ->expected(1);
    add->callback([o, &exit_code] { exit_code = run_kiosks_add(*o); });
    CLI::App* list = kiosks->add_subcommand("list", "List registered kiosks and their checkpoints");
    add_desk_options(list, o->desk);
    list->callback([o, &exit_code] { exit_code = run_kiosks_list(*o); });

    CLI::App* cps = app.add_subcommand("checkpoints", "Checkpoints the desk keeps from kiosks");
    cps->require_subcommand(1);
    CLI::App* keep = cps->add_subcommand(
        "add", "Keep the newest validly signed checkpoint per registered kiosk (kiosk checkpoint)");
    add_desk_options(keep, o->desk);
    keep->add_option("FILE", o->files, "Files of lines printed by `kiosk checkpoint`")->required();
    keep->callback([o, &exit_code] { exit_code = run_checkpoints_add(*o); });
}

} // namespace accred
