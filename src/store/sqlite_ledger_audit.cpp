// `verify`: an audit of a ledger file, from SQLite's own integrity check to evaluating every
// transaction again.
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "loyalty/json.hpp"
#include "loyalty/sqlite_ledger.hpp"
#include "store/ledger_accounts.hpp"
#include "store/ledger_audit_report.hpp"
#include "store/ledger_chain.hpp"
#include "store/ledger_labels.hpp"
#include "store/ledger_member_states.hpp"
#include "store/ledger_reevaluation.hpp"
#include "store/ledger_rows.hpp"
#include "store/ledger_schema.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {

using detail::ChainDelta;
using detail::SqliteDatabase;
using detail::SqliteStatement;
using detail::StoredTransaction;

namespace {

using detail::member_row;
using detail::transaction_row;

class Audit {
public:
    Audit(SqliteDatabase& database, detail::LedgerCompression& compression, const VerifyOptions& options,
          LedgerVerification& result)
        : database_(database),
          compression_(compression),
          options_(options),
          result_(result),
          report_(result, options.problems_listed_per_code) {}

    void run() {
        if (!check_integrity() || !check_schema()) return;
        readable([&] {
            check_meta();
            check_types();
            check_references();
            check_programs();
            walk_transactions();
            check_member_states();
            if (options_.deep) evaluate_again();
        });
    }

private:
    void problem(const std::string& code, const std::string& row, const std::string& message) {
        report_.problem(code, row, message);
    }

    /// Runs `check`; a file too damaged to be read on is a problem of its own, and the audit stops.
    template <typename Check>
    bool readable(Check check) {
        try {
            check();
            return true;
        } catch (const LedgerError& error) {
            problem("V001", "file", std::string("the ledger cannot be read on: ") + error.what());
            return false;
        }
    }

    /// A damaged page or index is reported and read around; false for a file that cannot be read at all.
    bool check_integrity() {
        return readable([&] {
            SqliteStatement check(database_, "PRAGMA integrity_check(100)");
            while (check.step()) {
                const std::string message = check.text(0);
                if (message != "ok") problem("V001", "file", "SQLite's integrity check: " + message);
            }
        });
    }

    /// False when a table is missing or other than created: nothing further can be read safely.
    bool check_schema() {
        const auto expected = detail::expected_schema_objects();
        const auto found = detail::schema_objects(database_);
        std::map<std::string, const detail::SchemaObject*> by_name;
        for (const auto& object : found) by_name[object.name] = &object;
        bool tables_sound = true;
        for (const auto& object : expected) {
            const auto present = by_name.find(object.name);
            if (present == by_name.end()) {
                problem("V002", "schema", "the " + object.type + " '" + object.name + "' is missing" +
                                              (object.type == "trigger" ? ": the rows it guards can be changed" : ""));
                tables_sound = tables_sound && object.type != "table";
                continue;
            }
            if (present->second->type != object.type || present->second->table != object.table ||
                present->second->sql != object.sql) {
                problem("V002", "schema", "the " + object.type + " '" + object.name + "' is not as the ledger created it");
                tables_sound = tables_sound && object.type != "table";
            }
            by_name.erase(present);
        }
        for (const auto& [name, object] : by_name) {
            problem("V002", "schema", "the " + object->type + " '" + name + "' is not one the ledger creates");
        }
        return tables_sound;
    }

    void check_meta() {
        SqliteStatement meta(database_, "SELECT value FROM meta WHERE key = 'checkpoint'");
        const auto last = [&] {
            SqliteStatement query(database_, "SELECT COALESCE(MAX(sequence), 0) FROM transactions");
            query.step();
            return query.integer(0);
        }();
        std::size_t used = 0;
        const std::string text = meta.step() ? meta.text(0) : std::string();
        try {
            checkpoint_ = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text.size() || checkpoint_ < 0 || checkpoint_ > last) {
            problem("V004", "meta row 'checkpoint'",
                    "'" + text + "' is not the sequence of a recorded transaction (0 to " + std::to_string(last) + ")");
            checkpoint_ = last;
        }
    }

    /// Every column holds the type the ledger writes: SQLite would sum a text '28abc' as 28.
    void check_types() {
        const auto& columns = detail::column_types();
        // One scan of each table for all its columns: a table is read once, however many columns it has.
        for (std::size_t first = 0; first < columns.size();) {
            std::size_t end = first;
            std::string select = std::string("SELECT ") + columns[first].key;
            std::string where;
            for (; end < columns.size() && std::string_view(columns[end].table) == columns[first].table; ++end) {
                const detail::ColumnType& column = columns[end];
                select += std::string(", typeof(") + column.column + "), CAST(" + column.column + " AS TEXT)";
                where += std::string(where.empty() ? "" : " OR ") + "typeof(" + column.column + ") NOT IN (" + column.types + ")";
            }
            SqliteStatement query(database_, select + " FROM " + columns[first].table + " WHERE " + where);
            while (query.step()) {
                const std::string row = std::string(columns[first].table) + " row " +
                                        (std::string_view(columns[first].key) == "id" ? "'" + query.text(0) + "'" : query.text(0));
                for (std::size_t i = first; i < end; ++i) {
                    const int at = 1 + 2 * static_cast<int>(i - first);
                    const std::string type = query.text(at);
                    if (std::string_view(columns[i].types).find("'" + type + "'") != std::string_view::npos) continue;
                    problem("V004", row, std::string("its ") + columns[i].column + " is stored as " + type + " ('" +
                                             query.text(at + 1) + "'), not as the ledger writes it");
                }
            }
            first = end;
        }
    }

    void check_references() {
        SqliteStatement keys(database_, "PRAGMA foreign_key_check");
        while (keys.step()) {
            // A delta has no rowid to name it by: its own check below names it.
            if (keys.text(0) == "deltas") continue;
            problem("V003", keys.text(0) + " row " + std::to_string(keys.integer(1)),
                    "it names a " + keys.text(2) + " row that does not exist");
        }
        check_delta_references();
        check_labels();
        SqliteStatement members(database_, "SELECT id FROM members");
        while (members.step()) members_.insert(members.text(0));
        SqliteStatement unknown(database_,
                                "SELECT sequence, id, member FROM transactions t "
                                "WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = t.member) ORDER BY sequence");
        while (unknown.step()) {
            problem("V005", "transactions row " + std::to_string(unknown.integer(0)) + " ('" + unknown.text(1) + "')",
                    "its member '" + unknown.text(2) + "' has no members row");
        }
        SqliteStatement unopened(database_,
                                 "SELECT id FROM members m WHERE NOT EXISTS "
                                 "(SELECT 1 FROM transactions t WHERE t.id = 'opening:' || m.id AND t.kind = 'opening') ORDER BY id");
        while (unopened.step()) {
            problem("V005", member_row(unopened.text(0)), "the member has no opening row: it never joined this ledger");
        }
    }

    /// Every key a delta holds names a row: its transaction, rule, accounts, unit and explanation.
    void check_delta_references() {
        SqliteStatement dangling(database_,
                                 "SELECT d.transaction_sequence, d.position, t.sequence IS NULL, r.key IS NULL, "
                                 "a.key IS NULL OR c.key IS NULL, u.key IS NULL, e.key IS NULL FROM deltas d "
                                 "LEFT JOIN transactions t ON t.sequence = d.transaction_sequence "
                                 "LEFT JOIN rules r ON r.key = d.rule LEFT JOIN accounts a ON a.key = d.debit "
                                 "LEFT JOIN accounts c ON c.key = d.credit LEFT JOIN units u ON u.key = d.unit "
                                 "LEFT JOIN explanations e ON e.key = d.explanation WHERE t.sequence IS NULL OR "
                                 "r.key IS NULL OR a.key IS NULL OR c.key IS NULL OR u.key IS NULL OR e.key IS NULL");
        while (dangling.step()) {
            const std::string row = detail::delta_row(dangling.integer(0), dangling.integer(1));
            if (dangling.integer(2) != 0) {
                problem("V003", row, "its transaction is not recorded: the delta belongs to no transaction");
                continue;
            }
            const char* names[] = {"rules", "accounts", "units", "explanations"};
            for (int i = 0; i < 4; ++i) {
                if (dangling.integer(3 + i) != 0) problem("V003", row, std::string("it names a ") + names[i] + " row that does not exist");
            }
        }
    }

    /// The keys of labels are as the ledger gives them: the indexes of deltas by account hold the
    /// members' accounts (keys above 0) alone, and explanations are found by their hash.
    void check_labels() {
        SqliteStatement accounts(database_,
                                 "SELECT key, name FROM accounts WHERE (name LIKE 'member:%') != (key > 0) ORDER BY key");
        while (accounts.step()) {
            const bool member = accounts.text(1).rfind("member:", 0) == 0;
            problem("V006", "accounts row " + std::to_string(accounts.integer(0)),
                    "'" + accounts.text(1) + "' is " + (member ? "a member's account, whose key the ledger gives above 0"
                                                               : "a program's account, whose key the ledger gives below 0"));
        }
        SqliteStatement explanations(database_, "SELECT key, text, hash FROM explanations ORDER BY key");
        while (explanations.step()) {
            if (detail::explanation_hash(explanations.text(1)) == explanations.integer(2)) continue;
            problem("V004", "explanations row " + std::to_string(explanations.integer(0)),
                    "its hash is not its text's: the ledger no longer finds it to store it once");
        }
    }

    void check_programs() {
        SqliteStatement query(database_, "SELECT id, digest, name, version, source FROM programs ORDER BY id");
        while (query.step()) {
            const std::int64_t id = query.integer(0);
            const std::string row = "programs row " + std::to_string(id);
            if (query.is_null(1)) continue;  // recorded before ledgers kept programs: known by version alone
            if (query.is_null(4)) {
                problem("V010", row, "the program's rules are not stored with its digest");
                continue;
            }
            LoadResult loaded = Program::load_string(query.text(4), row);
            if (!loaded.ok()) {
                problem("V010", row, "the stored rules do not compile: " + loaded.diagnostics.front().message);
                continue;
            }
            const Program& program = *loaded.program;
            if (program.digest().to_hex() != query.text(1)) {
                problem("V010", row, "the stored rules have the digest " + program.digest().to_hex() + ", not the " +
                                         query.text(1) + " the ledger knows them by: they were edited");
                continue;
            }
            if (program.name() != query.text(2) || program.version() != query.text(3)) {
                problem("V010", row, "the stored name and version are not the rules' own ('" + program.name() + "' " +
                                         program.version() + ")");
            }
            programs_.emplace(id, program);
        }
    }

    /// Every transaction row: its link, its postings (balanced, counted, of known accounts and
    /// fitting units) and its payload.
    void walk_transactions() {
        std::string previous;
        std::optional<std::int64_t> head_at;
        std::int64_t count = 0;
        detail::for_each_stored_transaction(database_, compression_, [&](const StoredTransaction& stored) {
            ++count;
            if (detail::chain_link(previous, stored.row) != stored.link) {
                problem("V012", transaction_row(stored),
                        "its chain link does not cover the row before it and its own content: this row, or the one "
                        "before it, was edited, deleted or moved");
            }
            previous = stored.link;
            if (!options_.head.empty() && stored.link == options_.head) head_at = count;
            check_deltas(stored);
            check_payload(stored);
        });
        result_.chain_head = previous;
        if (options_.head.empty()) return;
        if (head_at) {
            result_.transactions_after_head = count - *head_at;
        } else {
            problem("V013", "transactions",
                    "no transaction has the chain link " + options_.head + ": the transactions up to it were lost (a log "
                    "or a backup cut short), or this is another ledger");
        }
    }

    void check_deltas(const StoredTransaction& stored) {
        if (static_cast<std::size_t>(stored.delta_count) != stored.row.deltas.size()) {
            problem("V008", transaction_row(stored),
                    "it was recorded with " + std::to_string(stored.delta_count) + " deltas, and has " +
                        std::to_string(stored.row.deltas.size()));
        }
        const auto program = programs_.find(stored.program);
        const Currency program_currency = program == programs_.end() ? Currency() : program->second.currency();
        const Currency* currency = program == programs_.end() ? nullptr : &program_currency;
        for (std::size_t i = 0; i < stored.row.deltas.size(); ++i) {
            const ChainDelta& delta = stored.row.deltas[i];
            const std::string row = detail::delta_row(stored.sequence, stored.delta_positions[i]);
            if (!detail::is_delta_kind(delta.kind)) problem("V006", row, "'" + delta.kind + "' is not a kind of delta");
            if (delta.amount <= 0) {
                problem("V007", row, "its amount is " + std::to_string(delta.amount) +
                                         ": a delta moves a positive amount from its debit to its credit");
            }
            if (delta.debit == delta.credit) problem("V007", row, "it debits and credits one account, " + delta.debit);
            for (const std::string* side : {&delta.debit, &delta.credit}) check_account(row, *side, delta.unit, currency);
        }
    }

    void check_account(const std::string& row, const std::string& name, const std::string& unit, const Currency* currency) {
        const auto account = detail::parse_account(name);
        if (!account) {
            problem("V006", row, "'" + name + "' is not an account of the ledger");
            return;
        }
        if (!detail::unit_fits(account->kind, unit, currency)) {
            problem("V006", row, "the account " + name + " holds no '" + unit + "'");
        }
        if (account->is_member() && members_.count(account->member_id) == 0) {
            problem("V005", row, "it posts to member '" + account->member_id + "', who has no members row");
        }
    }

    void check_payload(const StoredTransaction& stored) {
        const detail::ChainRow& row = stored.row;
        const std::string where = transaction_row(stored);
        if (!stored.unreadable_payload.empty()) {
            problem("V009", where, "its payload cannot be unpacked: " + stored.unreadable_payload);
            return;
        }
        try {
            if (row.kind == "opening") {
                const Member member = member_from_json(row.payload);
                opening_tiers_[member.id] = member.tier;
                if (member.id != row.member || row.id != "opening:" + member.id || !row.at.empty() ||
                    !row.fingerprint.empty() || stored.program != 0) {
                    problem("V009", where, "the opening row's columns are not those of the member state it carries ('" +
                                               member.id + "')");
                }
                return;
            }
            const Transaction transaction = transaction_from_json(row.payload);
            const auto differs = [&](const char* column, const std::string& stored_value, const std::string& payload_value) {
                if (stored_value != payload_value) {
                    problem("V009", where, std::string("its ") + column + " is '" + stored_value + "', its payload's '" +
                                               payload_value + "'");
                }
            };
            differs("id", row.id, transaction.id);
            differs("member", row.member, transaction.member_id);
            differs("kind", row.kind, std::string(to_string(transaction.kind)));
            differs("time", row.at, transaction.at.to_string());
            differs("original", row.original, transaction.original_transaction_id);
            // Compared in the version it was taken in: ledgers upgraded from before hold version 1.
            const auto recorded = fingerprint_from_text(row.fingerprint);
            if (!recorded || !fingerprint_matches(*recorded, transaction)) {
                differs("fingerprint", row.fingerprint,
                        fingerprint_text(recorded && recorded->legacy ? legacy_fingerprint(transaction) : fingerprint(transaction)));
            }
            if (stored.program == 0) problem("V010", where, "no program is recorded for it");
        } catch (const Error& error) {
            problem("V009", where, std::string("its payload cannot be read: ") + error.what());
        }
    }

    void check_member_states() {
        detail::check_member_states(database_, compression_, checkpoint_, opening_tiers_, programs_, report_);
    }

    void evaluate_again() { detail::evaluate_again(database_, compression_, programs_, checkpoint_, report_); }

    SqliteDatabase& database_;
    detail::LedgerCompression& compression_;
    const VerifyOptions& options_;
    LedgerVerification& result_;
    detail::AuditReport report_;
    std::int64_t checkpoint_ = 0;
    std::unordered_set<std::string> members_;
    /// The tier each member joined in, from its opening row.
    std::unordered_map<std::string, std::string> opening_tiers_;
    std::map<std::int64_t, Program> programs_;
};

}  // namespace

LedgerVerification SqliteLedger::verify(const VerifyOptions& options) const {
    LedgerVerification result;
    Audit(connection_->database, *connection_->compression, options, result).run();
    return result;
}

}  // namespace loyalty
