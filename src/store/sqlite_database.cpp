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
    if (result != SQLITE_OK) fail(result, sql);
}

void SqliteDatabase::fail(int result, std::string_view what) const {
    const std::string detail = "ledger '" + path_ + "': " + sqlite3_errmsg(handle_) + " (" + std::string(what) + ")";
    switch (result & 0xff) {
        case SQLITE_FULL: throw LedgerError("L004", "disk full: " + detail);
        case SQLITE_READONLY: throw LedgerError("L003", "read-only: " + detail);
        case SQLITE_BUSY:
        case SQLITE_LOCKED: throw LedgerError("L005", "busy: " + detail);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: throw LedgerError("L006", "not a sound ledger file: " + detail);
        default: throw LedgerError("L009", detail);
    }
}

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql) : database_(database) {
    const int result = sqlite3_prepare_v2(database.handle(), sql.data(), static_cast<int>(sql.size()),
                                          &statement_, nullptr);
    if (result != SQLITE_OK) database.fail(result, sql);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    const int result = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                                         SQLITE_TRANSIENT);
    if (result != SQLITE_OK) database_.fail(result, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    const int result = sqlite3_bind_int64(statement_, index, value);
    if (result != SQLITE_OK) database_.fail(result, "bind");
    return *this;
}

bool SqliteStatement::step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    const std::string sql = sqlite3_sql(statement_);
    sqlite3_reset(statement_);
    database_.fail(result, sql);
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
