// `verify`: an audit of a ledger file, from SQLite's own integrity check to evaluating every
// transaction again.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "loyalty/json.hpp"
#include "loyalty/sqlite_ledger.hpp"
#include "store/ledger_chain.hpp"
#include "store/ledger_rows.hpp"
#include "store/ledger_schema.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_ledger_connection.hpp"

namespace loyalty {

using detail::ChainPosting;
using detail::SqliteDatabase;
using detail::SqliteStatement;
using detail::StoredTransaction;

namespace {

constexpr AccountKind all_account_kinds[] = {
    AccountKind::member_points,        AccountKind::program_points_issued,   AccountKind::program_points_redeemed,
    AccountKind::program_points_expired, AccountKind::member_coupons,        AccountKind::member_savings,
    AccountKind::program_coupons_issued, AccountKind::program_coupons_redeemed, AccountKind::program_discounts,
    AccountKind::member_badges,        AccountKind::member_owed,             AccountKind::member_credit,
    AccountKind::program_rebates,      AccountKind::member_tier,             AccountKind::program_tiers,
    AccountKind::member_benefits,      AccountKind::program_benefits,        AccountKind::program_badges_awarded,
    AccountKind::member_pending,
};

/// What an account holds: its unit is "points", "coupons", a currency code, or "badge:NAME",
/// "tier:NAME", "benefit:NAME".
enum class UnitClass { points, coupons, currency, badge, tier, benefit };

UnitClass unit_class(AccountKind kind) {
    switch (kind) {
        case AccountKind::member_points:
        case AccountKind::program_points_issued:
        case AccountKind::program_points_redeemed:
        case AccountKind::program_points_expired:
        case AccountKind::member_owed:
        case AccountKind::member_pending: return UnitClass::points;
        case AccountKind::member_coupons:
        case AccountKind::program_coupons_issued:
        case AccountKind::program_coupons_redeemed: return UnitClass::coupons;
        case AccountKind::member_savings:
        case AccountKind::program_discounts:
        case AccountKind::member_credit:
        case AccountKind::program_rebates: return UnitClass::currency;
        case AccountKind::member_badges:
        case AccountKind::program_badges_awarded: return UnitClass::badge;
        case AccountKind::member_tier:
        case AccountKind::program_tiers: return UnitClass::tier;
        case AccountKind::member_benefits:
        case AccountKind::program_benefits: return UnitClass::benefit;
    }
    return UnitClass::points;
}

/// Whether `unit` is one an account of `kind` holds, for a program counting in `currency`
/// (null for a program whose rules the ledger does not hold).
bool unit_fits(AccountKind kind, const std::string& unit, const Currency* currency) {
    const auto named = [&](const char* prefix) {
        const std::string_view text(prefix);
        return unit.size() > text.size() && unit.compare(0, text.size(), text) == 0;
    };
    switch (unit_class(kind)) {
        case UnitClass::points: return unit == "points";
        case UnitClass::coupons: return unit == "coupons";
        case UnitClass::currency: {
            const auto found = Currency::find(unit);
            return found && (!currency || *found == *currency);
        }
        case UnitClass::badge: return named("badge:");
        case UnitClass::tier: return named("tier:");
        case UnitClass::benefit: return named("benefit:");
    }
    return false;
}

/// "member:ID:KIND" or "program:KIND" read back; nullopt for any other text.
std::optional<Account> parse_account(const std::string& text) {
    static const auto names = [] {
        std::map<std::string, AccountKind> by_name;
        for (const AccountKind kind : all_account_kinds) by_name.emplace(Account{kind, ""}.to_string(), kind);
        return by_name;
    }();
    if (text.rfind("member:", 0) == 0) {
        const std::size_t last = text.rfind(':');
        if (last <= 7) return std::nullopt;
        const auto found = names.find("member::" + text.substr(last + 1));
        if (found == names.end()) return std::nullopt;
        return Account{found->second, text.substr(7, last - 7)};
    }
    const auto found = names.find(text);
    if (found == names.end() || Account{found->second, ""}.is_member()) return std::nullopt;
    return Account{found->second, ""};
}

bool is_delta_kind(const std::string& name) {
    static const std::unordered_set<std::string> kinds = [] {
        std::unordered_set<std::string> all{"opening"};
        for (const DeltaKind kind : {DeltaKind::earn, DeltaKind::expire, DeltaKind::burn, DeltaKind::coupon_issue,
                                     DeltaKind::coupon_use, DeltaKind::discount, DeltaKind::badge, DeltaKind::clawback,
                                     DeltaKind::coupon_restore, DeltaKind::rebate, DeltaKind::tier_change,
                                     DeltaKind::benefit, DeltaKind::refund, DeltaKind::release}) {
            all.emplace(to_string(kind));
        }
        return all;
    }();
    return kinds.count(name) != 0;
}

std::string transaction_row(const StoredTransaction& stored) {
    return "transactions row " + std::to_string(stored.sequence) + " ('" + stored.row.id + "')";
}

std::string member_row(const std::string& id) { return "members row '" + id + "'"; }

std::string describe(const ChainPosting& posting) {
    return posting.account + " " + (posting.amount >= 0 ? "+" : "") + std::to_string(posting.amount) + " " + posting.unit +
           " (" + posting.kind + ", rule " + posting.rule + ", delta " + posting.delta_id + ")";
}

/// The top-level fields in which two members' JSON differ, by name: what a support agent reads.
std::string differing_fields(const std::string& stored, const std::string& evaluated) {
    const auto a = nlohmann::json::parse(stored);
    const auto b = nlohmann::json::parse(evaluated);
    std::string fields;
    std::set<std::string> keys;
    for (const auto& [key, value] : a.items()) keys.insert(key);
    for (const auto& [key, value] : b.items()) keys.insert(key);
    for (const std::string& key : keys) {
        if (a.value(key, nlohmann::json()) != b.value(key, nlohmann::json())) fields += (fields.empty() ? "" : ", ") + key;
    }
    return fields;
}

class Audit {
public:
    Audit(SqliteDatabase& database, const VerifyOptions& options, LedgerVerification& result)
        : database_(database), options_(options), result_(result) {}

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
        if (listed_[code]++ < options_.problems_listed_per_code) {
            result_.problems.push_back({code, row, message});
        } else {
            ++result_.problems_not_listed;
        }
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
        struct Column {
            const char* table;
            const char* key;
            const char* column;
            const char* types;
        };
        static constexpr Column columns[] = {
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
        // One scan of each table for all its columns: a table is read once, however many columns it has.
        for (std::size_t first = 0; first < std::size(columns);) {
            std::size_t end = first;
            std::string select = std::string("SELECT ") + columns[first].key;
            std::string where;
            for (; end < std::size(columns) && std::string_view(columns[end].table) == columns[first].table; ++end) {
                const Column& column = columns[end];
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
            const std::string table = keys.text(0);
            const std::string row = table + " row " + std::to_string(keys.integer(1));
            if (table == "postings") {
                problem("V003", row, "its transaction is not recorded: the posting belongs to no transaction");
            } else {
                problem("V003", row, "it names a " + keys.text(2) + " row that does not exist");
            }
        }
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
        detail::for_each_stored_transaction(database_, [&](const StoredTransaction& stored) {
            ++count;
            if (detail::chain_link(previous, stored.row) != stored.link) {
                problem("V012", transaction_row(stored),
                        "its chain link does not cover the row before it and its own content: this row, or the one "
                        "before it, was edited, deleted or moved");
            }
            previous = stored.link;
            if (!options_.head.empty() && stored.link == options_.head) head_at = count;
            check_postings(stored);
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

    void check_postings(const StoredTransaction& stored) {
        if (static_cast<std::size_t>(stored.posting_count) != stored.row.postings.size()) {
            problem("V008", transaction_row(stored),
                    "it was recorded with " + std::to_string(stored.posting_count) + " postings, and has " +
                        std::to_string(stored.row.postings.size()));
        }
        std::map<std::string, std::int64_t> by_unit;
        const auto program = programs_.find(stored.program);
        const Currency program_currency = program == programs_.end() ? Currency() : program->second.currency();
        const Currency* currency = program == programs_.end() ? nullptr : &program_currency;
        for (std::size_t i = 0; i < stored.row.postings.size(); ++i) {
            const ChainPosting& posting = stored.row.postings[i];
            const std::string row = "postings row " + std::to_string(stored.posting_sequences[i]);
            by_unit[posting.unit] += posting.amount;
            if (!is_delta_kind(posting.kind)) problem("V006", row, "'" + posting.kind + "' is not a kind of delta");
            const auto account = parse_account(posting.account);
            if (!account) {
                problem("V006", row, "'" + posting.account + "' is not an account of the ledger");
                continue;
            }
            if (!unit_fits(account->kind, posting.unit, currency)) {
                problem("V006", row, "the account " + posting.account + " holds no '" + posting.unit + "'");
            }
            if (account->is_member() && members_.count(account->member_id) == 0) {
                problem("V005", row, "it posts to member '" + account->member_id + "', who has no members row");
            }
        }
        for (const auto& [unit, sum] : by_unit) {
            if (sum != 0) {
                problem("V007", transaction_row(stored),
                        "its postings do not balance in " + unit + ": they sum to " + std::to_string(sum));
            }
        }
    }

    void check_payload(const StoredTransaction& stored) {
        const detail::ChainRow& row = stored.row;
        const std::string where = transaction_row(stored);
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
            differs("fingerprint", row.fingerprint, fingerprint_text(fingerprint(transaction)));
            if (stored.program == 0) problem("V010", where, "no program is recorded for it");
        } catch (const Error& error) {
            problem("V009", where, std::string("its payload cannot be read: ") + error.what());
        }
    }

    /// Each stored state against its postings up to the checkpoint (and its opening, which may be
    /// later): spendable, pending and owed points, store credit and tier.
    void check_member_states() {
        std::unordered_map<std::string, std::int64_t> balances;
        std::unordered_map<std::string, std::string> tiers;
        SqliteStatement sums(database_,
                             "SELECT p.account, p.unit, SUM(p.amount) FROM postings p JOIN transactions t ON t.id = p.transaction_id "
                             "WHERE (t.sequence <= ?1 OR t.kind = 'opening') AND p.account >= 'member:' AND p.account < 'member;' "
                             "GROUP BY p.account, p.unit");
        sums.bind(1, checkpoint_);
        while (sums.step()) balances[sums.text(0) + "\n" + sums.text(1)] += sums.integer(2);
        SqliteStatement tier_changes(database_,
                                     "SELECT p.account, p.unit FROM postings p JOIN transactions t ON t.id = p.transaction_id "
                                     "WHERE p.kind = 'tier_change' AND p.amount > 0 AND t.sequence <= ?1 ORDER BY p.sequence");
        tier_changes.bind(1, checkpoint_);
        while (tier_changes.step()) tiers[tier_changes.text(0)] = tier_changes.text(1);

        SqliteStatement members(database_, "SELECT id, points, state FROM members ORDER BY id");
        while (members.step()) {
            const std::string id = members.text(0);
            const std::string row = member_row(id);
            Member state;
            try {
                state = member_from_json(members.text(2));
            } catch (const Error& error) {
                problem("V011", row, std::string("the stored state cannot be read: ") + error.what());
                continue;
            }
            const auto balance = [&](AccountKind kind, const std::string& unit) {
                const auto found = balances.find(Account{kind, id}.to_string() + "\n" + unit);
                return found == balances.end() ? 0 : found->second;
            };
            const auto compare = [&](const char* what, std::int64_t stored, std::int64_t posted) {
                if (stored != posted) {
                    problem("V011", row, std::string("the stored ") + what + " is " + std::to_string(stored) +
                                             "; its postings up to the checkpoint give " + std::to_string(posted));
                }
            };
            if (state.id != id) problem("V011", row, "the stored state is member '" + state.id + "''s");
            compare("points column", members.integer(1), state.points().value);
            compare("spendable balance", state.points().value, balance(AccountKind::member_points, "points"));
            compare("pending balance", state.pending_points().value, balance(AccountKind::member_pending, "points"));
            compare("owed balance", state.owed.value, -balance(AccountKind::member_owed, "points"));
            if (const auto currency = credit_currency()) {
                compare("store credit", state.store_credit, balance(AccountKind::member_credit, std::string(currency->code())));
            }
            if (const auto changed = tiers.find(Account{AccountKind::member_tier, id}.to_string()); changed != tiers.end()) {
                if (changed->second != "tier:" + state.tier) {
                    problem("V011", row, "the stored tier is '" + state.tier + "'; its last tier change up to the checkpoint "
                                         "was to '" + changed->second.substr(5) + "'");
                }
            } else if (const auto opened = opening_tiers_.find(id); opened != opening_tiers_.end() && opened->second != state.tier) {
                problem("V011", row, "the stored tier is '" + state.tier + "'; it joined in '" + opened->second +
                                         "' and no tier change was posted up to the checkpoint");
            }
        }
    }

    /// The currency store credit is kept in: the programs' own, when the ledger holds their rules
    /// and they agree.
    std::optional<Currency> credit_currency() const {
        std::optional<Currency> currency;
        for (const auto& [id, program] : programs_) {
            if (currency && *currency != program.currency()) return std::nullopt;
            currency = program.currency();
        }
        return currency;
    }

    void evaluate_again() {
        std::unordered_map<std::string, Member> members;
        std::set<std::int64_t> programs_missing;
        bool states_compared = false;
        Outcome outcome;
        EvaluationOptions options;
        options.other_member = [&](const std::string& id) -> const Member* {
            const auto found = members.find(id);
            return found == members.end() ? nullptr : &found->second;
        };
        detail::for_each_stored_transaction(database_, [&](const StoredTransaction& stored) {
            if (!states_compared && stored.sequence > checkpoint_) {
                compare_states(members, nullptr);
                states_compared = true;
            }
            try {
                if (stored.row.kind == "opening") {
                    Member& member = members[stored.row.member] = member_from_json(stored.row.payload);
                    // Joined after the checkpoint: its stored state is the one it joined with.
                    if (stored.sequence > checkpoint_) compare_states(members, &member);
                    return;
                }
                evaluate_one(stored, members, options, outcome, programs_missing);
            } catch (const Error&) {
                // An unreadable payload is V009 already; there is nothing to evaluate.
            }
        });
        if (!states_compared) compare_states(members, nullptr);
    }

    void evaluate_one(const StoredTransaction& stored, std::unordered_map<std::string, Member>& members,
                      const EvaluationOptions& options, Outcome& outcome, std::set<std::int64_t>& programs_missing) {
        const std::string where = transaction_row(stored);
        const auto program = programs_.find(stored.program);
        if (program == programs_.end()) {
            if (programs_missing.insert(stored.program).second) {
                problem("V014", where, "it and every later transaction of programs row " + std::to_string(stored.program) +
                                           " cannot be evaluated again: the ledger does not hold that program's rules");
            }
            return;
        }
        const Transaction transaction = transaction_from_json(stored.row.payload);
        const auto member = members.find(transaction.member_id);
        if (member == members.end()) {
            problem("V014", where, "its member '" + transaction.member_id + "' has not joined the ledger before it");
            return;
        }
        ++result_.transactions_evaluated;
        if (const auto error = program->second.evaluate(member->second, transaction, outcome, options)) {
            problem("V014", where, "evaluated again, it is refused (" + error->code + ": " + error->message + ")");
            return;
        }
        if (outcome.already_applied) {
            problem("V014", where, "evaluated again, its member had it already: it was recorded twice");
            return;
        }
        std::vector<ChainPosting> evaluated;
        for (const Delta& delta : outcome.deltas) {
            for (const Posting& posting : delta.postings()) {
                evaluated.push_back({delta.id, std::string(to_string(delta.kind)), delta.rule_id, posting.account.to_string(),
                                     posting.unit, posting.amount, delta.explanation});
            }
        }
        compare_postings(where, stored.row.postings, evaluated);
        for (const std::string& owner : outcome.owners()) {
            const auto owned = members.find(owner);
            if (owned == members.end()) {
                problem("V014", where, "evaluated again, it gives member '" + owner + "' effects, who has not joined the ledger");
                continue;
            }
            apply_in_place(owned->second, outcome);
        }
    }

    void compare_postings(const std::string& where, const std::vector<ChainPosting>& recorded,
                          const std::vector<ChainPosting>& evaluated) {
        const auto same = [](const ChainPosting& a, const ChainPosting& b) {
            return a.delta_id == b.delta_id && a.kind == b.kind && a.rule == b.rule && a.account == b.account &&
                   a.unit == b.unit && a.amount == b.amount && a.explanation == b.explanation;
        };
        for (std::size_t i = 0; i < std::max(recorded.size(), evaluated.size()); ++i) {
            if (i < recorded.size() && i < evaluated.size() && same(recorded[i], evaluated[i])) continue;
            const std::string was = i < recorded.size() ? describe(recorded[i]) : "nothing";
            const std::string is = i < evaluated.size() ? describe(evaluated[i]) : "nothing";
            const bool only_words = i < recorded.size() && i < evaluated.size() &&
                                    recorded[i].explanation != evaluated[i].explanation && was == is;
            problem("V014", where, "posting " + std::to_string(i + 1) + " was recorded as " + was +
                                       (only_words ? " explained '" + recorded[i].explanation + "'" : "") +
                                       "; evaluated again it is " + is +
                                       (only_words ? " explained '" + evaluated[i].explanation + "'" : ""));
            return;
        }
    }

    /// The stored states against those evaluated: every member's, or only `only`'s.
    void compare_states(const std::unordered_map<std::string, Member>& members, const Member* only) {
        SqliteStatement query(database_, only == nullptr ? "SELECT id, state FROM members ORDER BY id"
                                                         : "SELECT id, state FROM members WHERE id = ?");
        if (only != nullptr) query.bind(1, only->id);
        while (query.step()) {
            const std::string id = query.text(0);
            const auto evaluated = members.find(id);
            if (evaluated == members.end()) continue;  // V005: it never joined
            try {
                const std::string stored = to_json(member_from_json(query.text(1)));
                const std::string expected = to_json(evaluated->second);
                if (stored != expected) {
                    problem("V015", member_row(id), "the stored state differs from the one its transactions give, in: " +
                                                        differing_fields(stored, expected));
                }
            } catch (const Error&) {
                // Unreadable: V011 already.
            }
        }
    }

    SqliteDatabase& database_;
    const VerifyOptions& options_;
    LedgerVerification& result_;
    std::map<std::string, std::size_t> listed_;
    std::int64_t checkpoint_ = 0;
    std::unordered_set<std::string> members_;
    /// The tier each member joined in, from its opening row.
    std::unordered_map<std::string, std::string> opening_tiers_;
    std::map<std::int64_t, Program> programs_;
};

}  // namespace

LedgerVerification SqliteLedger::verify(const VerifyOptions& options) const {
    LedgerVerification result;
    Audit(connection_->database, options, result).run();
    return result;
}

}  // namespace loyalty
