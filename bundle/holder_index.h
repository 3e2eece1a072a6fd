// Internal to bundle/: the bundle store's index of holders' claims for manual lookup (schema
// version 3, docs/bundle-format.md "At the kiosk"): each holder's claims, their lower-cased id,
// their folded name (crypto/search_fold.h), and one row per word start of that name, so that an
// id or a name typed at the gate is found by a range of a B-tree, not a scan of the roster.
#pragma once

#include "bundle/holder_match.h"
#include "crypto/outcome.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// The index's tables, created when missing: a store made before them (schema version 2) gains
// them when a delta first brings claims.
[[nodiscard]] Status create_holder_index(Database& db);

// Writes the index as a roster is stored: one entry's claims in, or out.
class HolderIndexWriter {
  public:
    static Outcome<HolderIndexWriter> prepare(Database& db);
    // Sets holder's claims (claims_encode bytes, already checked); empty claims remove holder
    // from the index (a holder without a current badge).
    [[nodiscard]] Status put(const std::string& holder, std::string_view claims);
    [[nodiscard]] Status remove(const std::string& holder);

  private:
    HolderIndexWriter(Statement drop_words, Statement drop_holder, Statement put_holder,
                      Statement put_word)
        : drop_words_(std::move(drop_words)), drop_holder_(std::move(drop_holder)),
          put_holder_(std::move(put_holder)), put_word_(std::move(put_word)) {}
    Statement drop_words_, drop_holder_, put_holder_, put_word_;
};

// Whether db holds an index with at least one holder: a bundle made before claims travelled
// (or a store made from one) has none, and manual lookup is then unavailable.
Outcome<bool> holder_index_present(Database& db);

// At most limit holders matching query, best first: the exact id (ignoring ASCII case), then
// ids starting with the query, then people every word of whose folded name starts with a word
// of the folded query, by name. Nothing for a query without words.
Outcome<std::vector<HolderMatch>> search_holder_index(Database& db, std::string_view query,
                                                      std::size_t limit);

// holder's claims (claims_encode bytes), empty when the index has none for holder.
Outcome<std::string> holder_claims(Database& db, const std::string& holder);

} // namespace accred
