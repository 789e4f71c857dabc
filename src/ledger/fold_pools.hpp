#pragma once
// Memory that folding outcomes into members gives back and takes again.

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "loyalty/member.hpp"

namespace loyalty::detail {

/// What members drop as they fold outcomes in (purchase records, coupons, rule uses and counter
/// buckets no window needs any more, lots spent to nothing or merged), kept with their memory for what the next outcomes add:
/// a host that folds with an EvaluatorState allocates nothing in steady state. Each pool keeps
/// at most `kept_max`.
struct FoldPools {
    using PurchaseNode = std::unordered_map<std::string, PurchaseRecord>::node_type;
    using CouponNode = std::unordered_map<std::string, Coupon>::node_type;
    using RuleUseNode = std::set<RuleUse, RuleUseOrder>::node_type;

    std::vector<PurchaseNode> purchases;
    std::vector<CouponNode> coupons;
    std::vector<RuleUseNode> rule_uses;
    std::vector<PointsLot> lots;
    std::vector<CounterBucket> counters;
    static constexpr std::size_t kept_max = 256;

    template <typename Item>
    static void keep(std::vector<Item>& pool, Item&& item) {
        if (pool.size() < kept_max) pool.push_back(std::move(item));
    }
    /// An item of `pool` with the memory it has, or a new one.
    template <typename Item>
    static Item take(std::vector<Item>& pool) {
        if (pool.empty()) return Item();
        Item item = std::move(pool.back());
        pool.pop_back();
        return item;
    }
    std::size_t kept() const { return purchases.size() + coupons.size() + rule_uses.size() + lots.size() + counters.size(); }
};

}  // namespace loyalty::detail
