// issuer inspect: reads a credential (text, or a photo of a badge), verifies it, shows the claims.
#include "commands.h"

#include "issuer/claims_json.h"
#include "issuer/desk.h"
#include "event/local_time.h"
#include "event/utc_time.h"

#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"

#include <ZXing/ImageView.h>
#include <ctime>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct InspectOptions {
    std::string input;
    std::vector<std::string> public_keys;
    std::string event;
    std::string at;
    std::string workspace;
    bool json = false;
};

struct Input {
    std::string text;
    std::string source; // "text", "file" or "image"
    std::string ec_level;
};

std::string trim_line_end(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

// The input is AC1 text itself, "-" for standard input, an image file, or a text file.
Outcome<Input> read_input(const std::string& input) {
    if (input.starts_with(kCredentialPrefix)) return Input{input, "text", ""};
    if (input == "-") {
        std::string all(std::istreambuf_iterator<char>(std::cin), {});
        if (all.size() > kMaxCredentialText + 2) return Error{"standard input is too long"};
        return Input{trim_line_end(all), "text", ""};
    }
    auto image = load_grey_image(input);
    if (image) {
        ZXing::ImageView view(image->pixels.data(), image->width, image->height,
                              ZXing::ImageFormat::Lum);
        auto qr = read_qr(view);
        if (!qr) return Error{"no QR code found in " + input};
        return Input{qr->bytes, "image", qr->ec_level};
    }
    auto file = read_small_file(input, kMaxCredentialText + 2);
    if (!file) return Error{input + " is neither an AC1 text, an image with a QR code, nor a "
                                    "readable text file (" + file.error().message + ")"};
    return Input{trim_line_end(file.value()), "file", ""};
}

// What the desk knows of a verified credential: whose it is and whether it is still current.
std::string desk_status(Desk& desk, const Claims& c) {
    auto stored = desk.credential_by_cti(c.cti);
    if (!stored || !stored.value()) return "not issued by this desk";
    auto latest = desk.latest_credential(c.sub);
    if (stored.value()->revoked_reason) return "revoked (" + *stored.value()->revoked_reason + ")";
    if (latest && latest.value() && latest.value()->issue > c.issue)
        return "superseded by issue " + std::to_string(latest.value()->issue);
    return "current issue";
}

// Prints the claims; with a workspace, codes are shown with the names they stand for.
void print_claims(const Claims& c, Desk* desk) {
    std::map<std::uint32_t, std::string> delegations;
    if (desk)
        if (auto codes = desk->delegations()) delegations = std::move(codes).value();
    auto named = [](std::uint32_t code, const std::string* name) {
        return name ? *name + " (" + std::to_string(code) + ")" : std::to_string(code);
    };
    std::cout << "  event        " << c.iss << "\n"
              << "  holder       " << c.sub << "\n"
              << "  name         " << c.name << "\n";
    if (c.org) {
        const auto it = c.org->code ? delegations.find(*c.org->code) : delegations.end();
        if (c.org->code)
            std::cout << "  delegation   "
                      << named(*c.org->code, it != delegations.end() ? &it->second : nullptr)
                      << "\n";
        else std::cout << "  delegation   " << c.org->name << "\n";
    }
    const Category* category = desk ? desk->event().find_category_code(c.category) : nullptr;
    std::cout << "  category     " << named(c.category, category ? &category->name : nullptr)
              << "\n"
              << "  rank         " << c.rank << "\n"
              << "  zones        ";
    for (std::size_t i = 0; i < c.zones.size(); ++i) {
        const Zone* zone = desk ? desk->event().find_zone_code(c.zones[i]) : nullptr;
        std::cout << (i ? ", " : "") << named(c.zones[i], zone ? &zone->id : nullptr);
    }
    std::cout << (c.zones.empty() ? "(category defaults only)" : "") << "\n";
    if (c.escort) std::cout << "  escort of    " << *c.escort << "\n";
    // With a workspace, times are shown in the event's time zone with the offset, never bare.
    auto when = [&](std::uint64_t t) {
        if (!desk) return format_utc_time(t);
        return format_utc_as_local(desk->event().time_zone, static_cast<std::int64_t>(t));
    };
    std::cout << "  issue        " << c.issue << "\n"
              << "  valid        " << when(c.nbf) << " to " << when(c.exp) << "\n"
              << "  issued       " << when(c.iat) << "\n";
}

int run_inspect(const InspectOptions& o) {
    if (o.public_keys.empty() && o.workspace.empty())
        return fail_usage("give the trusted public key (-p FILE) or the desk workspace (-w DIR)");
    TrustStore trusted;
    std::optional<Desk> desk;
    if (!o.workspace.empty()) {
        auto opened = Desk::open(o.workspace);
        if (!opened) return fail_usage(opened.error().message);
        desk.emplace(std::move(opened).value());
        trusted.add(desk->event_public_key());
    }
    for (const auto& path : o.public_keys) {
        auto key = read_public_key_file(path);
        if (!key) return fail_usage(key.error().message);
        trusted.add(key.value());
    }
    VerifyOptions verify;
    if (!o.event.empty()) verify.expected_event = o.event;
    else if (desk) verify.expected_event = desk->event().id;
    verify.now = static_cast<std::uint64_t>(std::time(nullptr));
    if (!o.at.empty()) {
        auto t = parse_utc_time(o.at);
        if (!t) return fail_usage(t.error().message);
        verify.now = t.value();
    }
    auto input = read_input(o.input);
    if (!input) return fail_usage(input.error().message);

    const Verification v = verify_credential(input->text, trusted, verify);
    std::string status;
    if (v.ok() && desk) status = desk_status(*desk, v.claims());
    // A revoked or superseded badge verifies cryptographically but must not be honoured.
    const bool honoured =
        v.ok() && !status.starts_with("revoked") && !status.starts_with("superseded");
    if (o.json) {
        nlohmann::json out;
        out["verified"] = v.ok();
        out["reason"] = v.ok() ? "ok" : std::string(reason_name(v.reason()));
        out["source"] = input->source;
        out["length"] = input->text.size();
        if (!input->ec_level.empty()) out["qr_ec_level"] = input->ec_level;
        if (v.ok()) {
            out["claims"] = claims_to_json(v.claims());
            out["signer"] = fingerprint(v.signer());
            if (desk) {
                out["desk_status"] = status;
                out["verified"] = honoured;
                if (!honoured)
                    out["reason"] = status.starts_with("revoked") ? "revoked" : "superseded";
            }
        } else {
            out["detail"] = v.detail();
        }
        std::cout << out.dump(2) << "\n";
    } else if (v.ok()) {
        std::cout << (honoured ? "VERIFIED" : "SIGNATURE VALID BUT NOT HONOURED")
                  << ": signed by key " << fingerprint(v.signer()) << "\n";
        if (desk) {
            auto person = desk->person(v.claims().sub);
            std::cout << "  desk record  " << status;
            if (person && person.value()) std::cout << ", " << person.value()->name << " (" << person.value()->category << ")";
            std::cout << "\n";
        }
        print_claims(v.claims(), desk ? &*desk : nullptr);
    } else {
        std::cout << "REFUSED: " << reason_name(v.reason()) << " - " << v.detail() << "\n";
    }
    return honoured ? kExitOk : kExitRefused;
}

} // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<InspectOptions>();
    CLI::App* sub =
        app.add_subcommand("inspect", "Verify a credential (text, file or badge photo)");
    sub->add_option("input", o->input, "AC1 text, '-' for stdin, or a PNG/JPEG/text file")
        ->required();
    sub->add_option("-p,--public-key", o->public_keys, "Trusted public key file (repeatable)");
    sub->add_option("-w,--workspace", o->workspace,
                    "Desk workspace: trust its event key and tell whose badge it is, and whether "
                    "it is current, superseded or revoked");
    sub->add_option("--event", o->event, "Expected event id (else any event is accepted)");
    sub->add_option("--at", o->at, "Check validity at this UTC time instead of now");
    sub->add_flag("--json", o->json, "Print a JSON object");
    sub->callback([o, &exit_code] { exit_code = run_inspect(*o); });
}

} // namespace accred
