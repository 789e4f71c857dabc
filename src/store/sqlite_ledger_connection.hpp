#pragma once
// The SQLite ledger's connection: what its writing and its reports share.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "loyalty/sqlite_ledger.hpp"
#include "store/ledger_compression.hpp"
#include "store/ledger_labels.hpp"
#include "store/ledger_row_writer.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty {
namespace detail {

/// One use of a cached statement; resets it when the use ends.
class StatementUse {
public:
    explicit StatementUse(SqliteStatement& statement) : statement_(statement) {}
    ~StatementUse() { statement_.reset(); }
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    SqliteStatement* operator->() const { return &statement_; }
    SqliteStatement& operator*() const { return statement_; }

private:
    SqliteStatement& statement_;
};

}  // namespace detail

struct SqliteLedger::Connection {
    Connection(const std::string& path, detail::OpenMode mode) : database(path, mode) {}

    /// The statement for `sql`, prepared once; it is reset when the use ends, so that no
    /// finished read keeps a snapshot open (a stale snapshot makes the next write fail at once
    /// when another process has written meanwhile).
    detail::StatementUse prepared(const char* sql) {
        auto& slot = statements[sql];
        if (!slot) slot = std::make_unique<detail::SqliteStatement>(database, sql);
        return detail::StatementUse(*slot);
    }

    /// Once the file is known to be a ledger of this version: its stored texts' dictionary, and
    /// for a writer the labels and rows it writes.
    void open_stores(bool writable);

    detail::SqliteDatabase database;
    std::unique_ptr<detail::LedgerCompression> compression;
    std::unique_ptr<detail::LedgerLabels> labels;
    std::unique_ptr<detail::LedgerRowWriter> row_writer;
    /// The batch count this connection last saw or wrote; -1 before its first batch.
    std::int64_t batches_seen = -1;
    bool in_batch = false;
    LineFailure on_line_failure = LineFailure::leaves_the_batch;
    /// Inside a batch: the link of the last transaction recorded, which the next one's covers.
    std::string chain_head;
    /// Inside a batch: the programs rows found or added, by digest.
    std::map<std::string, std::int64_t> program_rows;
    std::map<const char*, std::unique_ptr<detail::SqliteStatement>> statements;
};

}  // namespace loyalty
