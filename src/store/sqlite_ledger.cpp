// The ledger's writing: batches, recording, checkpoints, and the lookups a writer needs.
#include "loyalty/sqlite_ledger.hpp"

#include <sqlite3.h>

#include "loyalty/json.hpp"
#include "store/ledger_chain.hpp"
#include "store/ledger_dictionaries.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {
namespace {

using detail::ChainDelta;
using detail::ChainRow;
using detail::SqliteDatabase;
using detail::SqliteStatement;

constexpr const char* find_fingerprint_sql = "SELECT fingerprint FROM transactions WHERE id = ?";
constexpr const char* find_member_sql = "SELECT state FROM members WHERE id = ?";
constexpr const char* find_program_sql = "SELECT id FROM programs WHERE digest = ?";
constexpr const char* insert_program_sql = "INSERT INTO programs(digest, name, version, source) VALUES(?, ?, ?, ?)";
constexpr const char* chain_head_sql = "SELECT chain FROM transactions ORDER BY sequence DESC LIMIT 1";
/// The sequence of the last transaction whose effects the stored states hold.
constexpr const char* checkpoint_sql = "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'checkpoint'), 0)";
constexpr const char* record_checkpoint_sql =
    "INSERT INTO meta(key, value) SELECT 'checkpoint', COALESCE(MAX(sequence), 0) FROM transactions WHERE true "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
constexpr const char* transactions_after_checkpoint_sql =
    "SELECT t.sequence, t.payload, p.digest, COALESCE(p.name, ''), COALESCE(p.version, '') "
    "FROM transactions t LEFT JOIN programs p ON p.id = t.program "
    "WHERE t.sequence > ? AND t.kind != 'opening' ORDER BY t.sequence LIMIT ?";
constexpr std::size_t transactions_read_at_once = 1000;
constexpr const char* upsert_member_sql =
    "INSERT INTO members(id, points, state) VALUES(?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET points = excluded.points, state = excluded.state";

}  // namespace

void SqliteLedger::Connection::open_stores(bool writable) {
    compression = detail::load_compression(database);
    if (!writable) return;
    labels = std::make_unique<detail::LedgerLabels>(database);
    row_writer = std::make_unique<detail::LedgerRowWriter>(database, *compression, *labels);
}

SqliteLedger::SqliteLedger(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
SqliteLedger::~SqliteLedger() {
    if (connection_ && connection_->in_batch) rollback_batch();
}
SqliteLedger::SqliteLedger(SqliteLedger&&) noexcept = default;
SqliteLedger& SqliteLedger::operator=(SqliteLedger&&) noexcept = default;

bool SqliteLedger::tune_process_for_throughput() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

bool SqliteLedger::begin_batch(LineFailure on_line_failure) {
    SqliteDatabase& database = connection_->database;
    database.execute("BEGIN IMMEDIATE");
    connection_->in_batch = true;
    connection_->on_line_failure = on_line_failure;
    // Every commit counts itself in meta: a count other than the one this connection left
    // means another process wrote in between.
    SqliteStatement batches(database, "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'batches'), 0)");
    batches.step();
    const std::int64_t now = batches.integer(0);
    const bool changed = connection_->batches_seen != -1 && now != connection_->batches_seen;
    connection_->batches_seen = now;
    connection_->program_rows.clear();
    connection_->chain_head = chain_head();
    detail::sync_payload_dictionary(database, *connection_->compression);
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
    // The batch may have added labels, or trained the payloads' dictionary: what the file holds
    // now is what counts.
    if (connection_->labels) connection_->open_stores(true);
}

RecordedState SqliteLedger::recorded_state(const Transaction& transaction) const {
    const auto query = connection_->prepared(find_fingerprint_sql);
    query->bind(1, transaction.id);
    if (!query->step()) return RecordedState::absent;
    const auto recorded = fingerprint_from_text(detail::hex_column(*query, 0));
    return recorded && fingerprint_matches(*recorded, transaction) ? RecordedState::same : RecordedState::different;
}

std::optional<Member> SqliteLedger::member(const std::string& member_id) const {
    const auto query = connection_->prepared(find_member_sql);
    query->bind(1, member_id);
    if (!query->step()) return std::nullopt;
    return member_from_json(connection_->compression->decompress(query->blob(0)));
}

void SqliteLedger::record(const Program& program, const Transaction& transaction, const Outcome& outcome,
                          const std::vector<const Member*>& joining) {
    if (is_ledger_id(transaction.id)) {
        throw LedgerError("L010", "transaction id '" + transaction.id + "' begins with 'opening:', which the ledger keeps for "
                                  "the opening balances it records");
    }
    if (outcome.program_digest != program.digest() || outcome.transaction_id != transaction.id) {
        throw LedgerError("L011", "the outcome of transaction '" + outcome.transaction_id + "' was evaluated by program " +
                                  outcome.program_digest.to_hex() + ", not by the program '" + program.name() +
                                  "' it is recorded under (" + program.digest().to_hex() + "), or for another transaction");
    }
    const auto write = [&] {
        for (const Member* member : joining) record_opening_balance(*member);
        record_postings(program, transaction, outcome, program_row(program));
    };
    switch (connection_->on_line_failure) {
        case LineFailure::leaves_the_batch: break;
        case LineFailure::fails_the_batch:
            // The caller rolls the batch back when a line fails: a savepoint per line would buy
            // nothing.
            write();
            return;
    }
    // One line is all or nothing within its batch: whatever fails, the batch's other lines stay.
    const std::string head = connection_->chain_head;
    connection_->prepared("SAVEPOINT line")->step();
    try {
        write();
    } catch (const LedgerError&) {
        connection_->prepared("ROLLBACK TO line")->step();
        connection_->prepared("RELEASE line")->step();
        connection_->chain_head = head;
        // A program row or a label this line added is gone with it; they are found again from the file.
        connection_->program_rows.clear();
        connection_->labels->forget();
        throw;
    }
    connection_->prepared("RELEASE line")->step();
}

std::int64_t SqliteLedger::program_row(const Program& program) {
    const std::string digest = program.digest().to_hex();
    if (const auto known = connection_->program_rows.find(digest); known != connection_->program_rows.end()) {
        return known->second;
    }
    std::int64_t row = 0;
    {
        const auto query = connection_->prepared(find_program_sql);
        query->bind(1, digest);
        if (query->step()) row = query->integer(0);
    }
    if (row == 0) {
        connection_->prepared(insert_program_sql)
            ->bind(1, digest)
            .bind(2, program.name())
            .bind(3, program.version())
            .bind(4, program.source())
            .step();
        row = sqlite3_last_insert_rowid(connection_->database.handle());
    }
    connection_->program_rows.emplace(digest, row);
    return row;
}

void SqliteLedger::record_postings(const Program& program, const Transaction& transaction, const Outcome& outcome,
                                   std::int64_t program_row) {
    ChainRow row;
    row.id = transaction.id;
    row.member = transaction.member_id;
    row.kind = std::string(to_string(transaction.kind));
    row.at = transaction.at.to_string();
    row.original = transaction.original_transaction_id;
    row.fingerprint = fingerprint_text(outcome.transaction_fingerprint);
    row.program_digest = outcome.program_digest.to_hex();
    row.program_name = outcome.program_name;
    row.program_version = outcome.program_version;
    row.payload = to_json(transaction);
    for (std::size_t position = 0; position < outcome.deltas.size(); ++position) {
        const Delta& delta = outcome.deltas[position];
        std::string explanation;
        if (auto error = program.append_explanation(explanation, outcome, position)) {
            throw LedgerError("L012", "transaction '" + transaction.id + "': " + error->code + ": " + error->message);
        }
        row.deltas.push_back({outcome.delta_id(delta), std::string(to_string(delta.kind)), std::string(outcome.rule_id(delta)),
                              outcome.account(delta, delta.debit).to_string(), outcome.account(delta, delta.credit).to_string(),
                              outcome.unit(delta), delta.amount, std::move(explanation)});
    }
    insert_row(row, program_row);
}

void SqliteLedger::insert_row(const ChainRow& row, std::int64_t program) {
    const std::string link = detail::chain_link(connection_->chain_head, row);
    connection_->row_writer->insert(row, program, link);
    connection_->chain_head = link;
}

void SqliteLedger::record_checkpoint(const std::vector<const Member*>& changed) {
    for (const Member* member : changed) store_state(*member);
    connection_->prepared(record_checkpoint_sql)->step();
}

void SqliteLedger::for_each_transaction_after_checkpoint(
    const std::function<void(const Transaction&, const RecordedProgram&)>& visit) const {
    // Read in slices, each finished before its transactions are visited: a visitor may query the
    // ledger, and memory stays bounded however long the run since the checkpoint was.
    std::int64_t after = checkpoint();
    std::vector<std::pair<std::string, RecordedProgram>> slice;
    do {
        slice.clear();
        {
            const auto query = connection_->prepared(transactions_after_checkpoint_sql);
            query->bind(1, after).bind(2, static_cast<std::int64_t>(transactions_read_at_once));
            while (query->step()) {
                after = query->integer(0);
                RecordedProgram program;
                if (!query->is_null(2)) program.digest = ProgramDigest::from_hex(query->text(2));
                program.name = query->text(3);
                program.version = query->text(4);
                slice.emplace_back(connection_->compression->decompress(query->blob(1)), std::move(program));
            }
        }
        for (const auto& [payload, program] : slice) visit(transaction_from_json(payload), program);
    } while (slice.size() == transactions_read_at_once);
}

std::int64_t SqliteLedger::checkpoint() const {
    const auto query = connection_->prepared(checkpoint_sql);
    query->step();
    return query->integer(0);
}

void SqliteLedger::store_state(const Member& member) {
    connection_->prepared(upsert_member_sql)
        ->bind(1, member.id)
        .bind(2, member.points().value)
        .bind_blob(3, connection_->compression->compress_state(to_json(member)))
        .step();
}

void SqliteLedger::record_opening_balance(const Member& member) {
    ChainRow row;
    row.id = "opening:" + member.id;
    row.member = member.id;
    row.kind = "opening";
    row.payload = to_json(member);
    const std::int64_t opening = member.points().value;
    if (opening != 0) {
        const std::string explanation = "Opening balance of " + std::to_string(opening) + " points carried into this ledger.";
        row.deltas.push_back({row.id, "opening", "opening-balance", Account{AccountKind::program_points_issued, ""}.to_string(),
                              Account{AccountKind::member_points, member.id}.to_string(), "points", opening, explanation});
    }
    insert_row(row, 0);
    store_state(member);
}

std::string SqliteLedger::chain_head() const {
    const auto head = connection_->prepared(chain_head_sql);
    return head->step() ? detail::hex_column(*head, 0) : std::string();
}

}  // namespace loyalty
