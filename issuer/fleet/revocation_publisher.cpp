#include "revocation_publisher.h"

#include "bundle/revocation_update.h"

#include <ctime>

namespace accred {

Outcome<RevocationPublisher> RevocationPublisher::open(Desk& desk) {
    RevocationPublisher publisher(desk);
    auto q = desk.db().prepare("SELECT version, issued_at, revoked, file, watermark FROM "
                               "fleet_revocation_updates ORDER BY version DESC LIMIT 1");
    if (!q) return q.error();
    auto row = q->step();
    if (!row) return row.error();
    if (row.value()) {
        auto p = std::make_shared<PublishedRevocations>();
        p->version = static_cast<std::uint64_t>(q->column_int(0));
        p->issued_at = static_cast<std::uint64_t>(q->column_int(1));
        p->revoked = static_cast<std::size_t>(q->column_int(2));
        const std::string file = q->column_blob(3);
        p->file.assign(file.begin(), file.end());
        publisher.current_ = std::move(p);
        publisher.current_watermark_ = q->column_text(4);
    }
    return publisher;
}

// What the revocation list depends on, in one short line: the revocations (rows are only ever
// added, with an increasing seq) and the reissues (the current issue numbers it carries).
Outcome<std::string> RevocationPublisher::watermark() {
    auto q = desk_->db().prepare(
        "SELECT (SELECT count(*) FROM revocations), (SELECT coalesce(max(seq), 0) FROM "
        "revocations), (SELECT count(*) FROM credentials WHERE issue > 1)");
    if (!q) return q.error();
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return Error{"desk.db: cannot read the revocations"};
    return std::to_string(q->column_int(0)) + ":" + std::to_string(q->column_int(1)) + ":" +
           std::to_string(q->column_int(2));
}

Outcome<std::shared_ptr<const PublishedRevocations>>
RevocationPublisher::poll(const SigningKey& event_key, std::uint64_t desk_now) {
    auto mark = watermark();
    if (!mark) return mark.error();
    const std::uint64_t refresh_after =
        std::uint64_t{desk_->event().revocation_max_age_minutes} * 60 / 2;
    const bool due = !current_ || mark.value() != current_watermark_ ||
                     desk_now >= current_->issued_at + refresh_after;
    if (!due) return std::shared_ptr<const PublishedRevocations>{};
    auto list = desk_->next_revocation_list(desk_now);
    if (!list) return list.error();
    auto p = std::make_shared<PublishedRevocations>();
    p->version = list->version;
    p->issued_at = list->issued_at;
    p->revoked = list->revoked.size();
    p->file = write_revocation_update(list.value(), event_key);
    auto put = desk_->db().prepare("INSERT INTO fleet_revocation_updates(version, issued_at, "
                                   "watermark, revoked, file, published_at) VALUES "
                                   "(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!put) return put.error();
    put->bind(1, static_cast<std::int64_t>(p->version));
    put->bind(2, static_cast<std::int64_t>(p->issued_at)).bind(3, mark.value());
    put->bind(4, static_cast<std::int64_t>(p->revoked)).bind_blob(5, p->file);
    put->bind(6, static_cast<std::int64_t>(std::time(nullptr)));
    if (auto s = put->run(); !s) return s.error();
    current_ = p;
    current_watermark_ = mark.value();
    return std::shared_ptr<const PublishedRevocations>(p);
}

} // namespace accred
