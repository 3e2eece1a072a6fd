// Internal to fleet/tls: what the desk's server answers to a request from its head alone, before
// a byte of the body is read, and the answers it writes itself (no handler involved).
#pragma once

#include "fleet_server.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accred::tls_internal {

struct RequestHead {
    std::string_view method;
    bool known_path = false;                    // a handler is registered for the path
    bool has_transfer_encoding = false;         // chunked, or any other coding
    std::optional<std::uint64_t> content_length; // nullopt: no Content-Length header
};

struct HeadVerdict {
    bool read_body = false; // true: read content_length bytes, then run the handler
    FleetResponse refusal;  // otherwise: answer this and close the connection
    bool allow_post = false; // the refusal is a 405: it carries "Allow: POST"
};

// POST only: another method gets 405 on a known path, 404 elsewhere. A body must come with a
// Content-Length and no Transfer-Encoding (411): a chunked body, or one read until the connection
// closes, has no size to check before it is in memory. Over max_body bytes: 413, the body unread.
HeadVerdict judge_request_head(const RequestHead& head, std::size_t max_body);

// {"error":"message"} with quotes and backslashes escaped and control characters dropped.
std::string json_error(const std::string& message);

// A JSON error answer; never an exception's text (it could name internals).
FleetResponse error_response(int status, const std::string& message);

} // namespace accred::tls_internal
