#pragma once
// Just enough RAII around the sqlite3 C API: a connection and prepared statements.

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace loyalty::detail {

class SqliteDatabase;

/// A prepared statement; `step` returns true while there is a row.
class SqliteStatement {
public:
    SqliteStatement(SqliteDatabase& database, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind_blob(int index, std::string_view bytes);
    bool step();
    /// Ready to run again with new bindings.
    void reset();

    std::string text(int column) const;
    /// The column's bytes as stored, whatever its type.
    std::string blob(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;
    bool is_blob(int column) const;

private:
    SqliteDatabase& database_;
    sqlite3_stmt* statement_ = nullptr;
};

/// How a ledger file is opened. `read_immutable` is for read-only media, where SQLite cannot
/// create the shared-memory file a write-ahead log needs: it reads the database file as it is,
/// without locks, which is right only when no log holds transactions the file does not.
enum class OpenMode { write, read, read_immutable };

class SqliteDatabase {
public:
    /// Throws LedgerError L001 when the file cannot be opened.
    SqliteDatabase(const std::string& path, OpenMode mode);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void execute(std::string_view sql);
    sqlite3* handle() const { return handle_; }
    const std::string& path() const { return path_; }
    /// Throws LedgerError for a failed call, in the product's words: L001 cannot open, L004 disk
    /// full, L003 read-only, L005 busy, L006 damaged, L009 else (with SQLite's own message).
    [[noreturn]] void fail(int result) const;

private:
    sqlite3* handle_ = nullptr;
    std::string path_;
};

}  // namespace loyalty::detail
