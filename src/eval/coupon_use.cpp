#include "eval/coupon_use.hpp"

#include <algorithm>
#include <numeric>

#include "eval/line_discount.hpp"

namespace loyalty::detail {
namespace {

/// Why `coupon` cannot be used today, with its notice code; nothing when it can.
std::optional<Notice> refusal(const Coupon& coupon, Date today) {
    if (!coupon.used_by.empty()) {
        return Notice{"N002", "coupon " + coupon.id + " was already used, by " + coupon.used_by};
    }
    if (today < coupon.valid_from) {
        return Notice{"N003", "coupon " + coupon.id + " is valid from " + coupon.valid_from.to_string()};
    }
    if (coupon.valid_until < today) {
        return Notice{"N004", "coupon " + coupon.id + " expired after " + coupon.valid_until.to_string()};
    }
    return std::nullopt;
}

/// A coupon in the member's state that the program could only miscompute: more than all of the
/// purchase off, or an amount in another currency taken as this one's minor units. Refuses the
/// transaction for it (T033).
bool check_coupon(Evaluation& evaluation, const Coupon& coupon, std::size_t index) {
    const Currency currency = evaluation.program.currency;
    const auto field = [&] { return "coupons[" + std::to_string(index) + "]"; };
    switch (coupon.benefit) {
        case CouponBenefit::percent_off:
            if (coupon.percent.is_negative() || compare(coupon.percent, Decimal{100, 0}) > 0) {
                return evaluation.refuse("T033", field(),
                                         "the member's coupon " + coupon.id + " takes " + coupon.percent.to_string() +
                                             " % off; a coupon takes 0 to 100 %");
            }
            return true;
        case CouponBenefit::amount_off:
            if (coupon.amount.currency() != currency || coupon.amount.minor_units() < 0) {
                return evaluation.refuse("T033", field(),
                                         "the member's coupon " + coupon.id + " is for " + coupon.amount.to_string() +
                                             ", but the program counts in " + std::string(currency.code()));
            }
            return true;
        case CouponBenefit::free_item: return true;
    }
    return true;
}

}  // namespace

void use_coupons(Evaluation& evaluation, std::vector<std::int64_t>& line_paid) {
    const Transaction& transaction = evaluation.transaction;
    for (std::size_t index = 0; index < transaction.coupons.size(); ++index) {
        const std::string& id = transaction.coupons[index];
        if (std::find(transaction.coupons.begin(), transaction.coupons.begin() + static_cast<std::ptrdiff_t>(index), id) !=
            transaction.coupons.begin() + static_cast<std::ptrdiff_t>(index)) {
            evaluation.outcome.notices.push_back({"N006", "coupon " + id + " was presented twice; it counts once"});
            continue;
        }
        const auto held = evaluation.member.coupons.find(id);
        if (held == evaluation.member.coupons.end()) {
            evaluation.outcome.notices.push_back({"N001", "coupon " + id + " is not one of this member's coupons"});
            continue;
        }
        const Coupon* coupon = &held->second;
        if (auto notice = refusal(*coupon, evaluation.today)) {
            evaluation.outcome.notices.push_back(std::move(*notice));
            continue;
        }
        if (!check_coupon(evaluation, *coupon, index)) return;

        const std::int64_t cost = std::accumulate(line_paid.begin(), line_paid.end(), std::int64_t{0});
        std::int64_t discount = 0;
        switch (coupon->benefit) {
            case CouponBenefit::percent_off:
                discount = percent_of(cost, coupon->percent, coupon->rounding);
                spread_discount(discount, line_paid);
                break;
            case CouponBenefit::amount_off:
                discount = std::min(coupon->amount.minor_units(), cost);
                spread_discount(discount, line_paid);
                break;
            case CouponBenefit::free_item: {
                const auto& items = transaction.items;
                const auto line = std::find_if(items.begin(), items.end(), [&](const LineItem& item) {
                    return item.sku == coupon->sku && line_paid[static_cast<std::size_t>(&item - items.data())] > 0;
                });
                if (line == items.end()) {
                    evaluation.outcome.notices.push_back(
                        {"N005", "coupon " + id + " gives a free " + coupon->sku + ", and there is none in the basket"});
                    continue;
                }
                auto& paid = line_paid[static_cast<std::size_t>(line - items.begin())];
                discount = std::min(paid, line->unit_price.minor_units());
                paid -= discount;
                break;
            }
        }

        const auto part = static_cast<std::uint32_t>(index + 1);
        Delta use = evaluation.delta(DeltaKind::coupon_use, BuiltInRule::coupons, 1, Evaluation::reason(Reason::Kind::coupon_use),
                                     DeltaPart::Kind::coupon_use, part);
        use.debit = AccountKind::member_coupons;
        use.credit = AccountKind::program_coupons_redeemed;
        use.coupon = *coupon;
        const std::size_t use_position = evaluation.outcome.deltas.size();
        evaluation.outcome.deltas.push_back(std::move(use));
        evaluation.coupons_used.push_back(index);
        if (discount == 0) continue;
        Delta saving = evaluation.delta(DeltaKind::discount, BuiltInRule::coupons, discount,
                                        Evaluation::reason(Reason::Kind::coupon_discount, use_position, {cost}),
                                        DeltaPart::Kind::coupon_discount, part);
        saving.debit = AccountKind::program_discounts;
        saving.credit = AccountKind::member_savings;
        evaluation.outcome.deltas.push_back(std::move(saving));
    }
}

}  // namespace loyalty::detail
