// What the manual lookup panel asks the engine worker for: a search as the guard types, or the
// decision for the person chosen (with the supervisor's PIN where the gate requires one).
#pragma once

#include "kiosk/app/manual_request.h"

#include <string>

namespace accred {

struct LookupAction {
    enum class Kind { search, decide } kind = Kind::search;
    std::string query;     // search: what the guard typed
    ManualRequest request; // decide: the holder, supervisor and PIN (the worker wipes the PIN)
};

} // namespace accred
