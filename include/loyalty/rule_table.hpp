#pragma once
// What an outcome's deltas name by number: their rules, and the names in their units.

#include <string>
#include <vector>

#include "loyalty/currency.hpp"

namespace loyalty {

/// Shared, immutable, by the program that evaluated an outcome and the outcome itself, so that an
/// outcome renders its deltas' rule ids and units without the program.
struct RuleTable {
    /// Each rule's id, by rule number (Delta::rule): the engine's own first (`expiry`,
    /// `pending`, `points_payment`, `coupons`, `returns`, `tiers`), then the program's earn
    /// rules, redemptions, discounts, levels and rebates, in the file's order.
    std::vector<std::string> ids;
    /// What a rule's badge or benefit is called, by rule number; empty for other rules.
    std::vector<std::string> unit_names;
    /// The program's currency: the unit of discounts and rebates.
    Currency currency;
};

}  // namespace loyalty
