#pragma once
// The ledger's transaction rows with their postings, read in recording order: what the chain, the
// upgrade and the audit walk.

#include <cstdint>
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

/// At most `count` transactions after sequence `after`, in sequence order, each with its postings
/// in theirs.
std::vector<StoredTransaction> read_transactions(SqliteDatabase& database, std::int64_t after, std::size_t count);

}  // namespace loyalty::detail
