// issuer sign: claims (a JSON file or flags) -> a signed AC1 credential, and optionally its QR.
#include "commands.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "crypto/key_file.h"
#include "crypto/passphrase.h"
#include "event/moment_text.h"
#include "issuer/claims_json.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/qr_writer.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sodium.h>

namespace accred {
namespace {

// Claims files are a few hundred bytes; 64 KiB leaves room for formatting and comments.
constexpr std::size_t kMaxClaimsFileBytes = 64 * 1024;
// Photos are a few hundred kilobytes; this only bounds what is read to compute the digest.
constexpr std::size_t kMaxPhotoBytes = 16u << 20;

struct SignOptions {
    std::string secret_key;
    std::string passphrase_file;
    std::string claims_file;
    std::string event, holder, name, org, photo, photo_digest, valid_from, valid_until, escort;
    std::string now;
    std::uint32_t org_code = 0, category = 0, rank = 0, issue = 1;
    bool has_org_code = false;
    std::vector<std::uint32_t> zones;
    std::string qr_path;
    Overwrite overwrite = Overwrite::refuse; // --force: replace the --qr file
    int module_pixels = 8;
    bool json = false;
};

Outcome<Claims> claims_from_flags(const SignOptions& o, std::uint64_t now) {
    if (o.event.empty() || o.holder.empty() || o.name.empty() || o.valid_until.empty())
        return Error{"give --claims FILE, or at least --event, --holder, --name and --valid-until"};
    Claims c;
    c.iss = o.event;
    c.sub = o.holder;
    c.name = o.name;
    c.category = o.category;
    c.rank = o.rank;
    c.issue = o.issue;
    c.zones = o.zones;
    std::sort(c.zones.begin(), c.zones.end());
    c.zones.erase(std::unique(c.zones.begin(), c.zones.end()), c.zones.end());
    if (o.has_org_code)
        c.org = Organisation{o.org_code, {}};
    else if (!o.org.empty())
        c.org = Organisation{std::nullopt, o.org};
    if (!o.escort.empty()) c.escort = o.escort;
    c.iat = now;
    c.nbf = now;
    if (!o.valid_from.empty()) {
        auto t = parse_moment(o.valid_from);
        if (!t) return Error{"--valid-from: " + t.error().message};
        c.nbf = static_cast<std::uint64_t>(t.value());
    }
    auto until = parse_moment(o.valid_until);
    if (!until) return Error{"--valid-until: " + until.error().message};
    c.exp = static_cast<std::uint64_t>(until.value());
    if (!o.photo.empty()) {
        auto bytes = read_small_file(o.photo, kMaxPhotoBytes);
        if (!bytes) return bytes.error();
        c.photo = photo_digest(bytes.value());
    } else if (!o.photo_digest.empty()) {
        auto digest = hex_decode(o.photo_digest);
        if (!digest || digest->size() != c.photo.size())
            return Error{"--photo-digest must be 24 hex digits"};
        std::copy(digest->begin(), digest->end(), c.photo.begin());
    } else {
        return Error{"give --photo FILE (or --photo-digest HEX): the kiosk shows the photo"};
    }
    randombytes_buf(c.cti.data(), c.cti.size());
    if (auto violation = claims_rule_violation(c)) return Error{*violation};
    return c;
}

Outcome<Claims> claims_from_file(const std::string& path) {
    auto text = read_small_file(path, kMaxClaimsFileBytes);
    if (!text) return text.error();
    const auto json = nlohmann::json::parse(text.value(), nullptr, false);
    if (json.is_discarded()) return Error{path + " is not valid JSON"};
    auto claims = claims_from_json(json);
    if (!claims) return Error{path + ": " + claims.error().message};
    if (!json.contains("cti")) randombytes_buf(claims->cti.data(), claims->cti.size());
    return claims;
}

int run_sign(const SignOptions& o) {
    std::uint64_t now = static_cast<std::uint64_t>(std::time(nullptr));
    if (!o.now.empty()) {
        auto t = parse_moment(o.now);
        if (!t) return fail_usage("--now: " + t.error().message);
        now = static_cast<std::uint64_t>(t.value());
    }
    auto claims =
        o.claims_file.empty() ? claims_from_flags(o, now) : claims_from_file(o.claims_file);
    if (!claims) return fail_error(claims.error());

    if (!o.qr_path.empty())
        if (auto s = check_output_path(o.qr_path, o.overwrite); !s) return fail_error(s.error());
    PassphraseSource source;
    if (!o.passphrase_file.empty()) source.file = o.passphrase_file;
    source.prompt = "Passphrase for " + o.secret_key + ": ";
    auto passphrase = obtain_passphrase(source);
    if (!passphrase) return fail_error(passphrase.error());
    auto key = read_secret_key_file(o.secret_key, passphrase->view());
    if (!key) return fail_error(key.error());

    auto text = sign_credential(claims.value(), key.value());
    if (!text) return fail_error(text.error());
    int version = 0;
    if (!o.qr_path.empty()) {
        auto symbol = render_qr(text.value(), o.module_pixels);
        if (!symbol) return fail_error(symbol.error());
        if (auto s = save_grey_png(symbol->image, o.qr_path, o.overwrite); !s)
            return fail_error(s.error());
        version = symbol->version;
    }
    if (o.json) {
        nlohmann::json out;
        out["credential"] = text.value();
        out["length"] = text->size();
        out["claims"] = claims_to_json(claims.value());
        out["signer"] = fingerprint(key->public_key());
        if (!o.qr_path.empty()) {
            out["qr_file"] = o.qr_path;
            out["qr_version"] = version;
        }
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << text.value() << "\n";
        if (!o.qr_path.empty())
            std::cerr << "QR code written to " << o.qr_path << " (version " << version
                      << ", error correction Q, " << text->size() << " characters)\n";
    }
    return kExitOk;
}

} // namespace

void add_sign_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<SignOptions>();
    CLI::App* sub = app.add_subcommand("sign", "Sign one AC1 credential (prints its text)");
    sub->add_option("-k,--secret-key", o->secret_key, "Event secret key file")->required();
    sub->add_option("--passphrase-file", o->passphrase_file,
                    "Read the passphrase from this file (else $ACCRED_PASSPHRASE, else prompt)");
    auto* file = sub->add_option("--claims", o->claims_file, "Claims as a JSON file");
    auto flags = {
        sub->add_option("--event", o->event, "Event id (iss)"),
        sub->add_option("--holder", o->holder, "Holder id (sub)"),
        sub->add_option("--name", o->name, "Holder's name as printed"),
        sub->add_option("--org", o->org, "Delegation or organisation name"),
        sub->add_option("--category", o->category, "Category code (0-255)"),
        sub->add_option("--rank", o->rank, "Clearance rank (0-100)"),
        sub->add_option("--zone", o->zones, "Explicit zone grant code (repeatable)"),
        sub->add_option("--photo", o->photo, "Holder's photo file (its digest is signed)"),
        sub->add_option("--photo-digest", o->photo_digest, "Photo digest, 24 hex digits"),
        sub->add_option("--valid-from", o->valid_from,
                        "Not before (2014-03-30T22:00:00Z or with an offset; default now)"),
        sub->add_option("--valid-until", o->valid_until,
                        "Expiry (2014-04-01T22:00:00Z or with an offset)"),
        sub->add_option("--issue", o->issue, "Issue number (1 for the first badge)"),
        sub->add_option("--escort", o->escort, "For close protection: the principal's holder id"),
    };
    for (auto* flag : flags)
        flag->excludes(file);
    sub->add_option_function<std::uint32_t>(
           "--org-code",
           [o](const std::uint32_t& v) {
               o->org_code = v;
               o->has_org_code = true;
           },
           "Delegation code from the event's table, 0-65535 (instead of --org)")
        ->excludes(file);
    sub->add_option("--now", o->now,
                    "Sign at this time instead of the clock (UTC or with an offset)");
    sub->add_option("--qr", o->qr_path, "Also write the QR code as a PNG file");
    add_force_option(sub, o->overwrite);
    sub->add_option("--module-pixels", o->module_pixels, "Pixels per QR module")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    sub->add_flag("--json", o->json, "Print a JSON object instead of the bare text");
    sub->callback([o, &exit_code] { exit_code = run_sign(*o); });
}

} // namespace accred
