// What a host looks up in a ledger: a transaction by its id, the returns of a purchase, and the
// members' stored states.
#include "loyalty/sqlite_ledger.hpp"

#include "loyalty/json.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {

using detail::SqliteStatement;

namespace {

constexpr const char* find_transaction_sql = "SELECT payload FROM transactions WHERE id = ? AND kind != 'opening'";
constexpr const char* find_returns_sql = "SELECT payload FROM transactions WHERE original = ? ORDER BY sequence";

}  // namespace

std::optional<Transaction> SqliteLedger::transaction(const std::string& transaction_id) const {
    const auto query = connection_->prepared(find_transaction_sql);
    query->bind(1, transaction_id);
    if (!query->step()) return std::nullopt;
    return transaction_from_json(connection_->compression->decompress(query->blob(0)));
}

std::vector<Transaction> SqliteLedger::returns_of(const std::string& purchase_id) const {
    const auto query = connection_->prepared(find_returns_sql);
    query->bind(1, purchase_id);
    std::vector<Transaction> returns;
    while (query->step()) returns.push_back(transaction_from_json(connection_->compression->decompress(query->blob(0))));
    return returns;
}

std::vector<Member> SqliteLedger::members(std::size_t count) const {
    SqliteStatement query(connection_->database, "SELECT state FROM members ORDER BY id LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(count));
    std::vector<Member> found;
    while (query.step()) found.push_back(member_from_json(connection_->compression->decompress(query.blob(0))));
    return found;
}

void SqliteLedger::for_each_member(const std::function<void(const Member&)>& visit) const {
    SqliteStatement query(connection_->database, "SELECT state FROM members ORDER BY id");
    while (query.step()) visit(member_from_json(connection_->compression->decompress(query.blob(0))));
}

}  // namespace loyalty
