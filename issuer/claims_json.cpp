#include "claims_json.h"

#include "crypto/hex.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace accred {
namespace {

template <std::size_t N>
bool hex_array(const nlohmann::json& j, std::array<std::uint8_t, N>& out) {
    if (!j.is_string()) return false;
    auto bytes = hex_decode(j.get<std::string>());
    if (!bytes || bytes->size() != N) return false;
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return true;
}

} // namespace

nlohmann::json claims_to_json(const Claims& c) {
    nlohmann::json j;
    j["iss"] = c.iss;
    j["sub"] = c.sub;
    j["iat"] = c.iat;
    j["nbf"] = c.nbf;
    j["exp"] = c.exp;
    j["cti"] = hex_encode(c.cti);
    j["name"] = c.name;
    if (c.org) {
        if (c.org->code) j["org"] = *c.org->code;
        else j["org"] = c.org->name;
    }
    j["category"] = c.category;
    j["rank"] = c.rank;
    j["zones"] = c.zones;
    j["photo"] = hex_encode(c.photo);
    j["issue"] = c.issue;
    if (c.escort) j["escort"] = *c.escort;
    return j;
}

Outcome<Claims> claims_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return Error{"claims must be a JSON object"};
    static const std::set<std::string> kKnown = {"iss",  "sub",      "iat",  "nbf",   "exp",
                                                 "cti",  "name",     "org",  "category",
                                                 "rank", "zones",    "photo", "issue", "escort"};
    for (const auto& [key, value] : j.items())
        if (!kKnown.contains(key)) return Error{"unknown claims field \"" + key + "\""};

    Claims c;
    auto text = [&](const char* key, std::string& out) -> std::optional<Error> {
        if (!j.contains(key) || !j[key].is_string())
            return Error{std::string("field \"") + key + "\" must be a string"};
        out = j[key].get<std::string>();
        return std::nullopt;
    };
    auto number = [&](const char* key, auto& out) -> std::optional<Error> {
        if (!j.contains(key) || !j[key].is_number_unsigned())
            return Error{std::string("field \"") + key + "\" must be a whole number"};
        const auto v = j[key].get<std::uint64_t>();
        using T = std::remove_reference_t<decltype(out)>;
        if (v > std::numeric_limits<T>::max())
            return Error{std::string("field \"") + key + "\" is too large"};
        out = static_cast<T>(v);
        return std::nullopt;
    };
    for (auto e : {text("iss", c.iss), text("sub", c.sub), text("name", c.name),
                   number("iat", c.iat), number("nbf", c.nbf), number("exp", c.exp),
                   number("category", c.category), number("rank", c.rank)})
        if (e) return *e;
    if (j.contains("issue")) {
        if (auto e = number("issue", c.issue)) return *e;
    }
    if (j.contains("cti") && !hex_array(j["cti"], c.cti))
        return Error{"field \"cti\" must be 16 hex digits"};
    if (!hex_array(j.value("photo", nlohmann::json()), c.photo))
        return Error{"field \"photo\" must be 24 hex digits (the first 12 bytes of SHA-256)"};
    if (j.contains("org")) {
        const auto& org = j["org"];
        if (org.is_number_unsigned() && org.get<std::uint64_t>() <= ClaimLimits::kMaxDelegationCode)
            c.org = Organisation{org.get<std::uint32_t>(), {}};
        else if (org.is_string())
            c.org = Organisation{std::nullopt, org.get<std::string>()};
        else
            return Error{"field \"org\" must be a delegation code 0-65535 or a name"};
    }
    if (j.contains("zones")) {
        if (!j["zones"].is_array()) return Error{"field \"zones\" must be an array"};
        for (const auto& z : j["zones"]) {
            if (!z.is_number_unsigned() || z.get<std::uint64_t>() > ClaimLimits::kMaxCode)
                return Error{"field \"zones\" must hold zone codes 0-255"};
            c.zones.push_back(z.get<std::uint32_t>());
        }
    }
    if (j.contains("escort")) {
        if (!j["escort"].is_string()) return Error{"field \"escort\" must be a holder id"};
        c.escort = j["escort"].get<std::string>();
    }
    if (auto violation = claims_rule_violation(c)) return Error{*violation};
    return c;
}

} // namespace accred
