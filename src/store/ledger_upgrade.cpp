// Versions 1 to 3 of the ledger rewritten as version 4, in place.
#include <vector>

#include "loyalty/ledger_store.hpp"
#include "store/ledger_chain.hpp"
#include "store/ledger_compression.hpp"
#include "store/ledger_labels.hpp"
#include "store/ledger_row_writer.hpp"
#include "store/ledger_schema.hpp"

namespace loyalty::detail {
namespace {

constexpr const char* schema_version_states_every_batch = "1";
constexpr const char* schema_version_chained = "3";
constexpr std::int64_t transactions_read_at_once = 1000;

/// The old tables step aside under names of their own, with none of their indexes and triggers,
/// and the new ones are created exactly as a new ledger's, so that `verify` finds the schema as
/// created. With the legacy behaviour of ALTER TABLE, renaming a table leaves the references to it
/// in other tables as they are.
void set_old_tables_aside(SqliteDatabase& database, bool with_programs) {
    std::vector<std::string> drops;
    {
        SqliteStatement objects(database,
                                "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL");
        while (objects.step()) drops.push_back("DROP " + objects.text(0) + " \"" + objects.text(1) + "\";");
    }
    for (const std::string& drop : drops) database.execute(drop);
    database.execute(
        "PRAGMA legacy_alter_table = ON;"
        "ALTER TABLE meta RENAME TO old_meta; ALTER TABLE transactions RENAME TO old_transactions;"
        "ALTER TABLE postings RENAME TO old_postings; ALTER TABLE members RENAME TO old_members;");
    if (with_programs) database.execute("ALTER TABLE programs RENAME TO old_programs");
    database.execute("PRAGMA legacy_alter_table = OFF");
}

void copy_meta_and_programs(SqliteDatabase& database, const std::string& version) {
    database.execute("INSERT INTO meta(key, value) SELECT key, value FROM old_meta WHERE key != 'schema_version'");
    write_schema_version(database);
    if (version == schema_version_states_every_batch) {
        // Its stored states are all current: it reads as checkpointed at its last transaction.
        database.execute(
            "INSERT INTO meta(key, value) SELECT 'checkpoint', COALESCE(MAX(sequence), 0) FROM old_transactions WHERE true "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    }
    if (version == schema_version_chained) {
        database.execute("INSERT INTO programs SELECT id, digest, name, version, source FROM old_programs ORDER BY id");
    } else {
        database.execute(
            "INSERT INTO programs(digest, name, version, source) SELECT NULL, '', program_version, NULL "
            "FROM old_transactions WHERE kind != 'opening' GROUP BY program_version ORDER BY MIN(sequence)");
    }
}

struct OldTransaction {
    std::int64_t sequence = 0;
    std::int64_t program = 0;
    std::string link;
    ChainRow row;
};

std::vector<OldTransaction> read_old_transactions(SqliteDatabase& database, const std::string& version, std::int64_t after) {
    const bool chained = version == schema_version_chained;
    SqliteStatement query(
        database,
        std::string("SELECT t.sequence, COALESCE(p.id, 0), ") + (chained ? "t.chain" : "''") +
            ", t.id, t.member, t.kind, t.at, COALESCE(t.original, ''), t.fingerprint, COALESCE(p.digest, ''), "
            "COALESCE(p.name, ''), COALESCE(p.version, ''), t.payload FROM old_transactions t LEFT JOIN programs p ON " +
            (chained ? "p.id = t.program" : "p.version = t.program_version AND t.kind != 'opening'") +
            " WHERE t.sequence > ? ORDER BY t.sequence LIMIT ?");
    query.bind(1, after).bind(2, transactions_read_at_once);
    std::vector<OldTransaction> slice;
    while (query.step()) {
        OldTransaction old;
        old.sequence = query.integer(0);
        old.program = query.integer(1);
        old.link = query.text(2);
        old.row = {query.text(3), query.text(4),  query.text(5),  query.text(6),  query.text(7), query.text(8),
                   query.text(9), query.text(10), query.text(11), query.text(12), {}};
        slice.push_back(std::move(old));
    }
    return slice;
}

/// The transaction's postings as the deltas whose two sides they are: the debit, then its credit.
void pair_postings(SqliteDatabase& database, SqliteStatement& postings, ChainRow& row) {
    postings.bind(1, row.id);
    while (postings.step()) {
        const std::int64_t sequence = postings.integer(0);
        ChainDelta delta{postings.text(1), postings.text(2), postings.text(3), postings.text(4), "",
                         postings.text(5), -postings.integer(6), postings.text(7)};
        const bool paired = postings.step() && postings.text(1) == delta.id && postings.text(2) == delta.kind &&
                            postings.text(3) == delta.rule && postings.text(5) == delta.unit &&
                            postings.integer(6) == delta.amount && postings.text(7) == delta.explanation && delta.amount > 0;
        if (!paired) {
            postings.reset();
            throw LedgerError("L002", "ledger '" + database.path() + "' cannot be upgraded: postings row " +
                                          std::to_string(sequence) + " is not the debit of a delta whose credit follows "
                                          "it, as this version stores them; it is not changed");
        }
        delta.credit = postings.text(4);
        row.deltas.push_back(std::move(delta));
    }
    postings.reset();
}

void copy_transactions(SqliteDatabase& database, const std::string& version, LedgerRowWriter& writer) {
    SqliteStatement postings(database,
                             "SELECT sequence, delta_id, kind, rule, account, unit, amount, explanation FROM old_postings "
                             "WHERE transaction_id = ? ORDER BY sequence");
    std::string previous;
    std::int64_t after = 0;
    std::vector<OldTransaction> slice;
    do {
        slice = read_old_transactions(database, version, after);
        for (OldTransaction& old : slice) {
            pair_postings(database, postings, old.row);
            // A chained ledger keeps the links it has, which `verify` checks; an older one is
            // chained now, as it is.
            const std::string link = version == schema_version_chained ? old.link : chain_link(previous, old.row);
            writer.insert(old.row, old.program, link, old.sequence);
            previous = link;
            after = old.sequence;
        }
    } while (static_cast<std::int64_t>(slice.size()) == transactions_read_at_once);
}

void copy_members(SqliteDatabase& database, LedgerCompression& compression) {
    SqliteStatement old(database, "SELECT id, points, state FROM old_members ORDER BY id");
    SqliteStatement insert(database, "INSERT INTO members(id, points, state) VALUES(?, ?, ?)");
    while (old.step()) {
        insert.bind(1, old.text(0)).bind(2, old.integer(1)).bind_blob(3, compression.compress_state(old.text(2))).step();
        insert.reset();
    }
}

}  // namespace

void upgrade_ledger_schema(SqliteDatabase& database, const std::string& version) {
    set_old_tables_aside(database, version == schema_version_chained);
    create_ledger_tables(database);
    copy_meta_and_programs(database, version);
    LedgerCompression compression({{0, std::string(ledger_dictionary())}}, 0);
    LedgerLabels labels(database);
    {
        LedgerRowWriter writer(database, compression, labels);
        copy_transactions(database, version, writer);
    }
    copy_members(database, compression);
    database.execute(
        "DROP TABLE old_postings; DROP TABLE old_transactions; DROP TABLE old_members; DROP TABLE old_meta;"
        "DROP TABLE IF EXISTS old_programs;");
    create_ledger_triggers(database);
}

}  // namespace loyalty::detail
