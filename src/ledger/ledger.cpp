#include "loyalty/ledger.hpp"

namespace loyalty {

std::string Account::to_string() const {
    switch (kind) {
        case AccountKind::member_points: return "member:" + member_id + ":points";
        case AccountKind::program_points_issued: return "program:points_issued";
        case AccountKind::program_points_redeemed: return "program:points_redeemed";
        case AccountKind::program_points_expired: return "program:points_expired";
        case AccountKind::member_coupons: return "member:" + member_id + ":coupons";
        case AccountKind::member_savings: return "member:" + member_id + ":savings";
        case AccountKind::program_coupons_issued: return "program:coupons_issued";
        case AccountKind::program_coupons_redeemed: return "program:coupons_redeemed";
        case AccountKind::program_discounts: return "program:discounts";
        case AccountKind::member_badges: return "member:" + member_id + ":badges";
        case AccountKind::program_badges_awarded: return "program:badges_awarded";
        case AccountKind::member_owed: return "member:" + member_id + ":owed";
        case AccountKind::member_pending: return "member:" + member_id + ":pending";
        case AccountKind::member_credit: return "member:" + member_id + ":credit";
        case AccountKind::program_rebates: return "program:rebates";
        case AccountKind::member_tier: return "member:" + member_id + ":tier";
        case AccountKind::program_tiers: return "program:tiers";
        case AccountKind::member_benefits: return "member:" + member_id + ":benefits";
        case AccountKind::program_benefits: return "program:benefits";
    }
    return "unknown";
}

bool Account::is_member() const { return is_member_account(kind); }

bool is_member_account(AccountKind kind) {
    switch (kind) {
        case AccountKind::member_points:
        case AccountKind::member_coupons:
        case AccountKind::member_savings:
        case AccountKind::member_badges:
        case AccountKind::member_owed:
        case AccountKind::member_pending:
        case AccountKind::member_credit:
        case AccountKind::member_tier:
        case AccountKind::member_benefits: return true;
        case AccountKind::program_points_issued:
        case AccountKind::program_points_redeemed:
        case AccountKind::program_points_expired:
        case AccountKind::program_coupons_issued:
        case AccountKind::program_coupons_redeemed:
        case AccountKind::program_discounts:
        case AccountKind::program_badges_awarded:
        case AccountKind::program_rebates:
        case AccountKind::program_tiers:
        case AccountKind::program_benefits: return false;
    }
    return false;
}

std::string_view to_string(DeltaKind kind) {
    switch (kind) {
        case DeltaKind::earn: return "earn";
        case DeltaKind::expire: return "expire";
        case DeltaKind::burn: return "burn";
        case DeltaKind::coupon_issue: return "coupon_issue";
        case DeltaKind::coupon_use: return "coupon_use";
        case DeltaKind::discount: return "discount";
        case DeltaKind::badge: return "badge";
        case DeltaKind::clawback: return "clawback";
        case DeltaKind::coupon_restore: return "coupon_restore";
        case DeltaKind::rebate: return "rebate";
        case DeltaKind::tier_change: return "tier_change";
        case DeltaKind::benefit: return "benefit";
        case DeltaKind::refund: return "refund";
        case DeltaKind::release: return "release";
    }
    return "unknown";
}

}  // namespace loyalty
