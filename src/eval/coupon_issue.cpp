#include "eval/coupon_issue.hpp"

namespace loyalty::detail {

CouponValidity coupon_validity(const Evaluation& evaluation, const CouponSpec& spec) {
    const Date valid_from = evaluation.today.add_days(spec.starts_after_days).value_or(evaluation.today);
    return {valid_from, valid_from.add_days(spec.valid_days).value_or(valid_from)};
}

void issue_coupon(Evaluation& evaluation, std::uint32_t rule, const std::string& description,
                  const CouponSpec& spec) {
    const CouponValidity validity = coupon_validity(evaluation, spec);
    Delta issue = evaluation.delta(DeltaKind::coupon_issue, rule, 1, Evaluation::reason(Reason::Kind::coupon_issue),
                                   DeltaPart::Kind::coupon);
    issue.debit = AccountKind::program_coupons_issued;
    issue.credit = AccountKind::member_coupons;

    // Every field, written into the memory of the coupon an earlier issue left in this delta.
    Coupon& coupon = issue.coupon ? *issue.coupon : issue.coupon.emplace();
    coupon.id.clear();
    evaluation.outcome.append_delta_id(coupon.id, issue);
    coupon.description = description;
    coupon.benefit = spec.benefit;
    coupon.percent = spec.percent;
    coupon.amount = spec.amount;
    coupon.sku = spec.sku;
    coupon.rounding = spec.rounding;
    coupon.valid_from = validity.from;
    coupon.valid_until = validity.until;
    coupon.used_by.clear();
    evaluation.outcome.deltas.push_back(std::move(issue));
}

}  // namespace loyalty::detail
