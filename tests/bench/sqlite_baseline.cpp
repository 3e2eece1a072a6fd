#include "sqlite_baseline.h"

#include <sqlite3.h>

namespace accred::bench {

struct SqliteBaseline::Handles {
    sqlite3* db = nullptr;
    sqlite3_stmt* insert = nullptr;
    long seq = 0;
    ~Handles() {
        sqlite3_finalize(insert);
        sqlite3_close(db);
    }
};

Outcome<SqliteBaseline> SqliteBaseline::open(const std::string& path) {
    auto h = std::make_shared<Handles>();
    if (sqlite3_open(path.c_str(), &h->db) != SQLITE_OK) return Error{"cannot open " + path};
    const char* setup = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                        "CREATE TABLE entries(seq INTEGER PRIMARY KEY, time INTEGER, verdict TEXT,"
                        " credential TEXT, hash BLOB)";
    if (sqlite3_exec(h->db, setup, nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{std::string("sqlite: ") + sqlite3_errmsg(h->db)};
    if (sqlite3_prepare_v2(h->db,
                           "INSERT INTO entries VALUES (?1, ?1, 'admitted', ?2, randomblob(32))",
                           -1, &h->insert, nullptr) != SQLITE_OK)
        return Error{std::string("sqlite: ") + sqlite3_errmsg(h->db)};
    return SqliteBaseline(std::move(h));
}

Status SqliteBaseline::insert(const std::string& text) {
    // An explicit transaction, as the entry log's (autocommit would do the same one commit).
    if (sqlite3_exec(h_->db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{"begin failed"};
    sqlite3_bind_int64(h_->insert, 1, ++h_->seq);
    sqlite3_bind_text(h_->insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    const int step = sqlite3_step(h_->insert);
    sqlite3_reset(h_->insert);
    if (step != SQLITE_DONE) return Error{std::string("insert: ") + sqlite3_errmsg(h_->db)};
    if (sqlite3_exec(h_->db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{"commit failed"};
    return success();
}

} // namespace accred::bench
