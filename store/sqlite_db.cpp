#include "sqlite_db.h"

#include <sqlite3.h>
#include <utility>

namespace accred {

namespace {

// A path as an SQLite URI filename with immutable=1: '%', '?' and '#' (and anything outside
// printable ASCII) percent-encoded, so no part of the name is read as a query parameter.
std::string immutable_uri(const std::string& path) {
    static const char* const hex = "0123456789ABCDEF";
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21 || c > 0x7E) {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 0x0F];
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?immutable=1";
}

} // namespace

Outcome<Database> Database::open(const std::string& path, Mode mode,
                                 std::chrono::seconds read_budget) {
    sqlite3* db = nullptr;
    const bool reading = mode != Mode::read_write_create;
    const int flags = (reading ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      (mode == Mode::evidence ? SQLITE_OPEN_URI : 0);
    const std::string name = mode == Mode::evidence ? immutable_uri(path) : path;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOFOLLOW, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return Error{"cannot open database " + path + ": " + why};
    }
    Database database(db);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    if (reading) {
        // A log handed in may be crafted: no trusted schema (no functions in views/triggers),
        // defensive mode (no writable schema), no memory mapping of the file.
        sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        if (auto s = database.exec("PRAGMA mmap_size=0"); !s) return s.error();
        if (mode == Mode::evidence || mode == Mode::bounded_read) {
            database.deadline_ = std::make_unique<std::chrono::steady_clock::time_point>(
                std::chrono::steady_clock::now() + read_budget);
            // Checked every 10,000 virtual machine instructions: microseconds apart, so the
            // deadline is kept to within a fraction of a second at no measurable cost.
            sqlite3_progress_handler(
                db, 10'000,
                [](void* deadline) -> int {
                    return std::chrono::steady_clock::now() >
                           *static_cast<std::chrono::steady_clock::time_point*>(deadline);
                },
                database.deadline_.get());
        }
        return database;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (auto s = database.exec(pragma); !s) return Error{path + ": " + s.error().message};
    }
    return database;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), deadline_(std::move(other.deadline_)) {}
Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        deadline_ = std::move(other.deadline_);
    }
    return *this;
}
Database::~Database() {
    sqlite3_close_v2(db_);
}

void Database::close() {
    sqlite3_close_v2(db_);
    db_ = nullptr;
}

Status Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error e{std::string("database: ") + (message ? message : sqlite3_errmsg(db_))};
        sqlite3_free(message);
        return e;
    }
    return success();
}

Outcome<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK)
        return Error{std::string("database: ") + sqlite3_errmsg(db_)};
    return Statement(db_, stmt);
}

std::int64_t Database::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}
std::string Database::last_error() const {
    return sqlite3_errmsg(db_);
}

void Database::set_busy_timeout(std::chrono::milliseconds wait) {
    sqlite3_busy_timeout(db_, static_cast<int>(wait.count()));
}

void Database::limit_value_bytes(int max_bytes) {
    sqlite3_limit(db_, SQLITE_LIMIT_LENGTH, max_bytes);
}

bool Database::in_transaction() const {
    return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_failed_(other.bind_failed_) {
}
Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
        bind_failed_ = other.bind_failed_;
    }
    return *this;
}
Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    bind_failed_ |= sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK;
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    bind_failed_ |= sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                        SQLITE_UTF8) != SQLITE_OK;
    return *this;
}
Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
    // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
    static const std::uint8_t empty = 0;
    bind_failed_ |= sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &empty : bytes.data(),
                                        bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK;
    return *this;
}
Statement& Statement::bind_null(int index) {
    bind_failed_ |= sqlite3_bind_null(stmt_, index) != SQLITE_OK;
    return *this;
}

Outcome<bool> Statement::step() {
    if (bind_failed_) return Error{"database: a value could not be bound"};
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{std::string("database: ") + sqlite3_errmsg(db_)};
}

Status Statement::run() {
    auto r = step();
    if (!r) return r.error();
    reset();
    return success();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_failed_ = false;
}

std::int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}
std::string Statement::column_text(int index) const {
    const auto* p = sqlite3_column_text(stmt_, index);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
             : std::string();
}
std::string Statement::column_blob(int index) const {
    const void* p = sqlite3_column_blob(stmt_, index);
    return p ? std::string(static_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
             : std::string();
}
bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

} // namespace accred
