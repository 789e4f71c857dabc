#include "eval/coupon_issue.hpp"

namespace loyalty::detail {

void issue_coupon(Evaluation& evaluation, const std::string& rule_id, const std::string& description,
                  const CouponSpec& spec) {
    Coupon coupon;
    coupon.description = description;
    coupon.benefit = spec.benefit;
    coupon.percent = spec.percent;
    coupon.amount = spec.amount;
    coupon.sku = spec.sku;
    coupon.rounding = spec.rounding;
    coupon.valid_from = evaluation.today.add_days(spec.starts_after_days).value_or(evaluation.today);
    coupon.valid_until = coupon.valid_from.add_days(spec.valid_days).value_or(coupon.valid_from);

    Delta issue = evaluation.delta(DeltaKind::coupon_issue, rule_id, 1,
                                   "Coupon for " + description + ", valid from " + coupon.valid_from.to_string() +
                                       " through " + coupon.valid_until.to_string() + ".",
                                   "coupon");
    issue.unit = "coupons";
    issue.debit = {AccountKind::program_coupons_issued, ""};
    issue.credit = {AccountKind::member_coupons, evaluation.transaction.member_id};
    coupon.id = issue.id;
    issue.coupon = std::move(coupon);
    evaluation.outcome.deltas.push_back(std::move(issue));
}

}  // namespace loyalty::detail
