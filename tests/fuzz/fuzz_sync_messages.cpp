// fuzz_sync_messages: sync_request_from_json and sync_reply_from_json (fleet/protocol), the two
// messages of POST /v1/sync, on arbitrary bytes: the desk parses what any certificate holder
// sends, the kiosk what the desk (or whoever holds its key) answers.
// Must hold: no crash, leak or UB; a refusal says why; whatever is accepted writes back to JSON
// that parses to the same message (nothing is half-read or silently dropped).
#include "fuzz_common.h"

#include "fleet/protocol/sync_messages.h"

#include <sodium.h>

using namespace accred;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    if (auto request = sync_request_from_json(text)) {
        FUZZ_CHECK(request->rows.size() <= kMaxRowsPerSync);
        auto again = sync_request_from_json(sync_request_to_json(*request));
        FUZZ_CHECK(again && *again == *request);
    } else {
        FUZZ_CHECK(!request.error().message.empty());
    }
    if (auto reply = sync_reply_from_json(text)) {
        FUZZ_CHECK(reply->presence.size() <= kMaxPresencePerSync);
        auto again = sync_reply_from_json(sync_reply_to_json(*reply));
        FUZZ_CHECK(again && *again == *reply);
    } else {
        FUZZ_CHECK(!reply.error().message.empty());
    }
    return 0;
}
