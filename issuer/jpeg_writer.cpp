#include "jpeg_writer.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// stb_image_write (v1.16, public domain, after Jon Olick's jo_jpeg) converts each pixel to
// Y, Cb, Cr in float, takes a float AAN DCT of each 8 x 8 block, rows first, quantises with a
// table of reciprocals and writes the standard Huffman codes. The same operations here are done
// four lanes at a time (GCC/Clang vector extensions: each lane is the scalar operation, so the
// results are bit for bit the same), and the entropy coding skips zero coefficients with a mask
// instead of scanning them one by one.
namespace accred {
namespace {

using F4 = float __attribute__((vector_size(16)));
using I4 = std::int32_t __attribute__((vector_size(16)));
using U8x16 = unsigned char __attribute__((vector_size(16)));

constexpr unsigned char kZigZag[64] = {
    0,  1,  5,  6,  14, 15, 27, 28, 2,  4,  7,  13, 16, 26, 29, 42, 3,  8,  12, 17, 25, 30,
    41, 43, 9,  11, 18, 24, 31, 40, 44, 53, 10, 19, 23, 32, 39, 45, 52, 54, 20, 22, 33, 38,
    46, 51, 55, 60, 21, 34, 37, 47, 50, 56, 59, 61, 35, 36, 48, 49, 57, 58, 62, 63};

// Zigzag position -> natural position.
constexpr std::array<unsigned char, 64> kNatural = [] {
    std::array<unsigned char, 64> natural{};
    for (int i = 0; i < 64; ++i) natural[kZigZag[i]] = static_cast<unsigned char>(i);
    return natural;
}();

// The standard Huffman tables (JPEG Annex K): code counts per length 1-16, then the symbols.
constexpr unsigned char kDcLumCounts[16] = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
constexpr unsigned char kDcChromCounts[16] = {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
constexpr unsigned char kDcValues[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
constexpr unsigned char kAcLumCounts[16] = {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d};
constexpr unsigned char kAcLumValues[162] = {
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61,
    0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52,
    0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25,
    0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45,
    0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64,
    0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
    0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
    0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
    0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3,
    0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8,
    0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};
constexpr unsigned char kAcChromCounts[16] = {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77};
constexpr unsigned char kAcChromValues[162] = {
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61,
    0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33,
    0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18,
    0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44,
    0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63,
    0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
    0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
    0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4,
    0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
    0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};

// The standard quantisation tables (JPEG Annex K), scaled by quality as stb scales them.
constexpr int kLumQuant[64] = {16, 11, 10,  16,  24,  40,  51,  61,  12, 12, 14, 19, 26,
                               58, 60, 55,  14,  13,  16,  24,  40,  57, 69, 56, 14, 17,
                               22, 29, 51,  87,  80,  62,  18,  22,  37, 56, 68, 109, 103,
                               77, 24, 35,  55,  64,  81,  104, 113, 92, 49, 64, 78, 87,
                               103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
constexpr int kChromQuant[64] = {17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
                                 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
                                 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
                                 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
// The AAN DCT's scale factors, times 2 * sqrt(2).
constexpr float kAanScale[8] = {1.0f * 2.828427125f,         1.387039845f * 2.828427125f,
                                1.306562965f * 2.828427125f, 1.175875602f * 2.828427125f,
                                1.0f * 2.828427125f,         0.785694958f * 2.828427125f,
                                0.541196100f * 2.828427125f, 0.275899379f * 2.828427125f};

struct Code {
    std::uint16_t bits = 0;
    std::uint8_t length = 0;
};
using HuffmanTable = std::array<Code, 256>;

HuffmanTable make_huffman(const unsigned char (&counts)[16], const unsigned char* symbols) {
    HuffmanTable table{};
    unsigned code = 0;
    for (int length = 1, k = 0; length <= 16; ++length, code <<= 1)
        for (int i = 0; i < counts[length - 1]; ++i, ++k)
            table[symbols[k]] = {static_cast<std::uint16_t>(code++),
                                 static_cast<std::uint8_t>(length)};
    return table;
}

struct Component {
    HuffmanTable dc, ac;
    F4 reciprocals[8][2]; // 1 / (quantiser * AAN scales), row by row, by halves
};

// MSB-first bits with 0xFF byte stuffing, as stbiw__jpg_writeBits.
class BitWriter {
  public:
    explicit BitWriter(std::string& out) : out_(out) {}
    [[gnu::always_inline]] void put(unsigned bits, int length) {
        buffer_ = (buffer_ << length) | bits;
        count_ += length;
        while (count_ >= 8) {
            count_ -= 8;
            const auto byte = static_cast<char>((buffer_ >> count_) & 0xFF);
            out_.push_back(byte);
            if (byte == '\xFF') out_.push_back('\0');
        }
    }
    void put(const Code& code) { put(code.bits, code.length); }

  private:
    std::string& out_;
    std::uint64_t buffer_ = 0;
    int count_ = 0;
};

// stbiw__jpg_DCT on four rows (or columns) at once. (The small helpers are inlined: called per
// block, they are most of the time otherwise.)
[[gnu::always_inline]] inline void dct(F4& d0, F4& d1, F4& d2, F4& d3, F4& d4, F4& d5, F4& d6,
                                       F4& d7) {
    const F4 tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
    const F4 tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
    F4 tmp10 = tmp0 + tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    const F4 tmp13 = tmp0 - tmp3;
    d0 = tmp10 + tmp11;
    d4 = tmp10 - tmp11;
    const F4 z1 = (tmp12 + tmp13) * 0.707106781f;
    d2 = tmp13 + z1;
    d6 = tmp13 - z1;
    tmp10 = tmp4 + tmp5;
    tmp11 = tmp5 + tmp6;
    tmp12 = tmp6 + tmp7;
    const F4 z5 = (tmp10 - tmp12) * 0.382683433f;
    const F4 z2 = tmp10 * 0.541196100f + z5;
    const F4 z4 = tmp12 * 1.306562965f + z5;
    const F4 z3 = tmp11 * 0.707106781f;
    const F4 z11 = tmp7 + z3, z13 = tmp7 - z3;
    d5 = z13 + z2;
    d3 = z13 - z2;
    d1 = z11 + z4;
    d7 = z11 - z4;
}

// Bit i set when lane i is not 0.
[[gnu::always_inline]] inline unsigned nonzero_lanes(I4 v) {
#if defined(__SSE2__)
    return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(__m128i(v != 0))));
#else
    const I4 bits = (v != 0) & I4{1, 2, 4, 8};
    return static_cast<unsigned>(bits[0] | bits[1] | bits[2] | bits[3]);
#endif
}

// A block as b[row][half]: columns 0-3, then 4-7.
using Block = F4[8][2];

[[gnu::always_inline]] inline void dct_columns(Block& b) {
    for (int h = 0; h < 2; ++h)
        dct(b[0][h], b[1][h], b[2][h], b[3][h], b[4][h], b[5][h], b[6][h], b[7][h]);
}

[[gnu::always_inline]] inline void transpose4(F4& a, F4& b, F4& c, F4& d) {
    const F4 t0 = __builtin_shufflevector(a, b, 0, 4, 1, 5);
    const F4 t1 = __builtin_shufflevector(a, b, 2, 6, 3, 7);
    const F4 t2 = __builtin_shufflevector(c, d, 0, 4, 1, 5);
    const F4 t3 = __builtin_shufflevector(c, d, 2, 6, 3, 7);
    a = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
    b = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
    c = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
    d = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}

[[gnu::always_inline]] inline void transpose(Block& b) {
    transpose4(b[0][0], b[1][0], b[2][0], b[3][0]);
    transpose4(b[4][1], b[5][1], b[6][1], b[7][1]);
    transpose4(b[0][1], b[1][1], b[2][1], b[3][1]);
    transpose4(b[4][0], b[5][0], b[6][0], b[7][0]);
    for (int r = 0; r < 4; ++r) std::swap(b[r][1], b[r + 4][0]);
}

// A coefficient's Huffman symbol (zero run, magnitude category) and then its value bits.
[[gnu::always_inline]] inline void put_coefficient(BitWriter& w, int value,
                                                   const HuffmanTable& table, int zeros) {
    const auto magnitude = static_cast<unsigned>(value < 0 ? -value : value);
    const int length = 32 - __builtin_clz(magnitude);
    const Code& code = table[static_cast<unsigned>(zeros * 16 + length)];
    const unsigned bits =
        static_cast<unsigned>(value < 0 ? value - 1 : value) & ((1u << length) - 1);
    w.put((static_cast<unsigned>(code.bits) << length) | bits, code.length + length);
}

// stbiw__jpg_processDU: one 8 x 8 block of src (rows stride floats apart) transformed,
// quantised and written; returns its DC coefficient, the next block's prediction.
int encode_block(BitWriter& w, const float* src, int stride, const Component& c, int dc) {
    Block b;
    for (int r = 0; r < 8; ++r) std::memcpy(&b[r][0], src + r * stride, sizeof(Block) / 8);
    transpose(b);
    dct_columns(b); // the rows of the block
    transpose(b);
    dct_columns(b);
    int q[64];                 // the quantised coefficients, in natural order
    std::uint64_t natural = 0; // bit i: q[i] is not 0
    for (int r = 0; r < 8; ++r)
        for (int h = 0; h < 2; ++h) {
            const F4 v = b[r][h] * c.reciprocals[r][h];
            const I4 rounded = __builtin_convertvector(v < 0 ? v - 0.5f : v + 0.5f, I4);
            std::memcpy(&q[r * 8 + h * 4], &rounded, sizeof rounded);
            natural |= std::uint64_t{nonzero_lanes(rounded)} << (r * 8 + h * 4);
        }
    std::uint64_t nonzero = 0; // the same in zigzag order
    for (std::uint64_t m = natural; m != 0; m &= m - 1)
        nonzero |= std::uint64_t{1} << kZigZag[__builtin_ctzll(m)];
    const auto du = [&q](int zigzag) { return q[kNatural[zigzag]]; }; // in zigzag order
    if (du(0) == dc) w.put(c.dc[0]);
    else put_coefficient(w, du(0) - dc, c.dc, 0);
    int last = 0;
    for (std::uint64_t m = nonzero & ~std::uint64_t{1}; m != 0; m &= m - 1) {
        const int i = __builtin_ctzll(m);
        int zeros = i - last - 1;
        for (; zeros >= 16; zeros -= 16) w.put(c.ac[0xF0]);
        put_coefficient(w, du(i), c.ac, zeros);
        last = i;
    }
    if (last != 63) w.put(c.ac[0x00]); // end of block
    return du(0);
}

struct Tables {
    unsigned char lum_quant[64], chrom_quant[64]; // in zigzag order, as written
    Component lum, chrom;
};

Tables make_tables(int quality) {
    quality = quality < 1 ? 1 : quality > 100 ? 100 : quality;
    const int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
    Tables t;
    auto scaled = [scale](int base) {
        const int v = (base * scale + 50) / 100;
        return static_cast<unsigned char>(v < 1 ? 1 : v > 255 ? 255 : v);
    };
    for (int i = 0; i < 64; ++i) {
        t.lum_quant[kZigZag[i]] = scaled(kLumQuant[i]);
        t.chrom_quant[kZigZag[i]] = scaled(kChromQuant[i]);
    }
    for (int row = 0, k = 0; row < 8; ++row)
        for (int col = 0; col < 8; ++col, ++k) {
            t.lum.reciprocals[row][col / 4][col % 4] =
                1 / (t.lum_quant[kZigZag[k]] * kAanScale[row] * kAanScale[col]);
            t.chrom.reciprocals[row][col / 4][col % 4] =
                1 / (t.chrom_quant[kZigZag[k]] * kAanScale[row] * kAanScale[col]);
        }
    static const HuffmanTable dc_lum = make_huffman(kDcLumCounts, kDcValues);
    static const HuffmanTable ac_lum = make_huffman(kAcLumCounts, kAcLumValues);
    static const HuffmanTable dc_chrom = make_huffman(kDcChromCounts, kDcValues);
    static const HuffmanTable ac_chrom = make_huffman(kAcChromCounts, kAcChromValues);
    t.lum.dc = dc_lum;
    t.lum.ac = ac_lum;
    t.chrom.dc = dc_chrom;
    t.chrom.ac = ac_chrom;
    return t;
}

void write_headers(std::string& out, const Tables& t, int width, int height) {
    auto append = [&out](const void* bytes, std::size_t size) {
        out.append(static_cast<const char*>(bytes), size);
    };
    static const unsigned char jfif_dqt[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I',
                                             'F',  0,    1,    1,    0, 0,    1,   0,   1,
                                             0,    0,    0xFF, 0xDB, 0, 0x84, 0};
    append(jfif_dqt, sizeof jfif_dqt);
    append(t.lum_quant, 64);
    out.push_back(1);
    append(t.chrom_quant, 64);
    const auto hi = [](int v) { return static_cast<unsigned char>(v >> 8); };
    const auto lo = [](int v) { return static_cast<unsigned char>(v & 0xFF); };
    const unsigned char sof_dht[] = {0xFF, 0xC0, 0, 0x11, 8, hi(height), lo(height),
                                     hi(width), lo(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11,
                                     1, 0xFF, 0xC4, 0x01, 0xA2, 0};
    append(sof_dht, sizeof sof_dht);
    append(kDcLumCounts, 16);
    append(kDcValues, 12);
    out.push_back(0x10);
    append(kAcLumCounts, 16);
    append(kAcLumValues, 162);
    out.push_back(1);
    append(kDcChromCounts, 16);
    append(kDcValues, 12);
    out.push_back(0x11);
    append(kAcChromCounts, 16);
    append(kAcChromValues, 162);
    static const unsigned char sos[] = {0xFF, 0xDA, 0, 0xC, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0};
    append(sos, sizeof sos);
}

// Y, Cb and Cr of one pixel row, padded to padded_width by repeating the last pixel.
void convert_row(const unsigned char* p, int width, int padded_width, float* y, float* u,
                 float* v) {
    int c = 0;
    for (; 3 * c + 16 <= 3 * width; c += 4) { // four pixels from 16 bytes (12 used)
        U8x16 px;
        std::memcpy(&px, p + 3 * c, sizeof px);
        const F4 R = __builtin_convertvector(__builtin_shufflevector(px, px, 0, 3, 6, 9), F4);
        const F4 G = __builtin_convertvector(__builtin_shufflevector(px, px, 1, 4, 7, 10), F4);
        const F4 B = __builtin_convertvector(__builtin_shufflevector(px, px, 2, 5, 8, 11), F4);
        const F4 y4 = +0.29900f * R + 0.58700f * G + 0.11400f * B - 128;
        const F4 u4 = -0.16874f * R - 0.33126f * G + 0.50000f * B;
        const F4 v4 = +0.50000f * R - 0.41869f * G - 0.08131f * B;
        std::memcpy(y + c, &y4, sizeof y4);
        std::memcpy(u + c, &u4, sizeof u4);
        std::memcpy(v + c, &v4, sizeof v4);
    }
    for (; c < padded_width; ++c) {
        const unsigned char* px = p + 3 * (c < width ? c : width - 1);
        const float R = px[0], G = px[1], B = px[2];
        y[c] = +0.29900f * R + 0.58700f * G + 0.11400f * B - 128;
        u[c] = -0.16874f * R - 0.33126f * G + 0.50000f * B;
        v[c] = +0.50000f * R - 0.41869f * G - 0.08131f * B;
    }
}

// The 8 x 8 chroma block of a 16 x 16 area at plane + x (rows stride apart): each value the
// mean of four, summed in stb's order.
void subsample(const float* plane, int stride, float* out) {
    for (int yy = 0; yy < 8; ++yy)
        for (int xx = 0; xx < 8; xx += 4) {
            const float* top = plane + 2 * yy * stride + 2 * xx;
            F4 a, b, c, d;
            std::memcpy(&a, top, sizeof a);
            std::memcpy(&b, top + 4, sizeof b);
            std::memcpy(&c, top + stride, sizeof c);
            std::memcpy(&d, top + stride + 4, sizeof d);
            const F4 mean = (((__builtin_shufflevector(a, b, 0, 2, 4, 6) +
                               __builtin_shufflevector(a, b, 1, 3, 5, 7)) +
                              __builtin_shufflevector(c, d, 0, 2, 4, 6)) +
                             __builtin_shufflevector(c, d, 1, 3, 5, 7)) *
                            0.25f;
            std::memcpy(out + yy * 8 + xx, &mean, sizeof mean);
        }
}

} // namespace

std::string write_baseline_jpeg(const unsigned char* rgb, int width, int height, int quality) {
    const Tables t = make_tables(quality);
    std::string out;
    out.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) / 4 + 1024);
    write_headers(out, t, width, height);
    const int stride = (width + 15) & ~15;
    // One strip of 16 pixel rows at a time, as planes of Y, Cb and Cr.
    std::vector<float> y(static_cast<std::size_t>(stride) * 16), u(y.size()), v(y.size());
    BitWriter w(out);
    int dc_y = 0, dc_u = 0, dc_v = 0;
    for (int top = 0; top < height; top += 16) {
        for (int r = 0; r < 16; ++r) {
            const int row = top + r < height ? top + r : height - 1; // repeat the last row
            const auto offset = static_cast<std::size_t>(r * stride);
            convert_row(rgb + static_cast<std::size_t>(row) * static_cast<std::size_t>(width) * 3,
                        width, stride, &y[offset], &u[offset], &v[offset]);
        }
        for (int x = 0; x < stride; x += 16) {
            dc_y = encode_block(w, &y[x], stride, t.lum, dc_y);
            dc_y = encode_block(w, &y[x + 8], stride, t.lum, dc_y);
            dc_y = encode_block(w, &y[x + 8 * stride], stride, t.lum, dc_y);
            dc_y = encode_block(w, &y[x + 8 * stride + 8], stride, t.lum, dc_y);
            float sub[64];
            subsample(&u[x], stride, sub);
            dc_u = encode_block(w, sub, 8, t.chrom, dc_u);
            subsample(&v[x], stride, sub);
            dc_v = encode_block(w, sub, 8, t.chrom, dc_v);
        }
    }
    w.put(0x7F, 7); // fill the last byte with ones; the bits left over are dropped
    out.append("\xFF\xD9", 2);
    return out;
}

} // namespace accred
