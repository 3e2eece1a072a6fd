// Opening the gate's input from a --source spec: a camera or file source, or a handheld scanner
// (keyboard wedge) on standard input or its own device. Shared by the headless and screen runs.
#pragma once

#include "crypto/outcome.h"
#include "kiosk/sources/scanner.h"

#include <memory>
#include <string>
#include <utility>

namespace accred {

struct OpenedScanner {
    std::unique_ptr<Scanner> scanner;
    int wedge_fd = -1; // owned when > STDERR_FILENO: close after scanner->stop()
    bool has_camera = false;
    ~OpenedScanner();
    OpenedScanner() = default;
    OpenedScanner(OpenedScanner&& other) noexcept { *this = std::move(other); }
    // Moves the descriptor's ownership too, so it is closed once.
    OpenedScanner& operator=(OpenedScanner&& other) noexcept {
        if (this != &other) {
            close();
            scanner = std::move(other.scanner);
            wedge_fd = std::exchange(other.wedge_fd, -1);
            has_camera = other.has_camera;
        }
        return *this;
    }
    // Stops the scanner and closes the wedge device if it was opened here.
    void close();
};

// Errors name the spec or the file that could not be opened.
Outcome<OpenedScanner> open_scanner(const std::string& source, ScannerOptions options);

} // namespace accred
