// Internal to issuer/audit: text made safe for HTML and SVG (both are XML-like here).
#pragma once

#include <string>

namespace accred {

// Escapes & < > " ' so text from logs handed in can never become markup.
inline std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace accred
