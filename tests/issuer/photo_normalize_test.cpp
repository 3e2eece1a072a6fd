// Roster photos are normalised by libjpeg-turbo (issuer/photo_normalize.cpp); these tests read
// its output back with stb_image, independently of it: the documented size, close to the input,
// the same bytes every time, baseline JPEG without metadata, and hostile files refused by name.
#include "issuer/photo_normalize.h"

#include "crypto/file_io.h"
#include "support/demo_event.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <string>
#include <thread>
#include <turbojpeg.h>
#include <vector>

using namespace accred;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> px; // RGB
};

// A normalised photo should differ from its input by about what JPEG at quality 88 loses.
constexpr double kClose = 4.0; // mean absolute difference per sample, of 255

Image stb_decode(const std::string& bytes) {
    Image image;
    int channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> px(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                              static_cast<int>(bytes.size()), &image.w, &image.h, &channels, 3),
        stbi_image_free);
    REQUIRE(px);
    image.px.assign(px.get(), px.get() + static_cast<std::size_t>(image.w) * image.h * 3);
    return image;
}

void append(void* context, void* bytes, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(bytes),
                                               static_cast<std::size_t>(size));
}

std::string png_of(const Image& image) {
    std::string out;
    REQUIRE(stbi_write_png_to_func(append, &out, image.w, image.h, 3, image.px.data(), 0) != 0);
    return out;
}

std::string jpeg_of(const Image& image, int quality) {
    std::string out;
    REQUIRE(stbi_write_jpg_to_func(append, &out, image.w, image.h, 3, image.px.data(), quality));
    return out;
}

// The size photo_normalize.h documents: scaled down, never up, to fit 360 x 450.
std::pair<int, int> documented_size(int w, int h) {
    const double scale = std::min({1.0, 360.0 / w, 450.0 / h});
    return {std::max(1, static_cast<int>(std::lround(w * scale))),
            std::max(1, static_cast<int>(std::lround(h * scale)))};
}

Image resized(const Image& image, int w, int h) {
    if (image.w == w && image.h == h) return image;
    Image out{w, h, std::vector<unsigned char>(static_cast<std::size_t>(w) * h * 3)};
    REQUIRE(stbir_resize_uint8_srgb(image.px.data(), image.w, image.h, 0, out.px.data(), w, h, 0,
                                    3, STBIR_ALPHA_CHANNEL_NONE, 0) != 0);
    return out;
}

double mean_abs_diff(const Image& a, const Image& b) {
    REQUIRE(a.px.size() == b.px.size());
    double sum = 0;
    for (std::size_t i = 0; i < a.px.size(); ++i) sum += std::abs(a.px[i] - b.px[i]);
    return sum / static_cast<double>(a.px.size());
}

// The markers before the scan: only JFIF's APP0, quantisation and Huffman tables and a baseline
// frame (SOF0) of three components, Y at 2x2 and the chroma at 1x1 (4:2:0): no EXIF, ICC or
// comment, nothing progressive or arithmetic.
void check_baseline_without_metadata(const std::string& jpeg) {
    REQUIRE(jpeg.size() > 4);
    const auto* b = reinterpret_cast<const unsigned char*>(jpeg.data());
    CHECK((b[0] == 0xFF && b[1] == 0xD8));
    CHECK((b[jpeg.size() - 2] == 0xFF && b[jpeg.size() - 1] == 0xD9));
    std::size_t at = 2;
    int frames = 0, app0 = 0;
    while (at + 4 <= jpeg.size() && b[at] == 0xFF && b[at + 1] != 0xDA) {
        const unsigned marker = b[at + 1];
        const std::size_t length = std::size_t{b[at + 2]} << 8 | b[at + 3];
        CAPTURE(marker);
        CHECK((marker == 0xE0 || marker == 0xDB || marker == 0xC4 || marker == 0xC0));
        if (marker == 0xE0) {
            CHECK(jpeg.compare(at + 4, 5, std::string("JFIF\0", 5)) == 0);
            ++app0;
        }
        if (marker == 0xC0) {
            ++frames;
            REQUIRE(at + 19 <= jpeg.size());
            CHECK((b[at + 4] == 8 && b[at + 9] == 3));                      // 8 bits, 3 components
            CHECK((b[at + 11] == 0x22 && b[at + 14] == 0x11 && b[at + 17] == 0x11)); // 4:2:0
        }
        at += 2 + length;
    }
    CHECK((at + 1 < jpeg.size() && b[at + 1] == 0xDA));
    CHECK(frames == 1);
    CHECK(app0 == 1);
}

// Normalises input (the file of original) and checks the result against original.
std::string check_normalised(const std::string& input, const Image& original) {
    auto out = normalize_photo(input);
    REQUIRE(out);
    auto again = normalize_photo(input);
    REQUIRE(again);
    CHECK(again.value() == out.value()); // deterministic
    const auto [w, h] = documented_size(original.w, original.h);
    const Image got = stb_decode(out.value());
    REQUIRE(got.w == w);
    REQUIRE(got.h == h);
    CHECK(mean_abs_diff(got, resized(original, w, h)) < kClose);
    check_baseline_without_metadata(out.value());
    CHECK(out->size() < static_cast<std::size_t>(w) * h * 3 + 1024); // bounded by the size
    return std::move(out).value();
}

// A smooth picture of a kind a photo is: gradients, soft waves, a few sharp-edged blocks and a
// little noise.
Image generated(int w, int h, std::mt19937& rng) {
    Image image{w, h, std::vector<unsigned char>(static_cast<std::size_t>(w) * h * 3)};
    std::uniform_real_distribution<double> u(0, 1);
    const double base[3] = {40 + 150 * u(rng), 40 + 150 * u(rng), 40 + 150 * u(rng)};
    const double gx = 60 * (u(rng) - 0.5) / w, gy = 60 * (u(rng) - 0.5) / h;
    std::vector<double> wave_x(static_cast<std::size_t>(w)), wave_y(static_cast<std::size_t>(h));
    const double period = 8.0 + 30 * u(rng);
    for (int x = 0; x < w; ++x) wave_x[x] = std::sin(x / period);
    for (int y = 0; y < h; ++y) wave_y[y] = std::cos(y / 11.0);
    std::uniform_int_distribution<int> noise(-3, 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) {
                const double v = base[c] + gx * x + gy * y +
                                 25 * wave_x[x] * wave_y[y] + noise(rng);
                image.px[(static_cast<std::size_t>(y) * w + x) * 3 + c] =
                    static_cast<unsigned char>(std::clamp(v, 0.0, 255.0));
            }
    for (int block = 0; w >= 64 && h >= 64 && block < 4; ++block) { // 4:2:0 blurs tiny ones
        const int x0 = static_cast<int>(u(rng) * w), y0 = static_cast<int>(u(rng) * h);
        const unsigned char colour[3] = {static_cast<unsigned char>(rng()),
                                         static_cast<unsigned char>(rng()),
                                         static_cast<unsigned char>(rng())};
        for (int y = y0; y < std::min(h, y0 + h / 4); ++y)
            for (int x = x0; x < std::min(w, x0 + w / 4); ++x)
                std::copy_n(colour, 3, &image.px[(static_cast<std::size_t>(y) * w + x) * 3]);
    }
    return image;
}

std::vector<std::string> demo_photo_files() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(test::demo_dir() + "/photos")) {
        auto file = read_small_file(entry.path().string(), 1 << 20);
        REQUIRE(file);
        files.push_back(std::move(file).value());
    }
    return files;
}

std::string error_of(const std::string& input) {
    auto out = normalize_photo(input);
    REQUIRE_FALSE(out);
    return out.error().message;
}

// A JPEG's SOF0 frame declared as w x h (big-endian, after the precision byte).
std::string with_frame_size(std::string jpeg, int w, int h) {
    const auto sof = jpeg.find("\xFF\xC0");
    REQUIRE(sof != std::string::npos);
    jpeg[sof + 5] = static_cast<char>(h >> 8), jpeg[sof + 6] = static_cast<char>(h & 0xFF);
    jpeg[sof + 7] = static_cast<char>(w >> 8), jpeg[sof + 8] = static_cast<char>(w & 0xFF);
    return jpeg;
}

} // namespace

TEST_CASE("Every demo portrait, as PNG and as JPEG, normalises to a close baseline JPEG",
          "[photo]") {
    int checked = 0;
    for (const auto& file : demo_photo_files()) {
        const Image original = stb_decode(file);
        CAPTURE(checked, original.w, original.h);
        const std::string from_png = check_normalised(file, original);
        CHECK(from_png.size() < 40'000); // "about 25 KB" at the largest size
        check_normalised(jpeg_of(original, 95), original);
        ++checked;
    }
    CHECK(checked >= 60);
}

TEST_CASE("Generated images of many sizes normalise to the documented size, close to the input",
          "[photo]") {
    std::mt19937 rng(19);
    // Around the 8- and 16-pixel blocks, the bounds, and large enough for TurboJPEG to decode at
    // a quarter or an eighth of the size.
    std::vector<std::pair<int, int>> sizes = {
        {1, 1},     {2, 3},     {7, 16},    {16, 16},   {17, 15},   {33, 47},    {5, 200},
        {200, 5},   {359, 449}, {360, 450}, {361, 450}, {360, 451}, {720, 900},  {1000, 200},
        {200, 1000}, {1201, 1601}, {4000, 40}, {2900, 3700}};
    for (int i = 0; i < 24; ++i)
        sizes.emplace_back(1 + static_cast<int>(rng() % 1300), 1 + static_cast<int>(rng() % 1300));
    for (const auto& [w, h] : sizes) {
        const Image original = generated(w, h, rng);
        CAPTURE(w, h);
        check_normalised(png_of(original), original);
        check_normalised(jpeg_of(original, 95), original);
    }
}

TEST_CASE("A CMYK JPEG normalises to its colours", "[photo]") {
    std::mt19937 rng(7);
    const Image rgb = generated(120, 150, rng);
    // Adobe's inverted CMYK: R = C * K / 255 with K at 255 (no black) and C = R.
    std::vector<unsigned char> cmyk;
    for (std::size_t i = 0; i < rgb.px.size(); i += 3)
        cmyk.insert(cmyk.end(), {rgb.px[i], rgb.px[i + 1], rgb.px[i + 2], 255});
    tjhandle tj = tjInitCompress();
    REQUIRE(tj);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    const int made = tjCompress2(tj, cmyk.data(), rgb.w, 0, rgb.h, TJPF_CMYK, &buffer, &size,
                                 TJSAMP_444, 95, 0);
    const std::string file(reinterpret_cast<const char*>(buffer), size);
    tjFree(buffer);
    tjDestroy(tj);
    REQUIRE(made == 0);
    check_normalised(file, rgb);
}

TEST_CASE("Metadata in the input is not carried over", "[photo]") {
    std::mt19937 rng(11);
    const Image image = generated(200, 250, rng);
    std::string jpeg = jpeg_of(image, 95);
    // After SOI: an EXIF segment, an ICC profile segment and a comment, each naming someone.
    const std::string secret = "Jane Example, GPS 50.85N 4.35E";
    for (const auto& [marker, tag] : {std::pair{'\xE1', std::string("Exif\0\0", 6)},
                                      std::pair{'\xE2', std::string("ICC_PROFILE\0\1\1", 14)},
                                      std::pair{'\xFE', std::string()}}) {
        const std::string body = tag + secret;
        const auto length = static_cast<unsigned>(body.size() + 2);
        jpeg.insert(2, std::string{'\xFF', marker, static_cast<char>(length >> 8),
                                   static_cast<char>(length & 0xFF)} +
                           body);
    }
    REQUIRE(jpeg.find(secret) != std::string::npos);
    const std::string out = check_normalised(jpeg, image);
    CHECK(out.find(secret) == std::string::npos);
}

TEST_CASE("Normalising is the same on several threads at once", "[photo]") {
    const auto files = demo_photo_files();
    std::vector<std::string> alone;
    for (const auto& f : files) alone.push_back(normalize_photo(f).value());
    std::vector<std::vector<std::string>> together(2);
    std::vector<std::thread> threads;
    for (auto& results : together)
        threads.emplace_back([&files, &results] {
            for (const auto& f : files) {
                auto out = normalize_photo(f);
                results.push_back(out ? std::move(out).value() : std::string());
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& results : together) CHECK(results == alone);
}

TEST_CASE("Corrupt, truncated and oversized images are refused, saying why", "[photo]") {
    std::mt19937 rng(5);
    const Image image = generated(300, 375, rng);
    const std::string jpeg = jpeg_of(image, 90);
    CHECK(error_of("GIF89a....") == "not a PNG or JPEG image");
    CHECK(error_of("\xFF\xD8\xFF") == "cannot read the JPEG header: Premature end of JPEG file");
    SECTION("truncated") {
        for (std::size_t keep : {std::size_t{100}, jpeg.size() / 3, jpeg.size() - 2}) {
            CAPTURE(keep);
            const std::string message = error_of(jpeg.substr(0, keep));
            CHECK_THAT(message, Catch::Contains("JPEG") && Catch::Contains("Premature end"));
        }
    }
    SECTION("corrupt") {
        std::string bad = jpeg;
        bad[bad.size() / 2] = '\xFF', bad[bad.size() / 2 + 1] = '\xD3'; // a stray restart marker
        CHECK_THAT(error_of(bad), Catch::StartsWith("corrupt or truncated JPEG: Corrupt JPEG data"));
        std::string precision = jpeg;
        precision[precision.find("\xFF\xC0") + 4] = 12; // a 12-bit frame in baseline
        CHECK_THAT(error_of(precision), Catch::Contains("precision 12"));
    }
    SECTION("declared too large, refused before decoding") {
        CHECK(error_of(with_frame_size(jpeg, 60000, 60000)) ==
              "image dimensions out of range (60000x60000)");
        CHECK(error_of(with_frame_size(jpeg, 8193, 20)) == "image dimensions out of range (8193x20)");
        std::string png = png_of(image); // IHDR's width and height, after the signature and tag
        for (std::size_t i : {16u, 20u}) png.replace(i, 4, std::string("\x00\x00\x23\x28", 4));
        CHECK(error_of(png) == "image dimensions out of range (9000x9000)");
        for (std::size_t i : {16u, 20u}) png.replace(i, 4, std::string("\x00\x01\x86\xA0", 4));
        CHECK(error_of(png) == "image dimensions out of range (100000x100000)");
    }
}

TEST_CASE("TurboJPEG's encoder settings from the environment are refused", "[photo]") {
    const std::string png = png_of(Image{2, 2, std::vector<unsigned char>(12, 128)});
    for (const char* name : {"TJ_OPTIMIZE", "TJ_ARITHMETIC", "TJ_RESTART", "TJ_PROGRESSIVE"}) {
        ::setenv(name, "1", 1);
        auto out = normalize_photo(png);
        ::unsetenv(name);
        REQUIRE_FALSE(out);
        CHECK_THAT(out.error().message, Catch::Contains(name));
    }
    CHECK(normalize_photo(png));
}
