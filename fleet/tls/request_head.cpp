#include "request_head.h"

namespace accred::tls_internal {

HeadVerdict judge_request_head(const RequestHead& head, std::size_t max_body) {
    HeadVerdict v;
    if (head.method != "POST") {
        v.allow_post = head.known_path;
        v.refusal = head.known_path ? error_response(405, "only POST is served")
                                    : error_response(404, "no such path");
        return v;
    }
    if (head.has_transfer_encoding) {
        v.refusal = {411, "send the body with a Content-Length, not in chunks\n", "text/plain"};
        return v;
    }
    if (!head.content_length) {
        v.refusal = {411, "a Content-Length is required\n", "text/plain"};
        return v;
    }
    if (*head.content_length > max_body) {
        v.refusal = error_response(413, "the body is larger than " + std::to_string(max_body) +
                                            " bytes");
        return v;
    }
    v.read_body = true;
    return v;
}

std::string json_error(const std::string& message) {
    std::string out = "{\"error\":\"";
    for (const char c : message) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"}";
}

FleetResponse error_response(int status, const std::string& message) {
    return FleetResponse{status, json_error(message), "application/json"};
}

} // namespace accred::tls_internal
