#include "store/sqlite_database.hpp"

#include <sqlite3.h>

#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::detail {

SqliteDatabase::SqliteDatabase(const std::string& path, bool writable) : path_(path) {
    const int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    const int result = sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr);
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

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

}  // namespace loyalty::detail
