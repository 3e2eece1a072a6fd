#include "search_cache.h"

namespace accred {
namespace {

// What changes when people are added, updated or removed; a full scan of `people`'s smallest
// index, which is why it is asked at most once a second.
Outcome<std::string> roster_stamp(Desk& desk) {
    auto q = desk.db().prepare(
        "SELECT count(*), coalesce(max(updated_at), 0), coalesce(max(rowid), 0) FROM people");
    if (!q) return q.error();
    auto row = first_row(q.value(), [](const Statement& r) {
        return std::to_string(r.column_int(0)) + ":" + std::to_string(r.column_int(1)) + ":" +
               std::to_string(r.column_int(2));
    });
    if (!row) return row.error();
    return row->value_or("");
}

} // namespace

Outcome<std::shared_ptr<const PeopleSearch>> SearchCache::get(Desk& desk, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (index_ && checked_ms_ >= 0 && now_ms - checked_ms_ < 1000) return index_;
    auto stamp = roster_stamp(desk);
    if (!stamp) return stamp.error();
    checked_ms_ = now_ms;
    if (index_ && stamp.value() == stamp_) return index_;
    auto people = desk.people_summaries();
    if (!people) return people.error();
    index_ = std::make_shared<const PeopleSearch>(std::move(people).value());
    stamp_ = stamp.value();
    return index_;
}

void SearchCache::invalidate() {
    std::lock_guard lock(mutex_);
    index_.reset();
}

} // namespace accred
