#include "holder_index.h"

#include "crypto/claims_cbor.h"
#include "crypto/search_fold.h"

#include <algorithm>

namespace accred {
namespace {

constexpr const char* kIndexSchema = R"sql(
CREATE TABLE IF NOT EXISTS holders(holder TEXT PRIMARY KEY, id_lower TEXT NOT NULL,
  name TEXT NOT NULL, name_folded TEXT NOT NULL, claims BLOB NOT NULL) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS holders_by_id ON holders(id_lower);
CREATE TABLE IF NOT EXISTS name_words(word TEXT NOT NULL, holder TEXT NOT NULL,
  PRIMARY KEY(word, holder)) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_words_by_holder ON name_words(holder);
)sql";

// Above every valid UTF-8 text that starts with a prefix: the prefix and U+10FFFF, the
// largest code point (BINARY collation compares bytes).
std::string prefix_end(std::string_view prefix) {
    return std::string(prefix) + "\xF4\x8F\xBF\xBF";
}

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// A candidate found by its id or its name, and how well it matched.
struct Candidate {
    HolderMatch match;
    std::string name_folded;
    int rank = 0; // 0 the exact id, 1 an id prefix, 2 a name
};

Status find_by_id(Database& db, std::string_view word, std::size_t limit,
                  std::vector<Candidate>& out) {
    auto q = db.prepare("SELECT holder, name, name_folded, id_lower FROM holders WHERE id_lower "
                        ">= ?1 AND id_lower < ?2 ORDER BY id_lower LIMIT ?3");
    if (!q) return q.error();
    q->bind(1, word).bind(2, prefix_end(word)).bind(3, static_cast<std::int64_t>(limit));
    return for_each_row(*q, [&](Statement& r) {
        out.push_back({{r.column_text(0), r.column_text(1)},
                       r.column_text(2),
                       r.column_text(3) == word ? 0 : 1});
    });
}

Status find_by_name(Database& db, const std::vector<std::string_view>& words,
                    std::vector<Candidate>& out) {
    // The longest word picks the fewest rows from the index; the others are checked in the name.
    const std::string_view key = *std::max_element(
        words.begin(), words.end(), [](auto a, auto b) { return a.size() < b.size(); });
    auto q = db.prepare("SELECT DISTINCT h.holder, h.name, h.name_folded FROM name_words w JOIN "
                        "holders h ON h.holder = w.holder WHERE w.word >= ?1 AND w.word < ?2");
    if (!q) return q.error();
    q->bind(1, key).bind(2, prefix_end(key));
    return for_each_row(*q, [&](Statement& r) {
        const std::string folded = r.column_text(2);
        if (std::all_of(words.begin(), words.end(),
                        [&](std::string_view w) { return starts_a_word(folded, w); }))
            out.push_back({{r.column_text(0), r.column_text(1)}, folded, 2});
    });
}

} // namespace

Status create_holder_index(Database& db) {
    return db.exec(kIndexSchema);
}

Outcome<HolderIndexWriter> HolderIndexWriter::prepare(Database& db) {
    auto drop_words = db.prepare("DELETE FROM name_words WHERE holder = ?1");
    auto drop_holder = db.prepare("DELETE FROM holders WHERE holder = ?1");
    auto put_holder = db.prepare("INSERT OR REPLACE INTO holders(holder, id_lower, name, "
                                 "name_folded, claims) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto put_word = db.prepare("INSERT OR IGNORE INTO name_words(word, holder) VALUES (?1, ?2)");
    if (!drop_words || !drop_holder || !put_holder || !put_word)
        return Error{"cannot prepare the bundle store's holder index"};
    return HolderIndexWriter(std::move(drop_words).value(), std::move(drop_holder).value(),
                             std::move(put_holder).value(), std::move(put_word).value());
}

Status HolderIndexWriter::remove(const std::string& holder) {
    Status s = drop_words_.bind(1, holder).run();
    drop_words_.reset();
    if (!s) return s;
    s = drop_holder_.bind(1, holder).run();
    drop_holder_.reset();
    return s;
}

Status HolderIndexWriter::put(const std::string& holder, std::string_view claims) {
    if (auto s = remove(holder); !s) return s;
    if (claims.empty()) return success();
    auto decoded = claims_decode(bytes_of(claims));
    if (!decoded) return Error{"holder " + holder + "'s claims: " + decoded.error().message};
    const std::string folded = fold_for_search(decoded->name);
    Status s = put_holder_.bind(1, holder)
                   .bind(2, ascii_lower(holder))
                   .bind(3, decoded->name)
                   .bind(4, folded)
                   .bind_blob(5, bytes_of(claims))
                   .run();
    put_holder_.reset();
    for (std::size_t i = 0; s && i < folded.size(); ++i) {
        if (!starts_word(folded, i)) continue;
        s = put_word_.bind(1, std::string_view(folded).substr(i)).bind(2, holder).run();
        put_word_.reset();
    }
    return s;
}

Outcome<bool> holder_index_present(Database& db) {
    auto table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                            "'holders'");
    if (!table) return table.error();
    auto exists = first_row(*table, [](Statement&) { return true; });
    if (!exists) return exists.error();
    if (!exists->has_value()) return false;
    auto any = db.prepare("SELECT 1 FROM holders LIMIT 1");
    if (!any) return any.error();
    auto row = first_row(*any, [](Statement&) { return true; });
    if (!row) return row.error();
    return row->has_value();
}

Outcome<std::vector<HolderMatch>> search_holder_index(Database& db, std::string_view query,
                                                      std::size_t limit) {
    const std::string folded = fold_for_search(query);
    const auto words = words_of(folded);
    if (words.empty() || limit == 0) return std::vector<HolderMatch>{};
    std::vector<Candidate> found;
    if (words.size() == 1) // an id has no spaces
        if (auto s = find_by_id(db, words[0], limit, found); !s) return s.error();
    if (auto s = find_by_name(db, words, found); !s) return s.error();
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (a.name_folded != b.name_folded) return a.name_folded < b.name_folded;
        return a.match.holder < b.match.holder;
    });
    std::vector<HolderMatch> out;
    for (const Candidate& c : found) {
        if (out.size() == limit) break;
        if (std::none_of(out.begin(), out.end(),
                         [&](const HolderMatch& m) { return m.holder == c.match.holder; }))
            out.push_back(c.match);
    }
    return out;
}

Outcome<std::string> holder_claims(Database& db, const std::string& holder) {
    auto q = db.prepare("SELECT claims FROM holders WHERE holder = ?1");
    if (!q) return q.error();
    q->bind(1, holder);
    auto found = first_row(*q, [](Statement& r) { return r.column_blob(0); });
    if (!found) return found.error();
    return found->value_or(std::string());
}

} // namespace accred
