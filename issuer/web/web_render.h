// Rendering a page: a mustache template (kainjow mustache) filled from JSON-shaped data. The
// template engine escapes every {{value}} for HTML; only {{{content}}} in the layout takes a page
// already rendered here.
#pragma once

#include "crypto/outcome.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace accred {

// Renders the asset template_name (e.g. "person.mustache") with data; an Error names a missing
// template or the template's syntax error.
Outcome<std::string> render_template(std::string_view template_name, const nlohmann::json& data);

} // namespace accred
