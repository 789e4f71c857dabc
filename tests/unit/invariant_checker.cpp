#include "invariant_checker.hpp"

#include <algorithm>
#include <future>

#include "outcome_difference.hpp"
#include "test_support.hpp"

namespace test {

std::optional<Violation> Checker::run(const std::vector<loyalty::Transaction>& history, std::string* log) {
    for (index_ = 0; index_ < history.size(); ++index_) {
        const loyalty::Transaction& tx = history[index_];
        loyalty::Member& member = members_.try_emplace(tx.member_id, test::member(tx.member_id)).first->second;
        if (auto violation = step(member, tx, log)) return violation;
    }
    for (const auto& [id, member] : members_) {
        // 2: balances are the fold of the postings.
        if (member.points().value != folded_[{id, "points"}] || member.pending_points().value != folded_[{id, "pending"}] ||
            member.owed.value != -folded_[{id, "owed"}]) {
            return Violation{history.size(), id, "a balance is not the fold of the postings"};
        }
    }
    return std::nullopt;
}

std::optional<Violation> Checker::step(loyalty::Member& member, const loyalty::Transaction& tx, std::string* log) {
    // One evaluator state and one outcome for every member and transaction, as a host reuses
    // them on a thread: the memory of every kind of delta, lot and text passes from one
    // evaluation to the next.
    loyalty::Outcome& outcome = reused_;
    if (const auto error = program_.evaluate(member, tx, state_, outcome)) {
        // 4: a refusal leaves nothing to apply (evaluation never changes the member it reads).
        // Shrunk histories may return what they never bought, or pay with points they no
        // longer have.
        if (!outcome.deltas.empty() || !outcome.state_changes.empty()) return fail(tx, "a refused transaction has changes");
        if (error->code == "T050" || error->code == "T051" || error->code == "T043" || error->code == "T045") {
            return std::nullopt;
        }
        return fail(tx, "refused: " + error->code + " " + error->message);
    }
    if (log) *log += loyalty::to_json(outcome, program_) + "\n";
    // 5: evaluated in a state and an outcome reused from earlier evaluations, the outcome is
    // what a fresh state gives, in every field of every effect.
    if (const std::string difference = test::outcome_difference(program_.evaluate(member, tx), outcome); !difference.empty()) {
        return fail(tx, "an outcome of a reused evaluator state differs from a fresh one's: " + difference);
    }
    if (state_.items_kept() > loyalty::EvaluatorState::items_kept_max) return fail(tx, "the evaluator state grew past its bound");
    if (auto violation = check_postings(member, tx, outcome)) return violation;
    const loyalty::Member next = loyalty::apply(member, outcome);
    if (auto violation = check_resending(member, next, tx, outcome)) return violation;
    if (auto violation = check_balances(next, tx)) return violation;
    if (auto violation = check_taken_back(next, tx, outcome)) return violation;
    member = next;
    return std::nullopt;
}

std::optional<Violation> Checker::check_postings(const loyalty::Member& member, const loyalty::Transaction& tx,
                                                 const loyalty::Outcome& outcome) {
    // 1: postings balance per unit.
    std::map<std::string, std::int64_t> per_unit;
    for (const auto& posting : outcome.postings()) per_unit[posting.unit] += posting.amount;
    for (const auto& [unit, sum] : per_unit) {
        if (sum != 0) return fail(tx, "postings in " + unit + " do not sum to zero");
    }
    // 9: expiry takes only lots due by the transaction's day: the member's, or one this
    // transaction gave back.
    std::map<std::string, std::optional<loyalty::Date>> expiry_of;
    for (const auto& lot : member.lots) expiry_of[lot.id] = lot.expires_on;
    for (const auto& delta : outcome.deltas) {
        if (delta.new_lot) expiry_of[outcome.delta_id(delta)] = delta.new_lot->expires_on;
        if (delta.kind != loyalty::DeltaKind::expire) continue;
        for (const auto& change : delta.consumed_lots) {
            const auto lot = expiry_of.find(change.lot_id);
            if (lot == expiry_of.end()) return fail(tx, "expired a lot the member does not have");
            if (!lot->second || outcome.day < *lot->second) return fail(tx, "expired a lot before its date");
        }
    }
    for (const auto& delta : outcome.deltas) {
        for (const auto& posting : outcome.postings(delta)) {
            const auto& account = posting.account;
            if (account.kind == loyalty::AccountKind::member_points) folded_[{account.member_id, "points"}] += posting.amount;
            if (account.kind == loyalty::AccountKind::member_pending) folded_[{account.member_id, "pending"}] += posting.amount;
            if (account.kind == loyalty::AccountKind::member_owed) folded_[{account.member_id, "owed"}] += posting.amount;
        }
    }
    return std::nullopt;
}

std::optional<Violation> Checker::check_resending(const loyalty::Member& member, const loyalty::Member& next,
                                                  const loyalty::Transaction& tx, const loyalty::Outcome& outcome) {
    // 3: applying twice is applying once; the transaction is recognised; the same id with
    // another payload is refused.
    if (loyalty::to_json(loyalty::apply(next, outcome)) != loyalty::to_json(next)) return fail(tx, "applying twice differs");
    if (!program_.evaluate(next, tx).already_applied) return fail(tx, "a resent transaction is not recognised");
    if (index_ % 97 == 0) {
        auto changed = tx;
        changed.attributes["changed"] = "yes";
        loyalty::Outcome refused;
        const auto error = program_.evaluate(next, changed, refused);
        if (!error || error->code != "T020" || !refused.deltas.empty()) return fail(tx, "another payload under the same id was not refused");
        // 5: another thread evaluates the same transaction to the same outcome.
        auto elsewhere = std::async(std::launch::async, [&] { return program_.evaluate(member, tx); });
        if (const std::string difference = test::outcome_difference(elsewhere.get(), outcome); !difference.empty()) {
            return fail(tx, "another thread evaluated it differently: " + difference);
        }
    }
    // 9: expiry run again at the same moment expires nothing more.
    const bool expired = std::any_of(outcome.deltas.begin(), outcome.deltas.end(), [](const auto& d) { return d.kind == loyalty::DeltaKind::expire; });
    if (!expired) return std::nullopt;
    auto ping = tx;
    ping.id += "-again";
    ping.kind = loyalty::TransactionKind::event;
    ping.event_name = "ping";
    ping.items.clear();
    ping.coupons.clear();
    ping.points_payment = 0;
    for (const auto& delta : program_.evaluate(next, ping).deltas) {
        if (delta.kind == loyalty::DeltaKind::expire) return fail(tx, "expiry expired again at the same moment");
    }
    return std::nullopt;
}

std::optional<Violation> Checker::check_balances(const loyalty::Member& next, const loyalty::Transaction& tx) const {
    // 6: no negative balance unless the program says so.
    if (!may_go_below_zero_ && next.points().value < 0) return fail(tx, "a negative balance");
    for (const auto& lot : next.lots) {
        if (lot.points.value <= 0) return fail(tx, "an empty or negative lot");
    }
    return std::nullopt;
}

std::optional<Violation> Checker::check_taken_back(const loyalty::Member& next, const loyalty::Transaction& tx,
                                                   const loyalty::Outcome& outcome) {
    // 7: a return never takes back more than its purchase earned, and all of it when whole.
    if (tx.kind == loyalty::TransactionKind::purchase) {
        std::int64_t earned = 0;
        for (const auto& delta : outcome.deltas) {
            const bool own = outcome.owner_id(delta.owner) == tx.member_id &&
                             (delta.credit == loyalty::AccountKind::member_points || delta.credit == loyalty::AccountKind::member_pending);
            if (delta.kind == loyalty::DeltaKind::earn && outcome.rule_id(delta) != "spend-300" && own) earned += delta.amount;
        }
        earned_[tx.id] = earned;
    } else if (tx.kind == loyalty::TransactionKind::product_return) {
        std::int64_t& taken = taken_back_[tx.original_transaction_id];
        for (const auto& delta : outcome.deltas) {
            if (delta.kind == loyalty::DeltaKind::clawback) taken += delta.amount;
        }
        const auto record = next.purchases.find(tx.original_transaction_id);
        if (taken > earned_[tx.original_transaction_id]) return fail(tx, "a return took back more than was earned");
        if (record != next.purchases.end() && record->second.fully_returned() && taken != earned_[tx.original_transaction_id]) {
            return fail(tx, "the whole purchase came back, but not all its points");
        }
    }
    return std::nullopt;
}

}  // namespace test
