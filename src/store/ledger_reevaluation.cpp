#include "store/ledger_reevaluation.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "loyalty/json.hpp"

namespace loyalty::detail {
namespace {

std::string describe(const ChainDelta& delta) {
    return std::to_string(delta.amount) + " " + delta.unit + " from " + delta.debit + " to " + delta.credit + " (" +
           delta.kind + ", rule " + delta.rule + ", delta " + delta.id + ")";
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

/// `stored` with each recent transaction that holds a fingerprint of version 1 given the one
/// `evaluated` holds for it: evaluating again takes fingerprints in version 2, and a stored one of
/// version 1 is checked against its transaction's payload already (V009).
Member in_versions_of(Member stored, const Member& evaluated) {
    RecentTransactions recent;
    for (const AppliedTransaction& applied : stored.recent_transactions) {
        const AppliedTransaction* again = evaluated.recent_transactions.find(applied.id);
        recent.remember(applied.fingerprint.legacy && again != nullptr ? AppliedTransaction{applied.id, again->fingerprint} : applied);
    }
    stored.recent_transactions = std::move(recent);
    return stored;
}

class Reevaluation {
public:
    Reevaluation(SqliteDatabase& database, LedgerCompression& compression, const std::map<std::int64_t, Program>& programs,
                 std::int64_t checkpoint, AuditReport& report)
        : database_(database), compression_(compression), programs_(programs), checkpoint_(checkpoint), report_(report) {}

    void run() {
        std::unordered_map<std::string, Member> members;
        std::set<std::int64_t> programs_missing;
        bool states_compared = false;
        EvaluatorState state;
        Outcome outcome;
        EvaluationOptions options;
        options.other_member = [&](const std::string& id) -> const Member* {
            const auto found = members.find(id);
            return found == members.end() ? nullptr : &found->second;
        };
        detail::for_each_stored_transaction(database_, compression_, [&](const StoredTransaction& stored) {
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
                evaluate_one(stored, members, options, state, outcome, programs_missing);
            } catch (const Error&) {
                // An unreadable payload is V009 already; there is nothing to evaluate.
            }
        });
        if (!states_compared) compare_states(members, nullptr);
    }

    void evaluate_one(const StoredTransaction& stored, std::unordered_map<std::string, Member>& members,
                      const EvaluationOptions& options, EvaluatorState& state, Outcome& outcome,
                      std::set<std::int64_t>& programs_missing) {
        const std::string where = transaction_row(stored);
        const auto program = programs_.find(stored.program);
        if (program == programs_.end()) {
            if (programs_missing.insert(stored.program).second) {
                report_.problem("V014", where, "it and every later transaction of programs row " + std::to_string(stored.program) +
                                           " cannot be evaluated again: the ledger does not hold that program's rules");
            }
            return;
        }
        const Transaction transaction = transaction_from_json(stored.row.payload);
        const auto member = members.find(transaction.member_id);
        if (member == members.end()) {
            report_.problem("V014", where, "its member '" + transaction.member_id + "' has not joined the ledger before it");
            return;
        }
        ++report_.result().transactions_evaluated;
        if (const auto error = program->second.evaluate(member->second, transaction, state, outcome, options)) {
            report_.problem("V014", where, "evaluated again, it is refused (" + error->code + ": " + error->message + ")");
            return;
        }
        if (outcome.already_applied) {
            report_.problem("V014", where, "evaluated again, its member had it already: it was recorded twice");
            return;
        }
        std::vector<ChainDelta> evaluated;
        for (std::size_t position = 0; position < outcome.deltas.size(); ++position) {
            const Delta& delta = outcome.deltas[position];
            evaluated.push_back({outcome.delta_id(delta), std::string(to_string(delta.kind)), std::string(outcome.rule_id(delta)),
                                 outcome.account(delta, delta.debit).to_string(),
                                 outcome.account(delta, delta.credit).to_string(), outcome.unit(delta), delta.amount,
                                 program->second.explain(outcome, position).value()});
        }
        compare_deltas(where, stored.row.deltas, evaluated);
        for (const std::string& owner : outcome.owners()) {
            const auto owned = members.find(owner);
            if (owned == members.end()) {
                report_.problem("V014", where, "evaluated again, it gives member '" + owner + "' effects, who has not joined the ledger");
                continue;
            }
            if (auto error = apply_in_place(owned->second, outcome, state)) {
                report_.problem("V014", where, "evaluated again, it does not apply to member '" + owner + "' (" +
                                                   error->code + ": " + error->message + ")");
            }
        }
    }

    void compare_deltas(const std::string& where, const std::vector<ChainDelta>& recorded,
                        const std::vector<ChainDelta>& evaluated) {
        const auto same = [](const ChainDelta& a, const ChainDelta& b) {
            return a.id == b.id && a.kind == b.kind && a.rule == b.rule && a.debit == b.debit && a.credit == b.credit &&
                   a.unit == b.unit && a.amount == b.amount && a.explanation == b.explanation;
        };
        for (std::size_t i = 0; i < std::max(recorded.size(), evaluated.size()); ++i) {
            if (i < recorded.size() && i < evaluated.size() && same(recorded[i], evaluated[i])) continue;
            const std::string was = i < recorded.size() ? describe(recorded[i]) : "nothing";
            const std::string is = i < evaluated.size() ? describe(evaluated[i]) : "nothing";
            const bool only_words = i < recorded.size() && i < evaluated.size() &&
                                    recorded[i].explanation != evaluated[i].explanation && was == is;
            report_.problem("V014", where, "delta " + std::to_string(i + 1) + " was recorded as " + was +
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
        // An unreadable state is V011 already.
        if (only != nullptr) query.bind(1, only->id);
        while (query.step()) {
            const std::string id = query.text(0);
            const auto evaluated = members.find(id);
            if (evaluated == members.end()) continue;  // V005: it never joined
            try {
                const std::string stored =
                    to_json(in_versions_of(member_from_json(compression_.decompress(query.blob(1))), evaluated->second));
                const std::string expected = to_json(evaluated->second);
                if (stored != expected) {
                    report_.problem("V015", member_row(id), "the stored state differs from the one its transactions give, in: " +
                                                        differing_fields(stored, expected));
                }
            } catch (const Error&) {
            }
        }
    }

private:
    SqliteDatabase& database_;
    LedgerCompression& compression_;
    const std::map<std::int64_t, Program>& programs_;
    const std::int64_t checkpoint_;
    AuditReport& report_;
};

}  // namespace

void evaluate_again(SqliteDatabase& database, LedgerCompression& compression, const std::map<std::int64_t, Program>& programs,
                    std::int64_t checkpoint, AuditReport& report) {
    Reevaluation(database, compression, programs, checkpoint, report).run();
}

}  // namespace loyalty::detail
