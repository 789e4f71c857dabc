#include "store/sqlite_database.hpp"

#include <sqlite3.h>

#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::detail {

namespace {

/// `path` as a URI that opens it immutable: '%', '?' and '#' escaped, as URIs need.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            constexpr char hex[] = "0123456789ABCDEF";
            uri += '%';
            uri += hex[static_cast<unsigned char>(c) >> 4];
            uri += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, OpenMode mode) : path_(path) {
    int flags = SQLITE_OPEN_READONLY;
    std::string name = path;
    switch (mode) {
        case OpenMode::write: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case OpenMode::read: break;
        case OpenMode::read_immutable:
            flags |= SQLITE_OPEN_URI;
            name = immutable_uri(path);
            break;
    }
    // A connection is used by one thread at a time (a writer's store thread takes it over only
    // while the writer waits): SQLite's own locking of every call would buy nothing.
    const int result = sqlite3_open_v2(name.c_str(), &handle_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (result != SQLITE_OK) {
        const std::string reason = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(result);
        sqlite3_close(handle_);
        handle_ = nullptr;
        throw LedgerError("L001", "cannot open ledger '" + path + "': " + reason);
    }
    // Another writer holds the lock for one batch at most: wait rather than fail.
    sqlite3_busy_timeout(handle_, 60'000);
    sqlite3_extended_result_codes(handle_, 1);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(handle_); }

void SqliteDatabase::execute(std::string_view sql) {
    char* message = nullptr;
    const int result = sqlite3_exec(handle_, std::string(sql).c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (result != SQLITE_OK) fail(result);
}

void SqliteDatabase::fail(int result) const {
    // In the product's words: the statement that failed is no business of the person reading.
    const std::string ledger = "ledger '" + path_ + "': ";
    switch (result & 0xff) {
        case SQLITE_FULL: throw LedgerError("L004", ledger + "the disk is full");
        case SQLITE_READONLY: throw LedgerError("L003", ledger + "the file, or the folder it is in, cannot be written");
        case SQLITE_BUSY:
        case SQLITE_LOCKED: throw LedgerError("L005", ledger + "another process held it for writing longer than a minute");
        case SQLITE_CANTOPEN: throw LedgerError("L001", ledger + "the file, or a file SQLite keeps beside it, cannot be opened");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: throw LedgerError("L006", ledger + "the file is not a SQLite database, or is damaged");
        default: throw LedgerError("L009", ledger + "SQLite failed: " + sqlite3_errmsg(handle_));
    }
}

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql) : database_(database) {
    const int result = sqlite3_prepare_v2(database.handle(), sql.data(), static_cast<int>(sql.size()),
                                          &statement_, nullptr);
    if (result != SQLITE_OK) database.fail(result);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    const int result = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                                         SQLITE_TRANSIENT);
    if (result != SQLITE_OK) database_.fail(result);
    return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
    // An empty blob is a blob, not a null: SQLite binds a null for a null pointer.
    static const char nothing = 0;
    const int result = sqlite3_bind_blob(statement_, index, bytes.empty() ? &nothing : bytes.data(),
                                         static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    if (result != SQLITE_OK) database_.fail(result);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    const int result = sqlite3_bind_int64(statement_, index, value);
    if (result != SQLITE_OK) database_.fail(result);
    return *this;
}

bool SqliteStatement::step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    sqlite3_reset(statement_);
    database_.fail(result);
}

void SqliteStatement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

std::string SqliteStatement::text(int column) const {
    const auto* value = sqlite3_column_text(statement_, column);
    return value ? std::string(reinterpret_cast<const char*>(value),
                               static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
}

std::string SqliteStatement::blob(int column) const {
    const auto* value = sqlite3_column_blob(statement_, column);
    return value ? std::string(static_cast<const char*>(value), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
}

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

bool SqliteStatement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

bool SqliteStatement::is_blob(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_BLOB; }

}  // namespace loyalty::detail
