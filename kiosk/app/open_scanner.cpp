#include "open_scanner.h"

#include "kiosk/sources/frame_source.h"
#include "kiosk/sources/source_spec.h"

#include <fcntl.h>
#include <unistd.h>

namespace accred {

OpenedScanner::~OpenedScanner() {
    close();
}

void OpenedScanner::close() {
    if (scanner) scanner->stop();
    if (wedge_fd > STDERR_FILENO) ::close(wedge_fd); // the scanner reads it but does not own it
    wedge_fd = -1;
}

Outcome<OpenedScanner> open_scanner(const std::string& source, ScannerOptions options) {
    auto spec = parse_source_spec(source);
    if (!spec) return spec.error();
    OpenedScanner opened;
    std::unique_ptr<FrameSource> frames;
    if (spec->kind == SourceSpec::Kind::wedge) {
        // A handheld scanner types into standard input, or into a device of its own.
        const std::string path = spec->paths.empty() ? "-" : spec->paths.front();
        opened.wedge_fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (opened.wedge_fd < 0) return Error{"cannot open the scanner " + path};
    } else {
        auto source_opened = open_frame_source(source);
        if (!source_opened) return source_opened.error();
        frames = std::move(source_opened).value();
        opened.has_camera = true;
    }
    opened.scanner = std::make_unique<Scanner>(std::move(frames), options, opened.wedge_fd);
    return opened;
}

} // namespace accred
