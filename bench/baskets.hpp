#pragma once
// The benchmarks' data: a deterministic history of baskets for a set of members, made before
// anything is timed.

#include <cstddef>
#include <cstdint>
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

struct HistoryShape {
    std::size_t members = 1;
    std::size_t transactions = 1;
    /// Between one transaction and the next, from 2026-01-01.
    std::int64_t seconds_apart = 30;
    std::size_t items_min = 1;
    std::size_t items_max = 5;
    unsigned seed = 2026;
    /// Written before every member and transaction id: hosts' ids are often longer than the 15
    /// characters a string holds without memory of its own.
    std::string id_prefix = {};
};

/// Purchases of coffee, food and merch by members of every tier, from the app, the web or a
/// store, each member picked at random; the same for a given shape.
History make_history(const HistoryShape& shape);

}  // namespace bench
