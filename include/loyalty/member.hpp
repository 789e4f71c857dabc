#pragma once
// A member's state as the engine needs it; the host stores it between transactions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/attributes.hpp"
#include "loyalty/points.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

/// A transaction this member already had applied, kept so a resent one changes nothing.
struct AppliedTransaction {
    std::string id;
    /// A digest of the whole transaction: the same id with another payload is an error.
    std::uint64_t fingerprint = 0;
};

/// Points earned together, spent and expired together: one earn delta makes one lot.
struct PointsLot {
    /// The id of the delta that earned it; "opening" for a balance carried in from elsewhere.
    std::string id;
    /// The day it was earned, on the program's wall clock.
    Date earned_on = *Date::from_ymd(1970, 1, 1);
    /// The first day its points are no longer spendable; none: they never expire.
    std::optional<Date> expires_on;
    /// What is left of it.
    Points points;
};

/// The state of one member. Hosts keep it (see json.hpp) and pass it to every evaluation;
/// `apply` returns the next state. A plain value type: safe to copy and share between threads.
struct Member {
    std::string id;
    /// The member's tier name, as the program's conditions see it (`member.tier`).
    std::string tier;
    Attributes attributes;
    /// Spendable points, soonest to expire first, as `apply` keeps them.
    std::vector<PointsLot> lots;
    /// The latest applied transactions, oldest first, at most limits::recent_transactions_max.
    std::vector<AppliedTransaction> recent_transactions;

    /// The recent entry for `transaction_id`, or null.
    const AppliedTransaction* find_applied(const std::string& transaction_id) const;
    /// Spendable points: the sum of the lots.
    Points points() const;
    /// Replaces the lots with one "opening" lot of `points` (zero or more) that never expires: a
    /// balance carried in from another system.
    void set_opening_balance(Points points);
};

}  // namespace loyalty
