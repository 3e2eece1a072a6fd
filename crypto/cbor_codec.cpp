#include "cbor_codec.h"

#include <algorithm>
#include <cassert>
#include <cbor.h>

namespace accred {
namespace {

// ---- Encoding -------------------------------------------------------------------------------

// libcbor's cbor_encode_* write one head in its shortest form; 9 bytes is the longest head.
using HeadEncoder = std::size_t (*)(std::uint64_t, unsigned char*, std::size_t);

void put_head(std::vector<std::uint8_t>& out, HeadEncoder encoder, std::uint64_t value) {
    unsigned char head[9];
    const std::size_t n = encoder(value, head, sizeof head);
    out.insert(out.end(), head, head + n);
}

std::size_t bytestring_head(std::uint64_t n, unsigned char* b, std::size_t s) {
    return cbor_encode_bytestring_start(static_cast<std::size_t>(n), b, s);
}
std::size_t string_head(std::uint64_t n, unsigned char* b, std::size_t s) {
    return cbor_encode_string_start(static_cast<std::size_t>(n), b, s);
}
std::size_t array_head(std::uint64_t n, unsigned char* b, std::size_t s) {
    return cbor_encode_array_start(static_cast<std::size_t>(n), b, s);
}
std::size_t map_head(std::uint64_t n, unsigned char* b, std::size_t s) {
    return cbor_encode_map_start(static_cast<std::size_t>(n), b, s);
}

void encode_into(std::vector<std::uint8_t>& out, const CborValue& v) {
    switch (v.kind) {
    case CborValue::Kind::uint:
        put_head(out, cbor_encode_uint, v.number);
        break;
    case CborValue::Kind::negint:
        put_head(out, cbor_encode_negint, v.number);
        break;
    case CborValue::Kind::bytes:
    case CborValue::Kind::text:
        put_head(out, v.kind == CborValue::Kind::bytes ? bytestring_head : string_head,
                 v.bytes.size());
        out.insert(out.end(), v.bytes.begin(), v.bytes.end());
        break;
    case CborValue::Kind::array:
        put_head(out, array_head, v.items.size());
        for (const auto& item : v.items) encode_into(out, item);
        break;
    case CborValue::Kind::map:
        put_head(out, map_head, v.pairs.size());
        for (const auto& [key, value] : v.pairs) {
            encode_into(out, key);
            encode_into(out, value);
        }
        break;
    case CborValue::Kind::tag:
        put_head(out, cbor_encode_tag, v.number);
        for (const auto& item : v.items) encode_into(out, item);
        break;
    }
}

// ---- Strict decoding ------------------------------------------------------------------------

// Builds a CborValue from libcbor's streaming decoder callbacks, one data item at a time.
struct Builder {
    explicit Builder(const CborLimits& l) : limits(l) {}
    const CborLimits& limits;
    std::size_t remaining_bytes = 0; // bytes not yet consumed, for checking declared lengths
    std::string violation;           // first rule broken, empty while all is well
    std::size_t items = 0;
    bool done = false;
    CborValue root;

    // Open containers: the value being filled and how many child items it still expects.
    struct Frame {
        CborValue* value;
        std::uint64_t expected;
        bool pending_key = false; // a map entry whose key is set and whose value is not
    };
    std::vector<Frame> stack;

    void fail(std::string why) {
        if (violation.empty()) violation = std::move(why);
    }

    // Places a finished or newly opened item into its parent; returns where it now lives.
    CborValue* place(CborValue item) {
        if (++items > limits.max_items) {
            fail("too many data items");
            return nullptr;
        }
        CborValue* where = nullptr;
        if (stack.empty()) {
            if (done) {
                fail("more than one data item");
                return nullptr;
            }
            root = std::move(item);
            done = true;
            where = &root;
        } else {
            Frame& top = stack.back();
            CborValue* parent = top.value;
            if (parent->kind == CborValue::Kind::array) {
                parent->items.push_back(std::move(item));
                where = &parent->items.back();
            } else if (!top.pending_key) {
                parent->pairs.emplace_back(std::move(item), CborValue{});
                where = &parent->pairs.back().first;
                top.pending_key = true;
            } else {
                parent->pairs.back().second = std::move(item);
                where = &parent->pairs.back().second;
                top.pending_key = false;
            }
            --top.expected;
        }
        return where;
    }

    // Closes every container whose children have all arrived.
    void close_finished() {
        while (!stack.empty() && stack.back().expected == 0) stack.pop_back();
    }

    void scalar(CborValue v) {
        place(std::move(v));
        close_finished();
    }

    void open(CborValue container, std::uint64_t children) {
        // Each child takes at least one byte: a declared count above the bytes left is a lie.
        if (children > remaining_bytes) {
            fail("a declared length exceeds the data");
            return;
        }
        CborValue* where = place(std::move(container));
        if (where == nullptr) return;
        if (children == 0) {
            close_finished();
            return;
        }
        if (stack.size() + 1 > limits.max_depth) {
            fail("nested too deeply");
            return;
        }
        // Pointers into parents stay valid: a parent's vector only grows while its last child
        // is the open frame, and reserve() below keeps the container's own storage stable.
        if (where->kind == CborValue::Kind::array)
            where->items.reserve(static_cast<std::size_t>(children));
        else
            where->pairs.reserve(static_cast<std::size_t>(children / 2));
        stack.push_back({where, children});
    }
};

Builder& B(void* ctx) { return *static_cast<Builder*>(ctx); }

void on_uint(void* c, std::uint64_t v) { B(c).scalar(CborValue::make_uint(v)); }
void on_uint8(void* c, std::uint8_t v) { on_uint(c, v); }
void on_uint16(void* c, std::uint16_t v) { on_uint(c, v); }
void on_uint32(void* c, std::uint32_t v) { on_uint(c, v); }
void on_negint(void* c, std::uint64_t v) {
    CborValue n;
    n.kind = CborValue::Kind::negint;
    n.number = v;
    B(c).scalar(std::move(n));
}
void on_negint8(void* c, std::uint8_t v) { on_negint(c, v); }
void on_negint16(void* c, std::uint16_t v) { on_negint(c, v); }
void on_negint32(void* c, std::uint32_t v) { on_negint(c, v); }
void on_bytes(void* c, cbor_data d, std::size_t n) {
    B(c).scalar(CborValue::make_bytes(std::string(reinterpret_cast<const char*>(d), n)));
}
void on_text(void* c, cbor_data d, std::size_t n) {
    B(c).scalar(CborValue::make_text(std::string(reinterpret_cast<const char*>(d), n)));
}
void on_array(void* c, std::size_t n) { B(c).open(CborValue::make_array({}), n); }
void on_map(void* c, std::size_t n) {
    if (n > SIZE_MAX / 2) return B(c).fail("a declared length exceeds the data");
    B(c).open(CborValue::make_map({}), std::uint64_t{n} * 2);
}
// No tag is allowed inside our structures. (COSE's outer tag 18 is checked by cose_sign1.cpp
// itself: libcbor 0.8's streaming decoder reports tags 6-20 as errors.)
void on_tag(void* c, std::uint64_t) { B(c).fail("a CBOR tag where none is allowed"); }
void on_indefinite(void* c) { B(c).fail("an indefinite-length item"); }
void on_float(void* c, float) { B(c).fail("a floating-point value"); }
void on_double(void* c, double) { B(c).fail("a floating-point value"); }
void on_simple(void* c) { B(c).fail("a simple value (null, undefined)"); }
void on_bool(void* c, bool) { B(c).fail("a boolean value"); }

const cbor_callbacks& strict_callbacks() {
    static const cbor_callbacks callbacks = [] {
        cbor_callbacks cb = cbor_empty_callbacks;
        cb.uint8 = on_uint8;
        cb.uint16 = on_uint16;
        cb.uint32 = on_uint32;
        cb.uint64 = on_uint;
        cb.negint8 = on_negint8;
        cb.negint16 = on_negint16;
        cb.negint32 = on_negint32;
        cb.negint64 = on_negint;
        cb.byte_string = on_bytes;
        cb.string = on_text;
        cb.byte_string_start = on_indefinite;
        cb.string_start = on_indefinite;
        cb.indef_array_start = on_indefinite;
        cb.indef_map_start = on_indefinite;
        cb.indef_break = on_indefinite;
        cb.array_start = on_array;
        cb.map_start = on_map;
        cb.tag = on_tag;
        cb.float2 = on_float;
        cb.float4 = on_float;
        cb.float8 = on_double;
        cb.undefined = on_simple;
        cb.null = on_simple;
        cb.boolean = on_bool;
        return cb;
    }();
    return callbacks;
}

// Map keys must be strictly increasing in their encoded bytes (RFC 8949 section 4.2.1), which
// also rules out duplicates. The two key buffers are reused down the tree (cleared, not freed):
// every credential's verification runs this, and a fresh vector per key was a tenth of its
// claims' decoding.
bool keys_in_order(const CborValue& v, std::vector<std::uint8_t>& previous,
                   std::vector<std::uint8_t>& key) {
    switch (v.kind) {
    case CborValue::Kind::array:
    case CborValue::Kind::tag:
        return std::all_of(v.items.begin(), v.items.end(), [&](const CborValue& item) {
            return keys_in_order(item, previous, key);
        });
    case CborValue::Kind::map:
        for (std::size_t i = 0; i < v.pairs.size(); ++i) {
            key.clear();
            encode_into(key, v.pairs[i].first);
            if (i > 0 && !(previous < key)) return false;
            previous.swap(key);
        }
        // Then inside each key and value, once this map's own order is settled (the buffers
        // are shared, so not while it is being checked).
        return std::all_of(v.pairs.begin(), v.pairs.end(), [&](const auto& pair) {
            return keys_in_order(pair.first, previous, key) &&
                   keys_in_order(pair.second, previous, key);
        });
    default:
        return true;
    }
}

} // namespace

void cbor_append_head(std::vector<std::uint8_t>& out, CborMajor major, std::uint64_t value) {
    switch (major) {
    case CborMajor::uint: return put_head(out, cbor_encode_uint, value);
    case CborMajor::negint: return put_head(out, cbor_encode_negint, value);
    case CborMajor::bytes: return put_head(out, bytestring_head, value);
    case CborMajor::text: return put_head(out, string_head, value);
    case CborMajor::array: return put_head(out, array_head, value);
    case CborMajor::map: return put_head(out, map_head, value);
    }
}

void cbor_append_string(std::vector<std::uint8_t>& out, CborMajor major, std::string_view bytes) {
    assert(major == CborMajor::bytes || major == CborMajor::text);
    cbor_append_head(out, major, bytes.size());
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void cbor_append_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
    cbor_append_head(out, CborMajor::bytes, bytes.size());
    out.insert(out.end(), bytes.begin(), bytes.end());
}

std::vector<std::uint8_t> cbor_encode(const CborValue& value) {
    std::vector<std::uint8_t> out;
    encode_into(out, value);
    return out;
}

Outcome<CborValue> cbor_decode_strict(std::span<const std::uint8_t> bytes,
                                      const CborLimits& limits) {
    Builder builder(limits);
    std::size_t offset = 0;
    while (offset < bytes.size() && builder.violation.empty()) {
        if (builder.done && builder.stack.empty()) {
            builder.fail("trailing bytes after the data item");
            break;
        }
        builder.remaining_bytes = bytes.size() - offset;
        const cbor_decoder_result r =
            cbor_stream_decode(bytes.data() + offset, bytes.size() - offset,
                               &strict_callbacks(), &builder);
        if (r.status == CBOR_DECODER_NEDATA) {
            builder.fail("truncated data");
            break;
        }
        if (r.status != CBOR_DECODER_FINISHED || r.read == 0) {
            builder.fail("not well-formed CBOR");
            break;
        }
        offset += r.read;
    }
    if (!builder.violation.empty()) return Error{builder.violation};
    if (!builder.done || !builder.stack.empty())
        return Error{bytes.empty() ? "no data" : "truncated data"};
    // Re-encoding in deterministic form must give back the very same bytes; this refuses every
    // longer-than-needed integer or length form.
    std::vector<std::uint8_t> again;
    again.reserve(bytes.size());
    encode_into(again, builder.root);
    if (!std::ranges::equal(again, bytes)) return Error{"not in deterministic encoding"};
    std::vector<std::uint8_t> previous, key;
    if (!keys_in_order(builder.root, previous, key))
        return Error{"map keys duplicated or out of order"};
    return std::move(builder.root);
}

} // namespace accred
