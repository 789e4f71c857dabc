// What a ledger answers about itself: a member's history, every posting, the summary.
#include "loyalty/sqlite_ledger.hpp"

#include "loyalty/json.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {

using detail::SqliteDatabase;
using detail::SqliteStatement;

namespace {

/// The `postings` view of the schema: each delta as its two postings, debit first.
constexpr const char* posting_columns =
    "SELECT transaction_sequence, posting, transaction_id, at, delta_id, kind, rule, account, unit, amount, explanation "
    "FROM postings ";

std::vector<LedgerPosting> read_postings(SqliteStatement& query) {
    std::vector<LedgerPosting> rows;
    while (query.step()) {
        rows.push_back({query.integer(0), query.integer(1), query.text(2), query.text(3), query.text(4), query.text(5),
                        query.text(6), query.text(7), query.text(8), query.integer(9), query.text(10)});
    }
    return rows;
}

}  // namespace

std::vector<LedgerPosting> SqliteLedger::history(const std::string& member_id) const {
    // A member's accounts are "member:ID:KIND", and no kind holds a ':': the range of the index
    // from "member:ID:" to "member:ID;" (';' follows ':') holds them, compared byte for byte, and
    // a further ':' would be another member's whose id starts with "ID:". Its deltas are found by
    // those accounts' keys, on either side.
    SqliteStatement query(connection_->database,
                          "WITH own(key) AS (SELECT key FROM accounts WHERE name >= ?1 AND name < ?2 AND "
                          "instr(substr(CAST(name AS BLOB), ?3), CAST(':' AS BLOB)) = 0), "
                          "touched(sequence) AS (SELECT transaction_sequence FROM deltas WHERE debit > 0 AND debit IN own "
                          "UNION SELECT transaction_sequence FROM deltas WHERE credit > 0 AND credit IN own) " +
                              std::string(posting_columns) +
                              "WHERE transaction_sequence IN touched AND account >= ?1 AND account < ?2 AND "
                              "instr(substr(CAST(account AS BLOB), ?3), CAST(':' AS BLOB)) = 0 ORDER BY 1, 2");
    const std::string prefix = "member:" + member_id + ":";
    query.bind(1, prefix);
    query.bind(2, "member:" + member_id + ";");
    query.bind(3, static_cast<std::int64_t>(prefix.size() + 1));
    return read_postings(query);
}

std::vector<LedgerPosting> SqliteLedger::postings() const {
    SqliteStatement query(connection_->database, std::string(posting_columns) + "ORDER BY 1, 2");
    return read_postings(query);
}

LedgerSummary SqliteLedger::summary() const {
    SqliteDatabase& database = connection_->database;
    LedgerSummary summary;
    const auto single = [&](const char* sql) {
        SqliteStatement query(database, sql);
        query.step();
        return query.integer(0);
    };
    summary.transactions = single("SELECT count(*) FROM transactions WHERE kind != 'opening'");
    summary.members = single("SELECT count(*) FROM members");
    // Each delta counts once, whichever its accounts. Points a return takes back are issued no more, points it gives back are burned no more, and an
    // opening balance was issued before the ledger: issued − burned − expired is outstanding.
    summary.points_issued = single(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'clawback' THEN -amount ELSE amount END), 0) FROM deltas "
        "WHERE kind IN ('earn', 'opening', 'clawback') AND unit IN (SELECT key FROM units WHERE name = 'points')");
    summary.points_burned = single(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'refund' THEN -amount ELSE amount END), 0) FROM deltas "
        "WHERE kind IN ('burn', 'refund') AND unit IN (SELECT key FROM units WHERE name = 'points')");
    summary.points_expired = single("SELECT COALESCE(SUM(amount), 0) FROM deltas WHERE kind = 'expire'");
    summary.coupons_issued = single("SELECT COALESCE(SUM(amount), 0) FROM deltas WHERE kind = 'coupon_issue'");
    summary.coupons_used = single("SELECT COALESCE(SUM(amount), 0) FROM deltas WHERE kind = 'coupon_use'");
    SqliteStatement rebates(database,
                            "SELECT u.name, SUM(d.amount) FROM deltas d JOIN units u ON u.key = d.unit "
                            "WHERE d.kind = 'rebate' GROUP BY u.name ORDER BY u.name");
    while (rebates.step()) {
        const auto currency = Currency::find(rebates.text(0));
        summary.rebates_paid.push_back(currency ? Money(rebates.integer(1), *currency).to_string()
                                                : std::to_string(rebates.integer(1)) + " " + rebates.text(0));
    }
    // From the deltas, which are always current: the members' spendable and pending points, less
    // what they owe. Stored states are as of the last checkpoint.
    summary.points_outstanding = single(
        "WITH own(key) AS (SELECT key FROM accounts WHERE name >= 'member:' AND name < 'member;') "
        "SELECT COALESCE(SUM((credit IN own) * amount - (debit IN own) * amount), 0) FROM deltas "
        "WHERE unit IN (SELECT key FROM units WHERE name = 'points')");
    summary.transactions_after_checkpoint = transactions_after_checkpoint();
    SqliteStatement programs(database,
                             "SELECT p.digest, p.name, p.version, g.count, "
                             "(SELECT id FROM transactions WHERE sequence = g.first), "
                             "(SELECT id FROM transactions WHERE sequence = g.last) "
                             "FROM (SELECT program, count(*) AS count, MIN(sequence) AS first, MAX(sequence) AS last "
                             "FROM transactions WHERE program IS NOT NULL GROUP BY program) g "
                             "JOIN programs p ON p.id = g.program ORDER BY g.first");
    while (programs.step()) {
        LedgerProgram program;
        if (!programs.is_null(0)) program.program.digest = ProgramDigest::from_hex(programs.text(0));
        program.program.name = programs.text(1);
        program.program.version = programs.text(2);
        program.transactions = programs.integer(3);
        program.first_transaction = programs.text(4);
        program.last_transaction = programs.text(5);
        summary.programs.push_back(std::move(program));
    }
    summary.chain_head = chain_head();
    return summary;
}

std::int64_t SqliteLedger::transactions_after_checkpoint() const {
    SqliteStatement after(connection_->database,
                          "SELECT count(*) FROM transactions WHERE sequence > ? AND kind != 'opening'");
    after.bind(1, checkpoint()).step();
    return after.integer(0);
}

}  // namespace loyalty
