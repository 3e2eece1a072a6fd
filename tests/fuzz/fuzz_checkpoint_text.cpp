// fuzz_checkpoint_text: checkpoint_from_text (entrylog/checkpoint.h), the one-line form of a
// signed log checkpoint that `kiosk checkpoint` prints and the desk keeps, on arbitrary text;
// then verify_checkpoint_signature on whatever it accepts.
// Must hold: no crash, leak or UB; the text form is canonical, so an accepted text is exactly
// checkpoint_to_text(result), allowing only the one final "\n" or "\r\n".
#include "fuzz_common.h"

#include "entrylog/checkpoint.h"

#include <sodium.h>

using namespace accred;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    auto checkpoint = checkpoint_from_text(text);
    if (!checkpoint) {
        FUZZ_CHECK(!checkpoint.error().message.empty());
        return 0;
    }
    (void)verify_checkpoint_signature(*checkpoint);
    if (text.ends_with("\r\n")) text.remove_suffix(2);
    else if (text.ends_with('\n')) text.remove_suffix(1);
    FUZZ_CHECK(checkpoint_to_text(*checkpoint) == text);
    return 0;
}
