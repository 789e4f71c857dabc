#pragma once
// The typical program written by hand again, keeping the guarantees the engine keeps: a resent
// transaction recognised by a hashed set of recent ids and their 128-bit fingerprints, a late one refused,
// points kept in lots by day and spent oldest first, coupon records with their validity, and the
// outcome as deltas that name their rule, without text. The engine's cost is measured against this
// too: what a team would write if it wanted what the engine promises.

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "handwritten.hpp"

namespace bench {

struct GuardedBasket {
    std::string id;
    std::int64_t utc_seconds = 0;
    std::string channel;
    std::vector<HandwrittenItem> items;
};

struct GuardedLot {
    std::int64_t day = 0;
    std::int64_t points = 0;
};

struct GuardedCoupon {
    std::int64_t valid_from = 0;
    std::int64_t valid_until = 0;
    int percent_off = 0;
};

using GuardedFingerprint = std::array<std::uint64_t, 2>;

struct GuardedMember {
    std::string id;
    std::string tier;
    std::vector<GuardedLot> lots;
    std::unordered_map<std::string, GuardedCoupon> coupons;
    /// The latest ids, oldest first, and their fingerprints by id.
    std::vector<std::string> recent;
    std::unordered_map<std::string, GuardedFingerprint> recent_fingerprints;
    std::int64_t latest_day = 0;
    std::int64_t coupons_forgotten_on = 0;
};

enum class GuardedRule { base, silver, gold, app, ten_off };
enum class GuardedKind { earn, burn, coupon_issue };

struct GuardedDelta {
    GuardedKind kind = GuardedKind::earn;
    GuardedRule rule = GuardedRule::base;
    std::int64_t amount = 0;
};

/// Recognises a resend, refuses a late transaction, earns, caps and redeems one basket for
/// `member`, writing the outcome's deltas into `deltas` (cleared first) and adding to `totals`.
void evaluate_guarded(GuardedMember& member, const GuardedBasket& basket, std::vector<GuardedDelta>& deltas, Totals& totals);

}  // namespace bench
