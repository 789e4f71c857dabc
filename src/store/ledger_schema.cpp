#include "store/ledger_schema.hpp"

#include "store/ledger_chain.hpp"
#include "store/ledger_rows.hpp"

namespace loyalty::detail {
namespace {

constexpr const char* tables_sql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE programs(
  id INTEGER PRIMARY KEY,
  digest TEXT UNIQUE,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source TEXT);
CREATE TABLE transactions(
  sequence INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  member TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  original TEXT,
  fingerprint TEXT NOT NULL,
  program INTEGER REFERENCES programs(id),
  payload TEXT NOT NULL,
  posting_count INTEGER NOT NULL,
  chain TEXT NOT NULL);
CREATE INDEX transactions_by_original ON transactions(original) WHERE original IS NOT NULL;
CREATE TABLE postings(
  sequence INTEGER PRIMARY KEY,
  transaction_id TEXT NOT NULL REFERENCES transactions(id),
  delta_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  rule TEXT NOT NULL,
  account TEXT NOT NULL,
  unit TEXT NOT NULL,
  amount INTEGER NOT NULL,
  explanation TEXT NOT NULL);
CREATE INDEX postings_by_account ON postings(account);
CREATE INDEX postings_by_transaction ON postings(transaction_id);
CREATE TABLE members(id TEXT PRIMARY KEY, points INTEGER NOT NULL, state TEXT NOT NULL);
)sql";

constexpr const char* triggers_sql = R"sql(
CREATE TRIGGER postings_are_never_updated BEFORE UPDATE ON postings
  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER postings_are_never_deleted BEFORE DELETE ON postings
  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER transactions_are_never_updated BEFORE UPDATE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER transactions_are_never_deleted BEFORE DELETE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER programs_are_never_updated BEFORE UPDATE ON programs
  BEGIN SELECT RAISE(ABORT, 'programs are append-only'); END;
CREATE TRIGGER programs_are_never_deleted BEFORE DELETE ON programs
  BEGIN SELECT RAISE(ABORT, 'programs are append-only'); END;
)sql";

constexpr const char* schema_version_states_every_batch = "1";

/// Gives every transaction its link, in order.
void link_transactions(SqliteDatabase& database) {
    std::string previous;
    SqliteStatement update(database, "UPDATE transactions SET chain = ? WHERE sequence = ?");
    for_each_stored_transaction(database, [&](const StoredTransaction& stored) {
        previous = chain_link(previous, stored.row);
        update.bind(1, previous).bind(2, stored.sequence).step();
        update.reset();
    });
}

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

bool schema_is_upgradable(const std::string& version) { return version == "1" || version == "2"; }

void create_ledger_schema(SqliteDatabase& database) {
    database.execute(tables_sql);
    database.execute(triggers_sql);
    SqliteStatement version(database, "INSERT INTO meta(key, value) VALUES('schema_version', ?)");
    version.bind(1, ledger_schema_version).step();
    database.execute("INSERT INTO meta(key, value) VALUES('checkpoint', '0')");
}

void upgrade_ledger_schema(SqliteDatabase& database, const std::string& version) {
    // The old tables step aside under names of their own, and the new ones are created exactly as
    // a new ledger's, so that `verify` finds the schema as created. With the legacy behaviour of
    // ALTER TABLE, renaming a table leaves the references to it in other tables as they are.
    database.execute(
        "DROP TRIGGER IF EXISTS postings_are_never_updated; DROP TRIGGER IF EXISTS postings_are_never_deleted;"
        "DROP TRIGGER IF EXISTS transactions_are_never_updated; DROP TRIGGER IF EXISTS transactions_are_never_deleted;"
        "DROP INDEX IF EXISTS transactions_by_original; DROP INDEX IF EXISTS postings_by_account;"
        "DROP INDEX IF EXISTS postings_by_transaction; PRAGMA legacy_alter_table = ON;"
        "ALTER TABLE meta RENAME TO old_meta; ALTER TABLE transactions RENAME TO old_transactions;"
        "ALTER TABLE postings RENAME TO old_postings; ALTER TABLE members RENAME TO old_members;"
        "PRAGMA legacy_alter_table = OFF;");
    database.execute(tables_sql);
    database.execute(
        "INSERT INTO meta(key, value) SELECT key, value FROM old_meta;"
        "INSERT INTO programs(digest, name, version, source) SELECT NULL, '', program_version, NULL "
        "  FROM old_transactions WHERE kind != 'opening' GROUP BY program_version ORDER BY MIN(sequence);"
        "INSERT INTO transactions(sequence, id, member, kind, at, original, fingerprint, program, payload, posting_count, chain) "
        "  SELECT t.sequence, t.id, t.member, t.kind, t.at, t.original, t.fingerprint, "
        "    (SELECT p.id FROM programs p WHERE p.version = t.program_version AND t.kind != 'opening'), "
        "    t.payload, COALESCE(c.postings, 0), '' "
        "  FROM old_transactions t LEFT JOIN "
        "    (SELECT transaction_id, count(*) AS postings FROM old_postings GROUP BY transaction_id) c "
        "    ON c.transaction_id = t.id ORDER BY t.sequence;"
        "INSERT INTO postings SELECT * FROM old_postings ORDER BY sequence;"
        "INSERT INTO members SELECT * FROM old_members;"
        "DROP TABLE old_postings; DROP TABLE old_transactions; DROP TABLE old_members; DROP TABLE old_meta;");
    if (version == schema_version_states_every_batch) {
        // Its stored states are all current: it reads as checkpointed at its last transaction.
        database.execute(
            "INSERT INTO meta(key, value) SELECT 'checkpoint', COALESCE(MAX(sequence), 0) FROM transactions WHERE true "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    }
    link_transactions(database);
    database.execute(triggers_sql);
    SqliteStatement update(database, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
    update.bind(1, ledger_schema_version).step();
}

const std::vector<ColumnType>& column_types() {
    static const std::vector<ColumnType> columns = {
        {"transactions", "sequence", "id", "'text'"},
        {"transactions", "sequence", "member", "'text'"},
        {"transactions", "sequence", "kind", "'text'"},
        {"transactions", "sequence", "at", "'text'"},
        {"transactions", "sequence", "original", "'text', 'null'"},
        {"transactions", "sequence", "fingerprint", "'text'"},
        {"transactions", "sequence", "program", "'integer', 'null'"},
        {"transactions", "sequence", "payload", "'text'"},
        {"transactions", "sequence", "posting_count", "'integer'"},
        {"transactions", "sequence", "chain", "'text'"},
        {"postings", "sequence", "transaction_id", "'text'"},
        {"postings", "sequence", "delta_id", "'text'"},
        {"postings", "sequence", "kind", "'text'"},
        {"postings", "sequence", "rule", "'text'"},
        {"postings", "sequence", "account", "'text'"},
        {"postings", "sequence", "unit", "'text'"},
        {"postings", "sequence", "amount", "'integer'"},
        {"postings", "sequence", "explanation", "'text'"},
        {"members", "id", "id", "'text'"},
        {"members", "id", "points", "'integer'"},
        {"members", "id", "state", "'text'"},
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
