#include "store/ledger_labels.hpp"

#include <sqlite3.h>

#include "core/stable_hash.hpp"

namespace loyalty::detail {
namespace {

/// Keys remembered per table: a program's explanations vary with amounts, and a long replay
/// meets more of them than memory should hold. A key not remembered is found by its index.
constexpr std::size_t keys_remembered_max = 16384;

struct LabelSql {
    const char* find;
    const char* add;
};

// A program's accounts have keys below 0, members' above: the indexes of the deltas by account
// hold members' accounts alone, where most deltas have one side. Explanations are found by a
// hash of their text, whose index is a fraction of one on the text.
constexpr std::array<LabelSql, 4> label_sql = {{
    // Each of MIN and MAX alone in its subquery: SQLite then reads one end of the key's index
    // rather than every row.
    {"SELECT key FROM accounts WHERE name = ?",
     "INSERT INTO accounts(key, name) VALUES(CASE WHEN ?1 LIKE 'member:%' "
     "THEN MAX(0, COALESCE((SELECT MAX(key) FROM accounts), 0)) + 1 "
     "ELSE MIN(0, COALESCE((SELECT MIN(key) FROM accounts), 0)) - 1 END, ?1)"},
    {"SELECT key FROM units WHERE name = ?", "INSERT INTO units(name) VALUES(?)"},
    {"SELECT key FROM rules WHERE name = ?", "INSERT INTO rules(name) VALUES(?)"},
    {"SELECT key FROM explanations WHERE hash = ?2 AND text = ?1", "INSERT INTO explanations(text, hash) VALUES(?1, ?2)"},
}};

}  // namespace

std::int64_t explanation_hash(std::string_view text) {
    StableHash hash;
    hash.add(text);
    return static_cast<std::int64_t>(hash.value());
}

LedgerLabels::LedgerLabels(SqliteDatabase& database) : database_(database) {
    for (std::size_t i = 0; i < tables_.size(); ++i) {
        tables_[i].find = std::make_unique<SqliteStatement>(database, label_sql[i].find);
        tables_[i].add = std::make_unique<SqliteStatement>(database, label_sql[i].add);
    }
}

std::int64_t LedgerLabels::key(LabelTable which, std::string_view text) {
    Table& table = tables_[static_cast<std::size_t>(which)];
    // Looked up through one string kept for it: an explanation is no copy of its own per delta.
    lookup_.assign(text.data(), text.size());
    if (const auto known = table.known.find(lookup_); known != table.known.end()) return known->second;
    std::int64_t key = 0;
    const auto bind = [&](SqliteStatement& statement) {
        statement.bind(1, text);
        if (which == LabelTable::explanations) statement.bind(2, explanation_hash(text));
    };
    bind(*table.find);
    if (table.find->step()) key = table.find->integer(0);
    table.find->reset();
    if (key == 0) {
        bind(*table.add);
        table.add->step();
        table.add->reset();
        key = sqlite3_last_insert_rowid(database_.handle());
    }
    if (table.known.size() >= keys_remembered_max) table.known.clear();
    table.known.emplace(lookup_, key);
    return key;
}

void LedgerLabels::forget() {
    for (Table& table : tables_) table.known.clear();
}

}  // namespace loyalty::detail
