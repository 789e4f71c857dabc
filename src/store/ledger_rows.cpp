#include "store/ledger_rows.hpp"

namespace loyalty::detail {
namespace {

constexpr std::size_t transactions_read_at_once = 1000;

/// At most `count` transactions after sequence `after`.
std::vector<StoredTransaction> read_transactions(SqliteDatabase& database, std::int64_t after, std::size_t count) {
    std::vector<StoredTransaction> slice;
    {
        SqliteStatement query(database,
                              "SELECT t.sequence, COALESCE(t.program, 0), t.posting_count, t.chain, t.id, t.member, t.kind, "
                              "t.at, COALESCE(t.original, ''), t.fingerprint, COALESCE(p.digest, ''), COALESCE(p.name, ''), "
                              "COALESCE(p.version, ''), t.payload "
                              "FROM transactions t LEFT JOIN programs p ON p.id = t.program "
                              "WHERE t.sequence > ? ORDER BY t.sequence LIMIT ?");
        query.bind(1, after).bind(2, static_cast<std::int64_t>(count));
        while (query.step()) {
            StoredTransaction stored;
            stored.sequence = query.integer(0);
            stored.program = query.integer(1);
            stored.posting_count = query.integer(2);
            stored.link = query.text(3);
            ChainRow& row = stored.row;
            row.id = query.text(4);
            row.member = query.text(5);
            row.kind = query.text(6);
            row.at = query.text(7);
            row.original = query.text(8);
            row.fingerprint = query.text(9);
            row.program_digest = query.text(10);
            row.program_name = query.text(11);
            row.program_version = query.text(12);
            row.payload = query.text(13);
            slice.push_back(std::move(stored));
        }
    }
    SqliteStatement postings(database,
                             "SELECT sequence, delta_id, kind, rule, account, unit, amount, explanation FROM postings "
                             "WHERE transaction_id = ? ORDER BY sequence");
    for (StoredTransaction& stored : slice) {
        postings.bind(1, stored.row.id);
        while (postings.step()) {
            stored.posting_sequences.push_back(postings.integer(0));
            stored.row.postings.push_back({postings.text(1), postings.text(2), postings.text(3), postings.text(4),
                                           postings.text(5), postings.integer(6), postings.text(7)});
        }
        postings.reset();
    }
    return slice;
}

}  // namespace

void for_each_stored_transaction(SqliteDatabase& database, const std::function<void(const StoredTransaction&)>& visit) {
    std::int64_t after = 0;
    std::vector<StoredTransaction> slice;
    do {
        slice = read_transactions(database, after, transactions_read_at_once);
        for (const StoredTransaction& stored : slice) visit(stored);
        if (!slice.empty()) after = slice.back().sequence;
    } while (slice.size() == transactions_read_at_once);
}

}  // namespace loyalty::detail
