#pragma once
// The ledger's transaction rows with their deltas, read in recording order: what the chain and
// the audit walk.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/ledger_chain.hpp"
#include "store/ledger_compression.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

struct StoredTransaction {
    std::int64_t sequence = 0;
    /// The programs row that recorded it; 0 for none (an opening balance).
    std::int64_t program = 0;
    std::int64_t delta_count = 0;
    /// The chain link as stored.
    std::string link;
    /// The deltas' own positions, in the order of `row.deltas`.
    std::vector<std::int64_t> delta_positions;
    /// Why the payload could not be unpacked; then `row.payload` is empty.
    std::string unreadable_payload;
    ChainRow row;
};

/// Calls `visit` with every transaction, in sequence order, each with its deltas in theirs, their
/// labels as text and its payload unpacked. They are read a thousand at a time, each slice
/// finished before it is visited: a visitor may query or write the database, and memory stays
/// bounded whatever the ledger's size.
void for_each_stored_transaction(SqliteDatabase& database, LedgerCompression& compression,
                                 const std::function<void(const StoredTransaction&)>& visit);

/// "deltas row 4/2": the second delta of the transaction of sequence 4.
std::string delta_row(std::int64_t transaction_sequence, std::int64_t position);

}  // namespace loyalty::detail
