// A thin RAII layer over the SQLite C API: parameterised statements only, errors as values.
#pragma once

#include "crypto/outcome.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace accred {

class Statement;

class Database {
  public:
    enum class Mode {
        read_write_create, // the desk and kiosks on their own files
        read_only,         // reading beside a live writer (the kiosk's sync): defensive
        evidence,          // a file handed in: read-only, immutable, defensive (below)
        bounded_read,      // a store that may have a live writer (the desk's audit.db): as
                           // read_only, and its reads stop after read_budget, as evidence
    };

    // How long all the reading of one evidence file may take before SQLite's progress handler
    // interrupts it: far above the seconds a million-row log takes (docs/performance.md), and a
    // clear error instead of a hang for a file crafted to make a query run for ever.
    static constexpr std::chrono::seconds kEvidenceReadBudget{120};

    // Opens (or creates) path. Durable settings for writers: WAL journal, synchronous=FULL,
    // foreign keys on, a 5 s busy timeout. Read-only opens use SQLITE_OPEN_READONLY, no mmap,
    // trusted_schema off and defensive mode, because the file may be hostile. Evidence opens are
    // also immutable (SQLite's immutable=1): no lock is taken and no -shm or -wal is ever
    // created beside the file, so it works on read-only media and never changes what was handed
    // in; the price is that a -wal file beside it is not read (copy both first to read one).
    // An evidence or bounded_read connection's reads stop with an error once read_budget has
    // passed since open.
    static Outcome<Database> open(const std::string& path, Mode mode,
                                  std::chrono::seconds read_budget = kEvidenceReadBudget);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs SQL without parameters (schema, pragmas, BEGIN/COMMIT). Never pass data in sql.
    Status exec(std::string_view sql);
    // Prepares one statement for binding.
    Outcome<Statement> prepare(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    std::string last_error() const;
    // How long a statement waits for another connection's lock before failing with SQLITE_BUSY
    // (open sets 5 s; the kiosk's log sets less, so that a verdict is never held up long).
    void set_busy_timeout(std::chrono::milliseconds wait);
    // The largest string or blob this connection will read or write (SQLITE_LIMIT_LENGTH): a
    // hostile file's huge value is then an error, not an allocation of that size.
    void limit_value_bytes(int max_bytes);
    // True between BEGIN and COMMIT/ROLLBACK, including after a failed COMMIT.
    bool in_transaction() const;
    // Closes the connection now (statements still open keep SQLite's files open until they are
    // finalized). Every later call fails with SQLite's misuse error until the object is replaced.
    void close();
    bool is_open() const { return db_ != nullptr; }

  private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
    // Evidence and bounded_read connections: the progress handler's deadline (heap, so moves keep
    // it valid).
    std::unique_ptr<std::chrono::steady_clock::time_point> deadline_;
};

// A prepared statement. Bind parameters by 1-based index, then step(); reset() to reuse.
class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
    Statement& bind_null(int index);

    // Runs one step: true when a row is available, false when done; an error is an Error.
    Outcome<bool> step();
    // Runs to completion, expecting no rows back.
    Status run();
    void reset();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    std::string column_blob(int index) const;
    bool column_is_null(int index) const;

  private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    bool bind_failed_ = false;
};

// Steps q to its end, calling on_row(q) for each row. Returns the first error: a failed step
// (a corrupt page, an I/O error, a closed connection, an interrupted query) or a failing Status
// from on_row, which stops the loop. The rows already seen are then incomplete, so a caller
// must not use what it gathered: this is the one loop over rows, so that no reader can stop
// quietly on an error and hand on a partial answer as if it were whole.
template <typename OnRow> [[nodiscard]] Status for_each_row(Statement& q, OnRow&& on_row) {
    for (;;) {
        auto row = q.step();
        if (!row) return row.error();
        if (!row.value()) return success();
        if constexpr (std::is_same_v<std::invoke_result_t<OnRow&, Statement&>, Status>) {
            if (auto s = on_row(q); !s) return s;
        } else {
            on_row(q);
        }
    }
}

// Steps q once and reads the row, if there is one, with read(q): the value read, nullopt when the
// query returned no row, or the step's error. A failed read is never taken for "no row".
template <typename Read>
[[nodiscard]] auto first_row(Statement& q, Read&& read)
    -> Outcome<std::optional<std::invoke_result_t<Read&, Statement&>>> {
    using Value = std::invoke_result_t<Read&, Statement&>;
    auto row = q.step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<Value>{};
    return std::optional<Value>{read(q)};
}

// As first_row, for a query that always returns a row (an aggregate such as count(*)): no row
// is an error naming `what`.
template <typename Read>
[[nodiscard]] auto only_row(Statement& q, std::string_view what, Read&& read)
    -> Outcome<std::invoke_result_t<Read&, Statement&>> {
    auto row = q.step();
    if (!row) return row.error();
    if (!row.value()) return Error{"no answer when reading " + std::string(what)};
    return read(q);
}

// Runs body inside BEGIN IMMEDIATE ... COMMIT; rolls back if body fails.
template <typename Body> Status in_transaction(Database& db, Body&& body) {
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
    Status result = body();
    if (!result) {
        (void)db.exec("ROLLBACK");
        return result;
    }
    if (auto s = db.exec("COMMIT"); !s) {
        (void)db.exec("ROLLBACK");
        return s;
    }
    return result;
}

} // namespace accred
