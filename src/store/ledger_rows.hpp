#pragma once
// The ledger's transaction rows with their postings, read in recording order: what the chain, the
// upgrade and the audit walk.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/ledger_chain.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

struct StoredTransaction {
    std::int64_t sequence = 0;
    /// The programs row that recorded it; 0 for none (an opening balance).
    std::int64_t program = 0;
    std::int64_t posting_count = 0;
    /// The chain link as stored.
    std::string link;
    /// The postings' own sequences, in the order of `row.postings`.
    std::vector<std::int64_t> posting_sequences;
    ChainRow row;
};

/// Calls `visit` with every transaction, in sequence order, each with its postings in theirs. They
/// are read a thousand at a time, each slice finished before it is visited: a visitor may query
/// or write the database, and memory stays bounded whatever the ledger's size.
void for_each_stored_transaction(SqliteDatabase& database, const std::function<void(const StoredTransaction&)>& visit);

}  // namespace loyalty::detail
