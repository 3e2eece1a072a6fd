#include "web_render.h"

#include "web_assets.h"

#include <kainjow/mustache.hpp>

namespace accred {
namespace {

namespace mu = kainjow::mustache;

// JSON to mustache's data: objects and arrays keep their shape; numbers become their text;
// null, false and "" are false (a section then renders nothing).
mu::data to_mustache(const nlohmann::json& j) {
    switch (j.type()) {
    case nlohmann::json::value_t::object: {
        mu::data d{mu::data::type::object};
        for (const auto& [k, v] : j.items())
            d.set(k, to_mustache(v));
        return d;
    }
    case nlohmann::json::value_t::array: {
        mu::data d{mu::data::type::list};
        for (const auto& v : j)
            d.push_back(to_mustache(v));
        return d;
    }
    case nlohmann::json::value_t::string:
        return mu::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
        return mu::data{j.get<bool>() ? mu::data::type::bool_true : mu::data::type::bool_false};
    case nlohmann::json::value_t::null:
        return mu::data{mu::data::type::bool_false};
    default:
        return mu::data{j.dump()};
    }
}

} // namespace

Outcome<std::string> render_template(std::string_view template_name, const nlohmann::json& data) {
    auto text = web_asset(template_name);
    if (!text) return Error{"no web template " + std::string(template_name)};
    mu::mustache tmpl{std::string(*text)};
    if (!tmpl.is_valid())
        return Error{"web template " + std::string(template_name) + ": " + tmpl.error_message()};
    std::string out = tmpl.render(to_mustache(data));
    if (!tmpl.is_valid())
        return Error{"web template " + std::string(template_name) + ": " + tmpl.error_message()};
    return out;
}

} // namespace accred
