#pragma once
// A change an evaluation makes to a member that moves no value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "loyalty/member.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

/// A change to the member that moves no value: a counter counting, a once-limited rule used.
struct StateChange {
    /// count: add `amount` (negative for a return) to a counter's bucket; use_rule: a
    /// once-limited rule fired; forget: drop the buckets, uses or purchase records of `id` from
    /// before `day`, which no window needs any more; record_purchase: keep or update `purchase`;
    /// restore_coupon: the coupon `id` may be used again; set_tier: the tier is `id`, kept through
    /// `day`; active: the member was active on `day`; forget_coupons: drop the coupons whose last
    /// valid day is before `day`; merge_lots: lots earned before `day` that expire on the same
    /// day (or never) and are not pending become one; forgotten: the member has forgotten what no
    /// window needs as of the horizon `day`.
    enum class Kind { count, use_rule, forget, record_purchase, restore_coupon, set_tier, active, forget_coupons, merge_lots, forgotten };
    Kind kind = Kind::count;
    /// The member whose state it changes, by number as Delta::owner: `apply` folds it into this
    /// member alone.
    std::uint32_t owner = 0;
    /// The counter or the rule.
    std::string id;
    /// The bucket counted into, or the period the rule was used in.
    Date day = *Date::from_ymd(1970, 1, 1);
    /// What was counted (count only).
    std::int64_t amount = 0;
    /// record_purchase only.
    std::optional<PurchaseRecord> purchase;
};

/// "count", "use_rule", …, as JSON writes them.
std::string_view to_string(StateChange::Kind kind);

}  // namespace loyalty
