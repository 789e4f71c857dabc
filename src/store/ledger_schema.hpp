#pragma once
// The ledger's schema: creating it, upgrading older versions in place, and the objects a sound
// ledger holds, for `verify` to compare with.

#include <string>
#include <vector>

#include "loyalty/sqlite_ledger.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

/// Version 4 stores deltas rather than postings, their repeated texts once each under integer
/// keys, and transactions and states compressed; version 3 knows programs by their content and
/// chains its transactions; version 2 wrote members' states at checkpoints; version 1 wrote them
/// with every batch.
constexpr const char* ledger_schema_version = SqliteLedger::schema_version;

bool schema_is_empty(SqliteDatabase& database);
/// "none" for a database that is not a ledger at all.
std::string stored_schema_version(SqliteDatabase& database);
/// Whether this version of loyalty upgrades `version` in place when it writes.
bool schema_is_upgradable(const std::string& version);

/// In an empty database, inside the caller's write transaction.
void create_ledger_schema(SqliteDatabase& database);
/// The tables and views alone, and the triggers alone: an upgrade fills the tables between.
void create_ledger_tables(SqliteDatabase& database);
void create_ledger_triggers(SqliteDatabase& database);
/// The schema version, and the built-in dictionary as the one payloads are compressed with.
void write_schema_version(SqliteDatabase& database);
/// Versions 1 to 3 to version 4, inside the caller's write transaction: every row is kept; each
/// transaction of version 1 or 2 gets its link of the chain, and the program versions that
/// recorded them become programs whose content is not known. Throws LedgerError L002 for postings
/// that are not the two sides of one delta each, which no version wrote.
void upgrade_ledger_schema(SqliteDatabase& database, const std::string& version);

/// A table, index or trigger as the schema holds it.
struct SchemaObject {
    std::string type;
    std::string name;
    std::string table;
    std::string sql;
};

/// A column and the types (SQLite's `typeof`, quoted, as "'text', 'null'") its values may have,
/// with the column that names its table's rows.
struct ColumnType {
    const char* table;
    const char* key;
    const char* column;
    const char* types;
};

/// Every column of the ledger's tables, table by table.
const std::vector<ColumnType>& column_types();

/// What `database` holds, in name order.
std::vector<SchemaObject> schema_objects(SqliteDatabase& database);
/// What a ledger of this version holds, as created.
std::vector<SchemaObject> expected_schema_objects();

}  // namespace loyalty::detail
