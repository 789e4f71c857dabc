#pragma once
// Giving a member a coupon: from a redemption, an earn rule or a level reached.

#include <string>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// The days a coupon `spec` describes is valid, given today.
struct CouponValidity {
    Date from;
    Date until;
};
CouponValidity coupon_validity(const Evaluation& evaluation, const CouponSpec& spec);

/// A coupon_issue delta of rule number `rule` carrying the coupon `spec` describes, valid from
/// `starts_after_days` after today for `valid_days`. Its id is the delta's id.
void issue_coupon(Evaluation& evaluation, std::uint32_t rule, const std::string& description,
                  const CouponSpec& spec);

}  // namespace loyalty::detail
