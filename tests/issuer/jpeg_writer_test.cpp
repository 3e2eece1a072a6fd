// The photo JPEG writer must write exactly what stb_image_write writes: every badge already
// issued signs the digest of a photo stb encoded, and re-importing its roster must not change it.
#include "issuer/jpeg_writer.h"

#include "crypto/file_io.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <random>
#include <stb_image.h>
#include <stb_image_write.h>
#include <string>
#include <vector>

using namespace accred;

namespace {

std::string stb_jpeg(const unsigned char* rgb, int width, int height, int quality) {
    std::string out;
    auto append = [](void* context, void* bytes, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(bytes),
                                                   static_cast<std::size_t>(size));
    };
    REQUIRE(stbi_write_jpg_to_func(append, &out, width, height, 3, rgb, quality) != 0);
    return out;
}

// Pixels of a kind: noise (every coefficient busy), a gradient (long zero runs), black and
// white blocks (extreme values, 0xFF bytes in the stream).
std::vector<unsigned char> pixels(int width, int height, int kind, std::mt19937& rng) {
    std::vector<unsigned char> px(static_cast<std::size_t>(width) * height * 3);
    for (std::size_t i = 0; i < px.size(); ++i) {
        const std::size_t x = i / 3 % static_cast<std::size_t>(width), y = i / 3 / width;
        const unsigned value = kind == 0   ? static_cast<unsigned>(rng())
                               : kind == 1 ? static_cast<unsigned>(x * 3 + y * 2 + i % 3 * 40)
                                           : ((x / 5 + y / 7) % 2 ? 255u : 0u);
        px[i] = static_cast<unsigned char>(value & 0xFF);
    }
    return px;
}

} // namespace

TEST_CASE("The JPEG writer writes stb_image_write's bytes for the demo portraits", "[photo]") {
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::demo_dir() + "/photos")) {
        auto file = read_small_file(entry.path().string(), 1 << 20);
        REQUIRE(file);
        int w = 0, h = 0, channels = 0;
        std::unique_ptr<stbi_uc, void (*)(void*)> rgb(
            stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(file->data()),
                                  static_cast<int>(file->size()), &w, &h, &channels, 3),
            stbi_image_free);
        REQUIRE(rgb);
        CAPTURE(entry.path().filename().string());
        CHECK(write_baseline_jpeg(rgb.get(), w, h, 88) == stb_jpeg(rgb.get(), w, h, 88));
        ++checked;
    }
    CHECK(checked >= 60);
}

TEST_CASE("The JPEG writer writes stb_image_write's bytes for any size, content and quality",
          "[photo]") {
    std::mt19937 rng(18);
    // Sizes around the 16-pixel blocks' edges, and the normalised photo's largest.
    const std::vector<std::pair<int, int>> sizes = {{1, 1},   {2, 3},    {7, 16},   {16, 16},
                                                    {17, 15}, {33, 47},  {5, 200},  {200, 5},
                                                    {360, 450}, {359, 449}, {240, 300}};
    for (const auto& [w, h] : sizes)
        for (int kind = 0; kind < 3; ++kind)
            for (int quality : {1, 30, 50, 75, 88, 90}) {
                const auto px = pixels(w, h, kind, rng);
                CAPTURE(w, h, kind, quality);
                CHECK(write_baseline_jpeg(px.data(), w, h, quality) ==
                      stb_jpeg(px.data(), w, h, quality));
            }
    for (int i = 0; i < 40; ++i) { // and some sizes at random
        const int w = 1 + static_cast<int>(rng() % 400), h = 1 + static_cast<int>(rng() % 460);
        const auto px = pixels(w, h, i % 3, rng);
        CAPTURE(w, h, i % 3);
        CHECK(write_baseline_jpeg(px.data(), w, h, 88) == stb_jpeg(px.data(), w, h, 88));
    }
}
