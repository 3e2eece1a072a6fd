// issuer inspect: reads a credential (text, or a photo of a badge), verifies it, shows the claims.
#include "commands.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "crypto/key_file.h"
#include "event/local_time.h"
#include "event/moment_text.h"
#include "event/utc_time.h"
#include "issuer/badge_standing.h"
#include "issuer/claims_json.h"
#include "issuer/cli/desk_record.h"
#include "issuer/desk.h"
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
    std::string now;
    std::string workspace;
    bool json = false;
};

struct Input {
    std::string text;
    std::string source; // "text", "file" or "image"
    std::string ec_level;
};

std::string trim_line_end(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
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
    if (!file)
        return Error{input +
                     " is neither an AC1 text, an image with a QR code, nor a "
                     "readable text file (" +
                     file.error().message + ")"};
    return Input{trim_line_end(file.value()), "file", ""};
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
        else
            std::cout << "  delegation   " << c.org->name << "\n";
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

// What inspect found: the verdict, and whenever the signature holds (even on an expired, not yet
// valid or other event's badge) the signed claims and the desk's record of that badge and person.
struct Finding {
    Verification verdict;
    std::optional<Claims> claims;       // signed by a trusted key, whatever the verdict
    std::optional<BadgeStanding> badge; // with a workspace
    std::optional<Person> person;       // with a workspace, when on its roster
    bool honoured = false;
    std::uint64_t judged_at = 0;
};

Outcome<Finding> examine(const std::string& text, const TrustStore& trusted,
                         const VerifyOptions& verify, Desk* desk) {
    Finding f{verify_credential(text, trusted, verify), {}, {}, {}, false, *verify.now};
    if (f.verdict.ok())
        f.claims = f.verdict.claims();
    else if (const Verification signed_only = verify_credential(text, trusted); signed_only.ok())
        f.claims = signed_only.claims(); // the refusal was the event or the validity window
    if (desk && f.claims) {
        auto standing = desk_standing(*desk, *f.claims, *verify.now);
        if (!standing) return standing.error();
        f.badge = standing.value();
        auto person = desk->person(f.claims->sub);
        if (!person) return person.error();
        f.person = std::move(person).value();
    }
    // A revoked, superseded or withdrawn badge verifies cryptographically but is not honoured.
    f.honoured = f.verdict.ok() && (!f.badge || f.badge->state == BadgeState::valid ||
                                    f.badge->state == BadgeState::not_issued);
    return f;
}

// "revoked", "superseded", "withdrawn", or the verifier's reason.
std::string verdict_reason(const Finding& f) {
    if (!f.verdict.ok()) return std::string(reason_name(f.verdict.reason()));
    if (f.honoured) return "ok";
    return std::string(badge_state_name(f.badge->state));
}

void print_json(const Finding& f, const Input& input, Desk* desk) {
    nlohmann::json out;
    out["verified"] = f.honoured;
    out["reason"] = verdict_reason(f);
    out["source"] = input.source;
    out["length"] = input.text.size();
    if (!input.ec_level.empty()) out["qr_ec_level"] = input.ec_level;
    if (!f.verdict.ok()) out["detail"] = f.verdict.detail();
    if (f.claims) out["claims"] = claims_to_json(*f.claims);
    if (f.verdict.ok()) out["signer"] = fingerprint(f.verdict.signer());
    if (desk && f.claims) {
        nlohmann::json record = f.person ? person_json(desk->event(), *f.person)
                                         : nlohmann::json{{"id", f.claims->sub}};
        record["on_roster"] = f.person.has_value();
        record["issue"] = f.claims->issue;
        record.update(standing_json(*f.badge));
        out["desk"] = record;
        out["desk_status"] = standing_text(*f.badge);
    }
    std::cout << out.dump(2) << "\n";
}

// Whose badge it is by the desk's record, and the standing of this very badge.
void print_desk_record(const Finding& f, const EventDefinition& event) {
    std::cout << "Desk record:\n";
    if (!f.person) {
        std::cout << "  holder       " << f.claims->sub << " (not on the desk's roster)\n";
    } else {
        const Person& p = *f.person;
        const Category* c = event.find_category(p.category);
        std::string zones;
        for (const auto& z : person_zones(event, p))
            zones += (zones.empty() ? "" : ", ") + z;
        std::cout << "  holder       " << p.id << ", " << p.name << "\n"
                  << "  category     " << p.category << (c ? " (" + c->name + ")" : "") << "\n"
                  << "  delegation   " << (p.delegation.empty() ? "-" : p.delegation) << "\n"
                  << "  days         " << days_text(p.days) << "\n"
                  << "  zones        " << (zones.empty() ? "-" : zones) << "\n";
        if (p.escort_of) std::cout << "  escort of    " << *p.escort_of << "\n";
    }
    std::cout << "  this badge   issue " << f.claims->issue << ": " << standing_text(*f.badge)
              << "\n";
}

// For a badge refused by its dates: when it is valid, and the moment it was judged at.
std::string window_note(const Finding& f, const Desk* desk) {
    const Reason r = f.verdict.reason();
    if (!f.claims || (r != Reason::expired && r != Reason::not_yet_valid)) return "";
    auto when = [&](std::uint64_t t) {
        return desk ? format_utc_as_local(desk->time_zone(), static_cast<std::int64_t>(t))
                    : format_utc_time(t);
    };
    return ": valid " + when(f.claims->nbf) + " to " + when(f.claims->exp) + ", judged at " +
           when(f.judged_at);
}

void print_text(const Finding& f, Desk* desk) {
    if (f.verdict.ok())
        std::cout << (f.honoured ? "VERIFIED"
                                 : "SIGNATURE VALID BUT NOT HONOURED: " + standing_text(*f.badge))
                  << " (signed by key " << fingerprint(f.verdict.signer()) << ")\n";
    else
        std::cout << "REFUSED: " << reason_name(f.verdict.reason()) << " - " << f.verdict.detail()
                  << window_note(f, desk) << "\n";
    if (!f.claims) return;
    if (desk) print_desk_record(f, desk->event());
    std::cout << "Signed claims:\n";
    print_claims(*f.claims, desk);
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
    if (!o.event.empty())
        verify.expected_event = o.event;
    else if (desk)
        verify.expected_event = desk->event().id;
    verify.now = static_cast<std::uint64_t>(std::time(nullptr));
    if (!o.now.empty()) {
        auto t = desk ? parse_moment(desk->time_zone(), o.now) : parse_moment(o.now);
        if (!t) return fail_usage("--now: " + t.error().message);
        verify.now = static_cast<std::uint64_t>(t.value());
    }
    auto input = read_input(o.input);
    if (!input) return fail_usage(input.error().message);
    Desk* with_desk = desk ? &*desk : nullptr;
    auto found = examine(input->text, trusted, verify, with_desk);
    if (!found) return fail_usage(found.error().message);
    if (o.json)
        print_json(found.value(), input.value(), with_desk);
    else
        print_text(found.value(), with_desk);
    return found->honoured ? kExitOk : kExitRefused;
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
    sub->add_option("--now", o->now,
                    "Judge the badge at this time instead of the clock: 2014-03-31T06:00:00Z, "
                    "2014-03-31T08:00+02:00, or with -w local '2014-03-31 08:00'");
    sub->add_flag("--json", o->json, "Print a JSON object");
    sub->callback([o, &exit_code] { exit_code = run_inspect(*o); });
}

} // namespace accred
