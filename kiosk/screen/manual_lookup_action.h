// What the manual lookup panel asks for: a search as the guard types, or the decision for the
// person chosen (with the supervisor's PIN where the gate requires one), both from the engine
// worker; or, when a handheld scanner types a badge's line into the open panel, that the line
// go on to the scan path as if the panel had not been open.
#pragma once

#include "kiosk/app/manual_request.h"

#include <string>

namespace accred {

struct LookupAction {
    enum class Kind { search, decide, scan } kind = Kind::search;
    std::string query;     // search: what the guard typed; scan: the line's start, "AC1:"...
    ManualRequest request; // decide: the holder, supervisor and PIN (the worker wipes the PIN)
};

} // namespace accred
