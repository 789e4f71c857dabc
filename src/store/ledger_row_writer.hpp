#pragma once
// One transaction row and its deltas written as schema 4 stores them: the payload compressed, the
// labels by key, the fingerprint and the link as bytes.

#include <cstdint>
#include <string>

#include "store/ledger_chain.hpp"
#include "store/ledger_compression.hpp"
#include "store/ledger_labels.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

class LedgerRowWriter {
public:
    LedgerRowWriter(SqliteDatabase& database, LedgerCompression& compression, LedgerLabels& labels);

    /// `program` is the programs row, 0 for none; `link` the row's chain link, as hex; `sequence`
    /// the row's, or 0 for the next.
    void insert(const ChainRow& row, std::int64_t program, const std::string& link, std::int64_t sequence = 0);

private:
    SqliteDatabase& database_;
    LedgerCompression& compression_;
    LedgerLabels& labels_;
    SqliteStatement insert_transaction_;
    SqliteStatement insert_delta_;
};

/// "<transaction>/<rule>@<version>": the id most deltas have, which the ledger does not store.
bool has_plain_id(const ChainRow& row, const ChainDelta& delta);
std::string plain_delta_id(const std::string& transaction_id, const std::string& rule, const std::string& version);

/// Binds hex digits as the bytes they stand for; anything else as the text it is, which `verify`
/// then finds stored as text.
void bind_hex(SqliteStatement& statement, int index, const std::string& hex);
/// A column bound by bind_hex, as hex digits again.
std::string hex_column(const SqliteStatement& statement, int column);

}  // namespace loyalty::detail
