#pragma once
// A member's state as the engine needs it; the host stores it between transactions.

#include <cstdint>
#include <string>
#include <vector>

#include "loyalty/attributes.hpp"
#include "loyalty/points.hpp"

namespace loyalty {

/// A transaction this member already had applied, kept so a resent one changes nothing.
struct AppliedTransaction {
    std::string id;
    /// A digest of the whole transaction: the same id with another payload is an error.
    std::uint64_t fingerprint = 0;
};

/// The state of one member. Hosts keep it (see json.hpp) and pass it to every evaluation;
/// `apply` returns the next state. A plain value type: safe to copy and share between threads.
struct Member {
    std::string id;
    /// The member's tier name, as the program's conditions see it (`member.tier`).
    std::string tier;
    Attributes attributes;
    /// Spendable points.
    Points points;
    /// The latest applied transactions, oldest first, at most limits::recent_transactions_max.
    std::vector<AppliedTransaction> recent_transactions;

    /// The recent entry for `transaction_id`, or null.
    const AppliedTransaction* find_applied(const std::string& transaction_id) const;
};

}  // namespace loyalty
