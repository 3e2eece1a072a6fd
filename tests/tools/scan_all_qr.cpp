// scan_all_qr IMAGE...: prints the content of every QR code found in each PNG or JPEG image, one
// line per symbol, as a gate would read them (ZXing, QR only, try harder). Used by the tests to
// check rasterised badge pages. Exit 0 when every image was read (even with no code in it), 2 when
// an image cannot be loaded, 1 on bad usage.
#include "qr_scan.h"

#include <cstdio>
#include <exception>
#include <memory>
#include <stb_image.h>

namespace {

struct StbDeleter {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// Prints every QR code in the image at path; false when the image cannot be loaded.
bool scan(const char* path) {
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<stbi_uc, StbDeleter> grey(stbi_load(path, &width, &height, &channels, 1));
    if (!grey) {
        std::fprintf(stderr, "scan_all_qr: cannot load %s: %s\n", path, stbi_failure_reason());
        return false;
    }
    for (const std::string& text : accred::test::find_qr_codes(grey.get(), width, height)) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fputc('\n', stdout);
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: scan_all_qr IMAGE.png...\n");
        return 1;
    }
    try {
        bool all_read = true;
        for (int i = 1; i < argc; ++i)
            all_read = scan(argv[i]) && all_read;
        return all_read ? 0 : 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "scan_all_qr: %s\n", e.what());
        return 2;
    }
}
