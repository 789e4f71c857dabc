#pragma once
// The benchmarks' data: a deterministic history of baskets for a set of members, made before
// anything is timed.

#include <cstddef>
#include <string>
#include <vector>

#include <loyalty/loyalty.hpp>

namespace bench {

struct History {
    std::vector<loyalty::Member> members;
    /// Each transaction's member, by index into `members`.
    std::vector<std::size_t> member_of;
    std::vector<loyalty::Transaction> transactions;
};

/// `transactions` purchases of 1–5 items (coffee, food, merch) by `members` members of every tier,
/// from the app, the web or a store, 30 seconds apart from 2026-01-01; the same for a given seed.
History make_history(std::size_t members, std::size_t transactions, unsigned seed);

}  // namespace bench
