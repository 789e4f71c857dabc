#include "loyalty/outcome.hpp"

#include <algorithm>

#include "loyalty/error.hpp"
#include "loyalty/limits.hpp"

namespace loyalty {

Points Outcome::points_change(const std::string& member_id) const {
    Points change;
    const Account own{AccountKind::member_points, member_id};
    for (const Delta& delta : deltas) {
        if (delta.unit != "points") continue;
        if (delta.credit == own) change += Points{delta.amount};
        if (delta.debit == own) change -= Points{delta.amount};
    }
    return change;
}

std::vector<Posting> Outcome::postings() const {
    std::vector<Posting> all;
    for (const Delta& delta : deltas) {
        for (Posting& posting : delta.postings()) all.push_back(std::move(posting));
    }
    return all;
}

Member apply(const Member& member, const Outcome& outcome) {
    if (outcome.already_applied) return member;
    if (const AppliedTransaction* seen = member.find_applied(outcome.transaction_id)) {
        if (seen->fingerprint == outcome.transaction_fingerprint) return member;
        throw TransactionError("T020", outcome.transaction_id, "id",
                               "this id was already applied with different contents");
    }
    Member next = member;
    next.points += outcome.points_change(member.id);
    next.recent_transactions.push_back({outcome.transaction_id, outcome.transaction_fingerprint});
    if (next.recent_transactions.size() > limits::recent_transactions_max) {
        next.recent_transactions.erase(next.recent_transactions.begin());
    }
    return next;
}

}  // namespace loyalty
