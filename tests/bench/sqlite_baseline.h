// The bare-library baseline for the kiosk's log write: one row INSERTed and committed by SQLite
// itself, in WAL mode with synchronous=FULL as the entry log opens its database.
#pragma once

#include "crypto/outcome.h"

#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace accred::bench {

class SqliteBaseline {
  public:
    // Creates a database at path with a table shaped like the entry log's (text + hash).
    static Outcome<SqliteBaseline> open(const std::string& path);
    // One durable insert of a row holding text, in its own transaction.
    Status insert(const std::string& text);

  private:
    struct Handles;
    explicit SqliteBaseline(std::shared_ptr<Handles> h) : h_(std::move(h)) {}
    std::shared_ptr<Handles> h_;
};

} // namespace accred::bench
