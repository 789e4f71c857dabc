#include "eval/coupon_issue.hpp"

namespace loyalty::detail {

void issue_coupon(Evaluation& evaluation, const std::string& rule_id, const std::string& description,
                  const CouponSpec& spec) {
    const Date valid_from = evaluation.today.add_days(spec.starts_after_days).value_or(evaluation.today);
    const Date valid_until = valid_from.add_days(spec.valid_days).value_or(valid_from);

    Delta issue = evaluation.delta(DeltaKind::coupon_issue, rule_id, 1, evaluation.buffers.take_text(), "coupon");
    std::string& explanation = issue.explanation;
    explanation += "Coupon for ";
    explanation += description;
    explanation += ", valid from ";
    valid_from.append_to(explanation);
    explanation += " through ";
    valid_until.append_to(explanation);
    explanation += '.';
    issue.unit = "coupons";
    set_account(issue.debit, AccountKind::program_coupons_issued, "");
    set_account(issue.credit, AccountKind::member_coupons, evaluation.transaction.member_id);

    // Every field, written into the memory of the coupon an earlier issue left in this delta.
    Coupon& coupon = issue.coupon ? *issue.coupon : issue.coupon.emplace();
    coupon.id = issue.id;
    coupon.description = description;
    coupon.benefit = spec.benefit;
    coupon.percent = spec.percent;
    coupon.amount = spec.amount;
    coupon.sku = spec.sku;
    coupon.rounding = spec.rounding;
    coupon.valid_from = valid_from;
    coupon.valid_until = valid_until;
    coupon.used_by.clear();
    evaluation.outcome.deltas.push_back(std::move(issue));
}

}  // namespace loyalty::detail
