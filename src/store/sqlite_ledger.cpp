// The ledger's schema and its writing: opening, batches, recording, checkpoints, and the lookups a
// writer needs.
#include "loyalty/sqlite_ledger.hpp"

#include <filesystem>

#include <sqlite3.h>

#include "loyalty/json.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {
namespace {

using detail::SqliteDatabase;
using detail::SqliteStatement;

/// Version 2 writes members' states at checkpoints; version 1 wrote them with every batch, so
/// its stored states are all current and it reads as version 2 checkpointed at its last transaction.
constexpr const char* schema_version = "2";
constexpr const char* schema_version_states_every_batch = "1";

constexpr const char* schema_sql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE transactions(
  sequence INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  member TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  original TEXT,
  fingerprint TEXT NOT NULL,
  program_version TEXT NOT NULL,
  payload TEXT NOT NULL);
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
CREATE TRIGGER postings_are_never_updated BEFORE UPDATE ON postings
  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER postings_are_never_deleted BEFORE DELETE ON postings
  BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER transactions_are_never_updated BEFORE UPDATE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER transactions_are_never_deleted BEFORE DELETE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
)sql";

bool schema_is_empty(SqliteDatabase& database) {
    SqliteStatement tables(database, "SELECT count(*) FROM sqlite_master");
    tables.step();
    return tables.integer(0) == 0;
}

/// "none" for a database that is not a ledger at all.
std::string stored_schema_version(SqliteDatabase& database) {
    SqliteStatement meta(database, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    meta.step();
    if (meta.integer(0) != 1) return "none";
    SqliteStatement version(database, "SELECT value FROM meta WHERE key = 'schema_version'");
    return version.step() ? version.text(0) : "none";
}

constexpr const char* find_fingerprint_sql = "SELECT fingerprint FROM transactions WHERE id = ?";
constexpr const char* find_transaction_sql = "SELECT payload FROM transactions WHERE id = ? AND kind != 'opening'";
constexpr const char* find_returns_sql = "SELECT payload FROM transactions WHERE original = ? ORDER BY sequence";
constexpr const char* find_member_sql = "SELECT state FROM members WHERE id = ?";
constexpr const char* insert_transaction_sql =
    "INSERT INTO transactions(id, member, kind, at, original, fingerprint, program_version, payload) "
    "VALUES(?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)";
constexpr const char* insert_posting_sql =
    "INSERT INTO postings(transaction_id, delta_id, kind, rule, account, unit, amount, explanation) "
    "VALUES(?, ?, ?, ?, ?, ?, ?, ?)";
/// The sequence of the last transaction whose effects the stored states hold. A ledger without the
/// key (written by schema version 1) has all of them.
constexpr const char* checkpoint_sql =
    "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'checkpoint'), "
    "(SELECT COALESCE(MAX(sequence), 0) FROM transactions))";
constexpr const char* record_checkpoint_sql =
    "INSERT INTO meta(key, value) SELECT 'checkpoint', COALESCE(MAX(sequence), 0) FROM transactions WHERE true "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
constexpr const char* transactions_after_checkpoint_sql =
    "SELECT sequence, payload, program_version FROM transactions WHERE sequence > ? AND kind != 'opening' "
    "ORDER BY sequence LIMIT ?";
constexpr std::size_t transactions_read_at_once = 1000;
constexpr const char* upsert_member_sql =
    "INSERT INTO members(id, points, state) VALUES(?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET points = excluded.points, state = excluded.state";

}  // namespace

SqliteLedger::SqliteLedger(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
SqliteLedger::~SqliteLedger() {
    if (connection_ && connection_->in_batch) rollback_batch();
}
SqliteLedger::SqliteLedger(SqliteLedger&&) noexcept = default;
SqliteLedger& SqliteLedger::operator=(SqliteLedger&&) noexcept = default;

/// Whether `path`'s write-ahead log holds transactions the database file does not.
bool log_holds_transactions(const std::string& path) {
    std::error_code no_log;
    const std::string log = path + "-wal";
    return std::filesystem::exists(log, no_log) && std::filesystem::file_size(log, no_log) > 0 && !no_log;
}

SqliteLedger SqliteLedger::open(const std::string& path, bool writable) {
    auto connection = std::make_unique<Connection>(path, writable ? detail::OpenMode::write : detail::OpenMode::read);
    if (!writable) {
        // On read-only media SQLite cannot create the shared-memory file beside the ledger: the
        // file is then read as it is, unless its log holds transactions it does not, which only a
        // writer, on writable storage, may fold in.
        try {
            schema_is_empty(connection->database);
        } catch (const LedgerError& error) {
            if (error.code() != "L003" && error.code() != "L001") throw;
            if (log_holds_transactions(path)) {
                throw LedgerError("L003", "ledger '" + path + "': its write-ahead log '" + path +
                                              "-wal' holds transactions that can be read only where the log's "
                                              "shared-memory file can be created beside it; copy the ledger's files to "
                                              "writable storage");
            }
            connection = std::make_unique<Connection>(path, detail::OpenMode::read_immutable);
        }
    }
    SqliteDatabase& database = connection->database;
    if (writable && sqlite3_db_readonly(database.handle(), "main") == 1) {
        throw LedgerError("L003", "read-only: ledger '" + path + "' cannot be written");
    }

    if (writable) {
        // Looked at and created, or upgraded, under one write lock: two processes opening a file
        // at once must not both create the schema, nor both upgrade it.
        database.execute("BEGIN IMMEDIATE");
        if (schema_is_empty(database)) {
            database.execute(schema_sql);
            SqliteStatement version(database, "INSERT INTO meta(key, value) VALUES('schema_version', ?)");
            version.bind(1, schema_version).step();
            database.execute(record_checkpoint_sql);
        } else if (stored_schema_version(database) == schema_version_states_every_batch) {
            database.execute(record_checkpoint_sql);
            SqliteStatement version(database, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
            version.bind(1, schema_version).step();
        }
        database.execute("COMMIT");
    } else if (schema_is_empty(database)) {
        throw LedgerError("L002", "ledger '" + path + "' is empty: it has no ledger schema");
    }
    const std::string found = stored_schema_version(database);
    if (found != schema_version && found != schema_version_states_every_batch) {
        throw LedgerError("L002", "ledger '" + path + "' has schema version " + found + "; this version of "
                                  "loyalty reads versions " + schema_version_states_every_batch + " and " +
                                  schema_version + " and changes nothing else");
    }
    if (writable) {
        // Survives any crash of the process; a power loss may lose the last batches, never consistency.
        database.execute("PRAGMA journal_mode = WAL");
        database.execute("PRAGMA synchronous = NORMAL");
        // Pages the indexes revisit stay in memory, and are copied from the log into the file
        // once per 40 MB of log rather than once per 4 MB: a replay spent an eighth of its time
        // in those copies.
        database.execute("PRAGMA cache_size = -65536");
        database.execute("PRAGMA wal_autocheckpoint = 10000");
        // Each line is a savepoint, whose sub-journal of the pages it changes would otherwise be
        // a temporary file written on every line.
        database.execute("PRAGMA temp_store = MEMORY");
    }
    return SqliteLedger(std::move(connection));
}

bool SqliteLedger::begin_batch() {
    SqliteDatabase& database = connection_->database;
    database.execute("BEGIN IMMEDIATE");
    connection_->in_batch = true;
    // Every commit counts itself in meta: a count other than the one this connection left
    // means another process wrote in between.
    SqliteStatement batches(database, "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'batches'), 0)");
    batches.step();
    const std::int64_t now = batches.integer(0);
    const bool changed = connection_->batches_seen != -1 && now != connection_->batches_seen;
    connection_->batches_seen = now;
    return changed;
}

void SqliteLedger::commit_batch() {
    SqliteStatement count(connection_->database,
                          "INSERT INTO meta(key, value) VALUES('batches', ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    count.bind(1, std::to_string(connection_->batches_seen + 1)).step();
    ++connection_->batches_seen;
    connection_->database.execute("COMMIT");
    connection_->in_batch = false;
}

void SqliteLedger::rollback_batch() {
    connection_->in_batch = false;
    sqlite3_exec(connection_->database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

RecordedState SqliteLedger::recorded_state(const std::string& transaction_id, std::uint64_t fingerprint) const {
    const auto query = connection_->prepared(find_fingerprint_sql);
    query->bind(1, transaction_id);
    if (!query->step()) return RecordedState::absent;
    return query->text(0) == fingerprint_text(fingerprint) ? RecordedState::same : RecordedState::different;
}

std::optional<Transaction> SqliteLedger::transaction(const std::string& transaction_id) const {
    const auto query = connection_->prepared(find_transaction_sql);
    query->bind(1, transaction_id);
    if (!query->step()) return std::nullopt;
    return transaction_from_json(query->text(0));
}

std::vector<Transaction> SqliteLedger::returns_of(const std::string& purchase_id) const {
    const auto query = connection_->prepared(find_returns_sql);
    query->bind(1, purchase_id);
    std::vector<Transaction> returns;
    while (query->step()) returns.push_back(transaction_from_json(query->text(0)));
    return returns;
}

std::optional<Member> SqliteLedger::member(const std::string& member_id) const {
    const auto query = connection_->prepared(find_member_sql);
    query->bind(1, member_id);
    if (!query->step()) return std::nullopt;
    return member_from_json(query->text(0));
}

std::vector<Member> SqliteLedger::members(std::size_t count) const {
    SqliteStatement query(connection_->database, "SELECT state FROM members ORDER BY id LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(count));
    std::vector<Member> found;
    while (query.step()) found.push_back(member_from_json(query.text(0)));
    return found;
}

bool SqliteLedger::is_ledger_id(std::string_view transaction_id) { return transaction_id.rfind("opening:", 0) == 0; }

void SqliteLedger::record(const Transaction& transaction, const Outcome& outcome, const std::vector<const Member*>& joining) {
    if (is_ledger_id(transaction.id)) {
        throw LedgerError("L010", "transaction id '" + transaction.id + "' begins with 'opening:', which the ledger keeps for "
                                  "the opening balances it records");
    }
    // One line is all or nothing within its batch: whatever fails, the batch's other lines stay.
    connection_->prepared("SAVEPOINT line")->step();
    try {
        for (const Member* member : joining) record_opening_balance(*member);
        record_postings(transaction, outcome);
    } catch (const LedgerError&) {
        connection_->prepared("ROLLBACK TO line")->step();
        connection_->prepared("RELEASE line")->step();
        throw;
    }
    connection_->prepared("RELEASE line")->step();
}

void SqliteLedger::record_postings(const Transaction& transaction, const Outcome& outcome) {
    connection_->prepared(insert_transaction_sql)
        ->bind(1, transaction.id)
        .bind(2, transaction.member_id)
        .bind(3, to_string(transaction.kind))
        .bind(4, transaction.at.to_string())
        .bind(5, transaction.original_transaction_id)
        .bind(6, fingerprint_text(outcome.transaction_fingerprint))
        .bind(7, outcome.program_version)
        .bind(8, to_json(transaction))
        .step();
    for (const Delta& delta : outcome.deltas) {
        for (const Posting& posting : delta.postings()) {
            connection_->prepared(insert_posting_sql)
                ->bind(1, transaction.id)
                .bind(2, delta.id)
                .bind(3, to_string(delta.kind))
                .bind(4, delta.rule_id)
                .bind(5, posting.account.to_string())
                .bind(6, posting.unit)
                .bind(7, posting.amount)
                .bind(8, delta.explanation)
                .step();
        }
    }
}

void SqliteLedger::record_checkpoint(const std::vector<const Member*>& changed) {
    for (const Member* member : changed) store_state(*member);
    connection_->prepared(record_checkpoint_sql)->step();
}

void SqliteLedger::for_each_transaction_after_checkpoint(
    const std::function<void(const Transaction&, const std::string& program_version)>& visit) const {
    // Read in slices, each finished before its transactions are visited: a visitor may query the
    // ledger, and memory stays bounded however long the run since the checkpoint was.
    std::int64_t after = checkpoint();
    std::vector<std::pair<std::string, std::string>> slice;
    do {
        slice.clear();
        {
            const auto query = connection_->prepared(transactions_after_checkpoint_sql);
            query->bind(1, after).bind(2, static_cast<std::int64_t>(transactions_read_at_once));
            while (query->step()) {
                after = query->integer(0);
                slice.emplace_back(query->text(1), query->text(2));
            }
        }
        for (const auto& [payload, program_version] : slice) visit(transaction_from_json(payload), program_version);
    } while (slice.size() == transactions_read_at_once);
}

std::int64_t SqliteLedger::checkpoint() const {
    const auto query = connection_->prepared(checkpoint_sql);
    query->step();
    return query->integer(0);
}

void SqliteLedger::store_state(const Member& member) {
    connection_->prepared(upsert_member_sql)->bind(1, member.id).bind(2, member.points().value).bind(3, to_json(member)).step();
}

void SqliteLedger::record_opening_balance(const Member& member) {
    const std::string id = "opening:" + member.id;
    connection_->prepared("INSERT INTO transactions(id, member, kind, at, fingerprint, program_version, payload) "
                          "VALUES(?, ?, 'opening', '', '', '', ?)")
        ->bind(1, id)
        .bind(2, member.id)
        .bind(3, to_json(member))
        .step();
    const std::int64_t opening = member.points().value;
    if (opening != 0) {
        const std::string explanation = "Opening balance of " + std::to_string(opening) + " points carried into this ledger.";
        const std::pair<Account, std::int64_t> postings[] = {{{AccountKind::program_points_issued, ""}, -opening},
                                                             {{AccountKind::member_points, member.id}, opening}};
        for (const auto& [account, amount] : postings) {
            connection_->prepared(insert_posting_sql)
                ->bind(1, id)
                .bind(2, id)
                .bind(3, "opening")
                .bind(4, "opening-balance")
                .bind(5, account.to_string())
                .bind(6, "points")
                .bind(7, amount)
                .bind(8, explanation)
                .step();
        }
    }
    store_state(member);
}

}  // namespace loyalty
