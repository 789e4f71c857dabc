#pragma once
// The texts a ledger's deltas repeat (accounts, units, rules, explanations), each stored once in
// a table of its own and named by an integer key.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite_database.hpp"

namespace loyalty::detail {

enum class LabelTable { accounts, units, rules, explanations };

class LedgerLabels {
public:
    explicit LedgerLabels(SqliteDatabase& database);

    /// The key of `text` in `table`, added there if it is new.
    std::int64_t key(LabelTable table, std::string_view text);
    /// Drops what is remembered of keys: after a rollback, a key added since may be gone.
    void forget();

private:
    struct Table {
        std::unique_ptr<SqliteStatement> find;
        std::unique_ptr<SqliteStatement> add;
        std::unordered_map<std::string, std::int64_t> known;
    };
    SqliteDatabase& database_;
    std::array<Table, 4> tables_;
    std::string lookup_;
};

/// What an explanation is found by: FNV-1a of its text, the same on every host.
std::int64_t explanation_hash(std::string_view text);

}  // namespace loyalty::detail
