// What a ledger answers about itself: a member's history, every posting, the summary.
#include "loyalty/sqlite_ledger.hpp"

#include "loyalty/json.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {

using detail::SqliteDatabase;
using detail::SqliteStatement;

namespace {

std::vector<LedgerPosting> read_postings(SqliteStatement& query) {
    std::vector<LedgerPosting> rows;
    while (query.step()) {
        rows.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                        query.text(6), query.text(7), query.integer(8), query.text(9)});
    }
    return rows;
}

constexpr const char* posting_columns =
    "SELECT p.sequence, p.transaction_id, t.at, p.delta_id, p.kind, p.rule, p.account, p.unit, p.amount, "
    "p.explanation FROM postings p JOIN transactions t ON t.id = p.transaction_id ";

}  // namespace

std::vector<LedgerPosting> SqliteLedger::history(const std::string& member_id) const {
    // A member's accounts are "member:ID:KIND", and no kind holds a ':': the range of the index
    // from "member:ID:" to "member:ID;" (';' follows ':') holds them, compared byte for byte, and
    // a further ':' would be another member's whose id starts with "ID:".
    SqliteStatement query(connection_->database,
                          std::string(posting_columns) +
                              "WHERE p.account >= ?1 AND p.account < ?2 AND instr(substr(CAST(p.account AS BLOB), ?3), CAST(':' AS BLOB)) = 0 "
                              "ORDER BY p.sequence");
    const std::string prefix = "member:" + member_id + ":";
    query.bind(1, prefix);
    query.bind(2, "member:" + member_id + ";");
    query.bind(3, static_cast<std::int64_t>(prefix.size() + 1));
    return read_postings(query);
}

std::vector<LedgerPosting> SqliteLedger::postings() const {
    SqliteStatement query(connection_->database, std::string(posting_columns) + "ORDER BY p.sequence");
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
    // Each delta posts twice; its credit side (the positive posting) counts it once. Points a
    // return takes back are issued no more, points it gives back are burned no more, and an
    // opening balance was issued before the ledger: issued − burned − expired is outstanding.
    summary.points_issued = single(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'clawback' THEN -amount ELSE amount END), 0) FROM postings "
        "WHERE kind IN ('earn', 'opening', 'clawback') AND unit = 'points' AND amount > 0");
    summary.points_burned = single(
        "SELECT COALESCE(SUM(CASE WHEN kind = 'refund' THEN -amount ELSE amount END), 0) FROM postings "
        "WHERE kind IN ('burn', 'refund') AND unit = 'points' AND amount > 0");
    summary.points_expired = single(
        "SELECT COALESCE(SUM(amount), 0) FROM postings WHERE kind = 'expire' AND amount > 0");
    summary.coupons_issued = single(
        "SELECT COALESCE(SUM(amount), 0) FROM postings WHERE kind = 'coupon_issue' AND amount > 0");
    summary.coupons_used = single(
        "SELECT COALESCE(SUM(amount), 0) FROM postings WHERE kind = 'coupon_use' AND amount > 0");
    SqliteStatement rebates(database,
                            "SELECT unit, SUM(amount) FROM postings WHERE kind = 'rebate' AND amount > 0 "
                            "GROUP BY unit ORDER BY unit");
    while (rebates.step()) {
        const auto currency = Currency::find(rebates.text(0));
        summary.rebates_paid.push_back(currency ? Money(rebates.integer(1), *currency).to_string()
                                                : std::to_string(rebates.integer(1)) + " " + rebates.text(0));
    }
    // From the postings, which are always current: the members' spendable and pending points, less
    // what they owe. Stored states are as of the last checkpoint.
    summary.points_outstanding = single(
        "SELECT COALESCE(SUM(amount), 0) FROM postings WHERE unit = 'points' AND account >= 'member:' AND account < 'member;'");
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
