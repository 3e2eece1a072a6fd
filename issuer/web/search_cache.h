// The people search index the web desk keeps in memory (names, ids, delegations; no photos):
// rebuilt from desk.db when it may have changed, at most once a second however many operators
// type, and at once after a change made through the web desk itself.
#pragma once

#include "crypto/outcome.h"
#include "issuer/desk.h"
#include "issuer/people_search.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace accred {

class SearchCache {
  public:
    // The index as of at most a second ago (rebuilt from desk when the roster changed).
    Outcome<std::shared_ptr<const PeopleSearch>> get(Desk& desk, std::int64_t steady_ms);
    // The roster was changed here: the next get() rebuilds.
    void invalidate();

  private:
    std::mutex mutex_;
    std::shared_ptr<const PeopleSearch> index_;
    std::string stamp_;
    std::int64_t checked_ms_ = -1;
};

} // namespace accred
