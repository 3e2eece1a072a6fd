// Text from a file or a badge, made safe to print for people: a log handed in may hold terminal
// escape sequences, line breaks or bidirectional overrides in any of its text fields, and the
// auditor's terminal would obey them (an ESC sequence can erase a FAIL line and draw "All logs
// verified." in its place). JSON output is not passed through this: it stays exact.
#pragma once

#include <string>
#include <string_view>

namespace accred {

// value with every C0 control (line breaks and tabs included), DEL and C1 control written as
// \xHH, every bidirectional override, embedding, isolate and mark as \uHHHH, and every byte that
// is not part of valid UTF-8 as \xHH. A backslash itself stays as it is: the escapes only ever
// stand for characters that could not have been printed.
std::string escape_for_terminal(std::string_view value);

} // namespace accred
