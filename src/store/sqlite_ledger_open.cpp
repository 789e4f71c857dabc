// Opening a ledger: creating its schema, upgrading it in place, or refusing a file this version
// cannot read.
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "loyalty/sqlite_ledger.hpp"
#include "store/ledger_files.hpp"
#include "store/ledger_schema.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {
namespace {

using detail::SqliteDatabase;

/// A new file is switched to WAL mode before its schema is written. The switch needs the file to
/// itself, and SQLite does not wait for it: of two processes creating one ledger at once, the one
/// that finds it taken waits its turn, as long as for a write lock, and then finds the ledger
/// created.
void switch_new_file_to_wal(SqliteDatabase& database) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (detail::schema_is_empty(database)) {
        const int result = sqlite3_exec(database.handle(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        if (result == SQLITE_OK) return;
        if ((result & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) database.fail(result);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

/// On read-only media SQLite cannot create the shared-memory file beside the ledger: the file is
/// then read as it is, unless something beside it holds a change that only a writer, on writable
/// storage, may fold in or undo.
void refuse_what_only_a_writer_can_read(const std::string& path) {
    // A rollback journal beside the file is a change a writer began and did not finish: the file
    // as it is may hold half of it, and only a writer may undo it. The one change a ledger makes
    // with such a journal is its first, switching a new file to WAL mode.
    if (detail::journal_undoes_creation(path + "-journal")) {
        throw LedgerError("L002", "ledger '" + path + "' is empty: a writer stopped while creating it, and the "
                                      "next writer creates it");
    }
    if (detail::holds_bytes(path + "-journal")) {
        throw LedgerError("L003", "ledger '" + path + "': a writer stopped in the middle of a change, which only "
                                      "a writer can undo (its journal '" + path + "-journal' is beside it): run "
                                      "'loyalty ledger upgrade " + path + "' where the file can be written");
    }
    if (detail::holds_bytes(path + "-wal")) {
        throw LedgerError("L003", "ledger '" + path + "': its write-ahead log '" + path +
                                      "-wal' holds transactions that can be read only where the log's "
                                      "shared-memory file can be created beside it; copy the ledger's files to "
                                      "writable storage");
    }
}

/// Creates the schema of a new file, or upgrades an older one in place.
void create_or_upgrade_schema(SqliteDatabase& database) {
    // A new ledger is in WAL mode before its first transaction: its schema is then written to the
    // log, where a crash leaves nothing to undo. Created in rollback-journal mode, a writer killed
    // in its first commit left a journal that a reader may not roll back (L003). Another file is
    // left in its mode until it is known to be a ledger.
    switch_new_file_to_wal(database);
    // Looked at and created, or upgraded, under one write lock: two processes opening a file at
    // once must not both create the schema, nor both upgrade it.
    database.execute("BEGIN IMMEDIATE");
    try {
        if (detail::schema_is_empty(database)) {
            detail::create_ledger_schema(database);
        } else if (const std::string found = detail::stored_schema_version(database); detail::schema_is_upgradable(found)) {
            detail::upgrade_ledger_schema(database, found);
        }
        database.execute("COMMIT");
    } catch (const LedgerError&) {
        sqlite3_exec(database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void require_current_schema(SqliteDatabase& database, const std::string& path) {
    const std::string found = detail::stored_schema_version(database);
    if (found == detail::ledger_schema_version) return;
    if (detail::schema_is_upgradable(found)) {
        throw LedgerError("L002", "ledger '" + path + "' has schema version " + found + ", which this version of "
                                  "loyalty upgrades to version " + detail::ledger_schema_version +
                                  " in place when it writes: run 'loyalty ledger upgrade " + path + "' first");
    }
    throw LedgerError("L002", "ledger '" + path + "' has schema version " + found + "; this version of "
                              "loyalty reads version " + detail::ledger_schema_version +
                              ", upgrades versions 1 to 3, and changes nothing else");
}

void tune_for_writing(SqliteDatabase& database) {
    // Survives any crash of the process; a power loss may lose the last batches, never consistency.
    database.execute("PRAGMA journal_mode = WAL");
    database.execute("PRAGMA synchronous = NORMAL");
    // Pages the indexes revisit stay in memory, and are copied from the log into the file once
    // per 40 MB of log rather than once per 4 MB: a replay spent an eighth of its time in those
    // copies.
    database.execute("PRAGMA cache_size = -65536");
    database.execute("PRAGMA wal_autocheckpoint = 10000");
    // Each line is a savepoint, whose sub-journal of the pages it changes would otherwise be a
    // temporary file written on every line.
    database.execute("PRAGMA temp_store = MEMORY");
}

}  // namespace

SqliteLedger SqliteLedger::open(const std::string& path, bool writable) {
    auto connection = std::make_unique<Connection>(path, writable ? detail::OpenMode::write : detail::OpenMode::read);
    if (!writable) {
        try {
            detail::schema_is_empty(connection->database);
        } catch (const LedgerError& error) {
            if (error.code() != "L003" && error.code() != "L001") throw;
            refuse_what_only_a_writer_can_read(path);
            connection = std::make_unique<Connection>(path, detail::OpenMode::read_immutable);
        }
    }
    SqliteDatabase& database = connection->database;
    if (writable && sqlite3_db_readonly(database.handle(), "main") == 1) {
        throw LedgerError("L003", "read-only: ledger '" + path + "' cannot be written");
    }
    if (writable) {
        create_or_upgrade_schema(database);
    } else if (detail::schema_is_empty(database)) {
        throw LedgerError("L002", "ledger '" + path + "' is empty: it has no ledger schema");
    }
    require_current_schema(database, path);
    connection->open_stores(writable);
    if (writable) tune_for_writing(database);
    return SqliteLedger(std::move(connection));
}

}  // namespace loyalty
