// Printing badges directly, through the machine's CUPS: the print queues it offers, and a PDF
// sent to one of them. The server is libcups' own choice: CUPS_SERVER, then
// ~/.cups/client.conf, then the local scheduler. Calls from several threads are safe: libcups
// keeps a connection per thread.
#pragma once

#include "crypto/outcome.h"

#include <string>
#include <string_view>
#include <vector>

namespace accred {

// One print queue as CUPS lists it.
struct PrinterQueue {
    std::string name; // what print_pdf takes
    std::string info; // the description set by the administrator (printer-info); may be empty
    bool is_default = false;
};

// The queues the CUPS server offers, as it orders them (by name); empty when it has none. An
// unreachable server is an Error, not an empty list. Instances (lpoptions' name/instance
// option sets) are left out: they are client-side settings, not queues a job can be sent to.
Outcome<std::vector<PrinterQueue>> list_print_queues();

// Sends pdf_bytes (a whole PDF document) to queue as one job called title, and returns the CUPS
// job id once the server has accepted all of it; the job then prints on its own (its progress
// is the server's). Any refusal is an Error naming the queue with CUPS' reason, and a job
// created before a failure is cancelled rather than left waiting for data. Never throws.
[[nodiscard]] Outcome<int> print_pdf(const std::string& queue, const std::string& title,
                                     std::string_view pdf_bytes);

} // namespace accred
