#include "store/ledger_rows.hpp"

#include "loyalty/ledger_store.hpp"
#include "store/ledger_row_writer.hpp"

namespace loyalty::detail {
namespace {

constexpr std::int64_t transactions_read_at_once = 1000;

/// At most `count` transactions after sequence `after`.
std::vector<StoredTransaction> read_transactions(SqliteDatabase& database, LedgerCompression& compression,
                                                 std::int64_t after, std::int64_t count) {
    std::vector<StoredTransaction> slice;
    SqliteStatement query(database,
                          "SELECT t.sequence, COALESCE(t.program, 0), t.delta_count, t.chain, t.id, t.member, t.kind, "
                          "t.at, COALESCE(t.original, ''), t.fingerprint, COALESCE(p.digest, ''), COALESCE(p.name, ''), "
                          "COALESCE(p.version, ''), t.payload "
                          "FROM transactions t LEFT JOIN programs p ON p.id = t.program "
                          "WHERE t.sequence > ? ORDER BY t.sequence LIMIT ?");
    query.bind(1, after).bind(2, count);
    while (query.step()) {
        StoredTransaction stored;
        stored.sequence = query.integer(0);
        stored.program = query.integer(1);
        stored.delta_count = query.integer(2);
        stored.link = hex_column(query, 3);
        ChainRow& row = stored.row;
        row.id = query.text(4);
        row.member = query.text(5);
        row.kind = query.text(6);
        row.at = query.text(7);
        row.original = query.text(8);
        row.fingerprint = hex_column(query, 9);
        row.program_digest = query.text(10);
        row.program_name = query.text(11);
        row.program_version = query.text(12);
        try {
            row.payload = compression.decompress(query.blob(13));
        } catch (const LedgerError& error) {
            stored.unreadable_payload = error.what();
        }
        slice.push_back(std::move(stored));
    }
    return slice;
}

/// The deltas of the slice's transactions, in one pass over their range.
void read_deltas(SqliteDatabase& database, std::vector<StoredTransaction>& slice) {
    if (slice.empty()) return;
    SqliteStatement deltas(database,
                           "SELECT d.transaction_sequence, d.position, COALESCE(d.id, ''), d.kind, COALESCE(r.name, ''), "
                           "COALESCE(a.name, ''), COALESCE(c.name, ''), COALESCE(u.name, ''), d.amount, "
                           "COALESCE(e.text, '') FROM deltas d LEFT JOIN rules r ON r.key = d.rule "
                           "LEFT JOIN accounts a ON a.key = d.debit LEFT JOIN accounts c ON c.key = d.credit "
                           "LEFT JOIN units u ON u.key = d.unit LEFT JOIN explanations e ON e.key = d.explanation "
                           "WHERE d.transaction_sequence BETWEEN ? AND ? ORDER BY d.transaction_sequence, d.position");
    deltas.bind(1, slice.front().sequence).bind(2, slice.back().sequence);
    auto owner = slice.begin();
    while (deltas.step()) {
        const std::int64_t sequence = deltas.integer(0);
        while (owner != slice.end() && owner->sequence < sequence) ++owner;
        // A delta of no transaction is V003, found by the references' check.
        if (owner == slice.end() || owner->sequence != sequence) continue;
        ChainRow& row = owner->row;
        ChainDelta delta{deltas.text(2), deltas.text(3), deltas.text(4), deltas.text(5),
                         deltas.text(6), deltas.text(7), deltas.integer(8), deltas.text(9)};
        if (delta.id.empty()) delta.id = plain_delta_id(row.id, delta.rule, row.program_version);
        row.deltas.push_back(std::move(delta));
        owner->delta_positions.push_back(deltas.integer(1));
    }
}

}  // namespace

void for_each_stored_transaction(SqliteDatabase& database, LedgerCompression& compression,
                                 const std::function<void(const StoredTransaction&)>& visit) {
    std::int64_t after = 0;
    std::vector<StoredTransaction> slice;
    do {
        slice = read_transactions(database, compression, after, transactions_read_at_once);
        read_deltas(database, slice);
        for (const StoredTransaction& stored : slice) visit(stored);
        if (!slice.empty()) after = slice.back().sequence;
    } while (static_cast<std::int64_t>(slice.size()) == transactions_read_at_once);
}

std::string delta_row(std::int64_t transaction_sequence, std::int64_t position) {
    return "deltas row " + std::to_string(transaction_sequence) + "/" + std::to_string(position);
}

}  // namespace loyalty::detail
