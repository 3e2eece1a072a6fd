// Badges to a CUPS queue: the one file that speaks to libcups (scripts/check_layers.py).
#include "badge_printer.h"

#include <algorithm>
#include <cups/cups.h>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace accred {
namespace {

struct DestsDeleter {
    int count = 0;
    void operator()(cups_dest_t* dests) const { cupsFreeDests(count, dests); }
};

// "IPP_STATUS_OK" and its informational siblings are below this; everything above is a failure.
bool failed(ipp_status_t status) {
    return status > IPP_STATUS_OK_EVENTS_COMPLETE;
}

Error print_error(const std::string& queue, const std::string& what) {
    return Error{"cannot print to " + queue + ": " + what};
}

// The server's queues, or why it could not be asked, in CUPS' words.
Outcome<std::vector<PrinterQueue>> fetch_queues() {
    cups_dest_t* raw = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &raw);
    std::unique_ptr<cups_dest_t, DestsDeleter> dests(raw, DestsDeleter{count});
    // No queues and an error: the server could not be asked. A server without queues answers
    // "not found" ("No destinations added."): an empty list, not a failure.
    const ipp_status_t status = cupsLastError();
    if (count == 0 && failed(status) && status != IPP_STATUS_ERROR_NOT_FOUND) {
        if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
            return Error{std::string("the print server cannot be reached (") +
                         cupsLastErrorString() + ")"};
        return Error{cupsLastErrorString()};
    }
    std::vector<PrinterQueue> queues;
    for (int i = 0; i < count; ++i) {
        const cups_dest_t& d = raw[i];
        if (d.instance != nullptr) continue;
        const char* info = cupsGetOption("printer-info", d.num_options, d.options);
        queues.push_back({d.name, info ? info : "", d.is_default != 0});
    }
    return queues;
}

Outcome<int> send_job(const std::string& queue, const std::string& title,
                      std::string_view pdf_bytes) {
    const int job = cupsCreateJob(CUPS_HTTP_DEFAULT, queue.c_str(), title.c_str(), 0, nullptr);
    if (job == 0) {
        // libcups 2.4 looks the queue up first and reports a missing one as an internal error,
        // "No such file or directory", as it does an unreachable server: the list tells which.
        const std::string reason = cupsLastErrorString();
        auto queues = fetch_queues();
        if (!queues) return print_error(queue, queues.error().message);
        if (std::none_of(queues->begin(), queues->end(),
                         [&](const PrinterQueue& q) { return q.name == queue; }))
            return print_error(queue, "the print server has no such queue");
        return print_error(queue, reason);
    }
    // From here a failure would leave a job waiting for its document: it is cancelled, with
    // CUPS' reason kept from before the cancel overwrites it.
    auto abandon = [&](std::string reason) {
        cupsCancelJob2(CUPS_HTTP_DEFAULT, queue.c_str(), job, 0);
        return print_error(queue, "job " + std::to_string(job) + ": " + reason);
    };
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, queue.c_str(), job, title.c_str(), CUPS_FORMAT_PDF,
                          1) != HTTP_STATUS_CONTINUE)
        return abandon(cupsLastErrorString());
    if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, pdf_bytes.data(), pdf_bytes.size()) !=
        HTTP_STATUS_CONTINUE) {
        std::string reason = cupsLastErrorString();
        cupsFinishDocument(CUPS_HTTP_DEFAULT, queue.c_str()); // ends the request on the wire
        return abandon(reason);
    }
    if (failed(cupsFinishDocument(CUPS_HTTP_DEFAULT, queue.c_str())))
        return abandon(cupsLastErrorString());
    return job;
}

} // namespace

Outcome<std::vector<PrinterQueue>> list_print_queues() {
    try {
        auto queues = fetch_queues();
        if (!queues) return Error{"cannot list the print queues: " + queues.error().message};
        return queues;
    } catch (const std::exception& e) {
        return Error{std::string("cannot list the print queues: ") + e.what()};
    }
}

Outcome<int> print_pdf(const std::string& queue, const std::string& title,
                       std::string_view pdf_bytes) {
    if (queue.empty()) return Error{"no print queue given"};
    if (pdf_bytes.empty()) return print_error(queue, "the document is empty");
    try {
        return send_job(queue, title, pdf_bytes);
    } catch (const std::exception& e) {
        return print_error(queue, e.what());
    }
}

} // namespace accred
