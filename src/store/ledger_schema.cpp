#include "store/ledger_schema.hpp"

#include <utility>

#include "loyalty/ledger_store.hpp"
#include "store/ledger_compression.hpp"

namespace loyalty::detail {
namespace {

constexpr const char* tables_sql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE dictionaries(id INTEGER PRIMARY KEY, content BLOB NOT NULL);
CREATE TABLE programs(
  id INTEGER PRIMARY KEY,
  digest TEXT UNIQUE,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source TEXT);
CREATE TABLE accounts(key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE units(key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE rules(key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE explanations(key INTEGER PRIMARY KEY, text TEXT NOT NULL, hash INTEGER NOT NULL);
CREATE INDEX explanations_by_hash ON explanations(hash);
CREATE TABLE transactions(
  sequence INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  member TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  original TEXT,
  fingerprint BLOB NOT NULL,
  program INTEGER REFERENCES programs(id),
  payload BLOB NOT NULL,
  delta_count INTEGER NOT NULL,
  chain BLOB NOT NULL);
CREATE INDEX transactions_by_original ON transactions(original) WHERE original IS NOT NULL;
CREATE TABLE deltas(
  transaction_sequence INTEGER NOT NULL REFERENCES transactions(sequence),
  position INTEGER NOT NULL,
  id TEXT,
  kind TEXT NOT NULL,
  rule INTEGER NOT NULL REFERENCES rules(key),
  debit INTEGER NOT NULL REFERENCES accounts(key),
  credit INTEGER NOT NULL REFERENCES accounts(key),
  unit INTEGER NOT NULL REFERENCES units(key),
  amount INTEGER NOT NULL,
  explanation INTEGER NOT NULL REFERENCES explanations(key),
  PRIMARY KEY(transaction_sequence, position)) WITHOUT ROWID;
CREATE INDEX deltas_by_member_debit ON deltas(debit) WHERE debit > 0;
CREATE INDEX deltas_by_member_credit ON deltas(credit) WHERE credit > 0;
CREATE TABLE members(id TEXT PRIMARY KEY, points INTEGER NOT NULL, state BLOB NOT NULL);
CREATE VIEW postings AS
  SELECT d.transaction_sequence, 2 * d.position - 1 + side.credit AS posting, t.id AS transaction_id, t.at,
         COALESCE(d.id, t.id || '/' || r.name || '@' || p.version) AS delta_id, d.kind, r.name AS rule,
         a.name AS account, u.name AS unit, CASE side.credit WHEN 1 THEN d.amount ELSE -d.amount END AS amount,
         e.text AS explanation
  FROM deltas d CROSS JOIN (SELECT 0 AS credit UNION ALL SELECT 1) side
  JOIN transactions t ON t.sequence = d.transaction_sequence LEFT JOIN programs p ON p.id = t.program
  JOIN rules r ON r.key = d.rule JOIN units u ON u.key = d.unit JOIN explanations e ON e.key = d.explanation
  JOIN accounts a ON a.key = CASE side.credit WHEN 1 THEN d.credit ELSE d.debit END;
)sql";

/// Every table but meta and members is append-only.
constexpr const char* triggers_sql = R"sql(
CREATE TRIGGER dictionaries_are_never_updated BEFORE UPDATE ON dictionaries
  BEGIN SELECT RAISE(ABORT, 'dictionaries are append-only'); END;
CREATE TRIGGER dictionaries_are_never_deleted BEFORE DELETE ON dictionaries
  BEGIN SELECT RAISE(ABORT, 'dictionaries are append-only'); END;
CREATE TRIGGER deltas_are_never_updated BEFORE UPDATE ON deltas
  BEGIN SELECT RAISE(ABORT, 'deltas are append-only'); END;
CREATE TRIGGER deltas_are_never_deleted BEFORE DELETE ON deltas
  BEGIN SELECT RAISE(ABORT, 'deltas are append-only'); END;
CREATE TRIGGER transactions_are_never_updated BEFORE UPDATE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER transactions_are_never_deleted BEFORE DELETE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER programs_are_never_updated BEFORE UPDATE ON programs
  BEGIN SELECT RAISE(ABORT, 'programs are append-only'); END;
CREATE TRIGGER programs_are_never_deleted BEFORE DELETE ON programs
  BEGIN SELECT RAISE(ABORT, 'programs are append-only'); END;
CREATE TRIGGER accounts_are_never_changed BEFORE UPDATE ON accounts
  BEGIN SELECT RAISE(ABORT, 'accounts are append-only'); END;
CREATE TRIGGER units_are_never_changed BEFORE UPDATE ON units
  BEGIN SELECT RAISE(ABORT, 'units are append-only'); END;
CREATE TRIGGER rules_are_never_changed BEFORE UPDATE ON rules
  BEGIN SELECT RAISE(ABORT, 'rules are append-only'); END;
CREATE TRIGGER explanations_are_never_changed BEFORE UPDATE ON explanations
  BEGIN SELECT RAISE(ABORT, 'explanations are append-only'); END;
)sql";

}  // namespace

bool schema_is_empty(SqliteDatabase& database) {
    SqliteStatement tables(database, "SELECT count(*) FROM sqlite_master");
    tables.step();
    return tables.integer(0) == 0;
}

std::string stored_schema_version(SqliteDatabase& database) {
    SqliteStatement meta(database, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    meta.step();
    if (meta.integer(0) != 1) return "none";
    SqliteStatement version(database, "SELECT value FROM meta WHERE key = 'schema_version'");
    return version.step() ? version.text(0) : "none";
}

bool schema_is_upgradable(const std::string& version) { return version == "1" || version == "2" || version == "3"; }

void create_ledger_tables(SqliteDatabase& database) { database.execute(tables_sql); }

void create_ledger_triggers(SqliteDatabase& database) { database.execute(triggers_sql); }

void create_ledger_schema(SqliteDatabase& database) {
    create_ledger_tables(database);
    create_ledger_triggers(database);
    database.execute("INSERT INTO meta(key, value) VALUES('checkpoint', '0')");
    write_schema_version(database);
}

void write_schema_version(SqliteDatabase& database) {
    SqliteStatement meta(database,
                         "INSERT INTO meta(key, value) VALUES('schema_version', ?), ('payload_dictionary', '0') "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    meta.bind(1, ledger_schema_version).step();
    SqliteStatement dictionary(database, "INSERT INTO dictionaries(id, content) VALUES(0, ?)");
    dictionary.bind_blob(1, ledger_dictionary()).step();
}

const std::vector<ColumnType>& column_types() {
    static constexpr const char* delta_key = "transaction_sequence || '/' || position";
    static const std::vector<ColumnType> columns = {
        {"transactions", "sequence", "id", "'text'"},
        {"transactions", "sequence", "member", "'text'"},
        {"transactions", "sequence", "kind", "'text'"},
        {"transactions", "sequence", "at", "'text'"},
        {"transactions", "sequence", "original", "'text', 'null'"},
        {"transactions", "sequence", "fingerprint", "'blob'"},
        {"transactions", "sequence", "program", "'integer', 'null'"},
        {"transactions", "sequence", "payload", "'blob'"},
        {"transactions", "sequence", "delta_count", "'integer'"},
        {"transactions", "sequence", "chain", "'blob'"},
        {"deltas", delta_key, "transaction_sequence", "'integer'"},
        {"deltas", delta_key, "position", "'integer'"},
        {"deltas", delta_key, "id", "'text', 'null'"},
        {"deltas", delta_key, "kind", "'text'"},
        {"deltas", delta_key, "rule", "'integer'"},
        {"deltas", delta_key, "debit", "'integer'"},
        {"deltas", delta_key, "credit", "'integer'"},
        {"deltas", delta_key, "unit", "'integer'"},
        {"deltas", delta_key, "amount", "'integer'"},
        {"deltas", delta_key, "explanation", "'integer'"},
        {"accounts", "key", "name", "'text'"},
        {"units", "key", "name", "'text'"},
        {"rules", "key", "name", "'text'"},
        {"explanations", "key", "text", "'text'"},
        {"explanations", "key", "hash", "'integer'"},
        {"members", "id", "id", "'text'"},
        {"members", "id", "points", "'integer'"},
        {"members", "id", "state", "'blob'"},
        {"dictionaries", "id", "content", "'blob'"},
        {"programs", "id", "digest", "'text', 'null'"},
        {"programs", "id", "name", "'text'"},
        {"programs", "id", "version", "'text'"},
        {"programs", "id", "source", "'text', 'null'"},
    };
    return columns;
}

std::vector<SchemaObject> schema_objects(SqliteDatabase& database) {
    SqliteStatement query(database,
                          "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master ORDER BY name, type");
    std::vector<SchemaObject> objects;
    while (query.step()) objects.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
    return objects;
}

std::vector<SchemaObject> expected_schema_objects() {
    SqliteDatabase fresh(":memory:", OpenMode::write);
    create_ledger_schema(fresh);
    return schema_objects(fresh);
}

}  // namespace loyalty::detail
