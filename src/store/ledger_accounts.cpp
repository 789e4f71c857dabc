#include "store/ledger_accounts.hpp"

#include <map>
#include <string_view>
#include <unordered_set>

namespace loyalty::detail {
namespace {

constexpr AccountKind all_account_kinds[] = {
    AccountKind::member_points,        AccountKind::program_points_issued,   AccountKind::program_points_redeemed,
    AccountKind::program_points_expired, AccountKind::member_coupons,        AccountKind::member_savings,
    AccountKind::program_coupons_issued, AccountKind::program_coupons_redeemed, AccountKind::program_discounts,
    AccountKind::member_badges,        AccountKind::member_owed,             AccountKind::member_credit,
    AccountKind::program_rebates,      AccountKind::member_tier,             AccountKind::program_tiers,
    AccountKind::member_benefits,      AccountKind::program_benefits,        AccountKind::program_badges_awarded,
    AccountKind::member_pending,
};

/// What an account holds: its unit is "points", "coupons", a currency code, or "badge:NAME",
/// "tier:NAME", "benefit:NAME".
enum class UnitClass { points, coupons, currency, badge, tier, benefit };

UnitClass unit_class(AccountKind kind) {
    switch (kind) {
        case AccountKind::member_points:
        case AccountKind::program_points_issued:
        case AccountKind::program_points_redeemed:
        case AccountKind::program_points_expired:
        case AccountKind::member_owed:
        case AccountKind::member_pending: return UnitClass::points;
        case AccountKind::member_coupons:
        case AccountKind::program_coupons_issued:
        case AccountKind::program_coupons_redeemed: return UnitClass::coupons;
        case AccountKind::member_savings:
        case AccountKind::program_discounts:
        case AccountKind::member_credit:
        case AccountKind::program_rebates: return UnitClass::currency;
        case AccountKind::member_badges:
        case AccountKind::program_badges_awarded: return UnitClass::badge;
        case AccountKind::member_tier:
        case AccountKind::program_tiers: return UnitClass::tier;
        case AccountKind::member_benefits:
        case AccountKind::program_benefits: return UnitClass::benefit;
    }
    return UnitClass::points;
}

}  // namespace

bool unit_fits(AccountKind kind, const std::string& unit, const Currency* currency) {
    const auto named = [&](const char* prefix) {
        const std::string_view text(prefix);
        return unit.size() > text.size() && unit.compare(0, text.size(), text) == 0;
    };
    switch (unit_class(kind)) {
        case UnitClass::points: return unit == "points";
        case UnitClass::coupons: return unit == "coupons";
        case UnitClass::currency: {
            const auto found = Currency::find(unit);
            return found && (!currency || *found == *currency);
        }
        case UnitClass::badge: return named("badge:");
        case UnitClass::tier: return named("tier:");
        case UnitClass::benefit: return named("benefit:");
    }
    return false;
}

std::optional<Account> parse_account(const std::string& text) {
    static const auto names = [] {
        std::map<std::string, AccountKind> by_name;
        for (const AccountKind kind : all_account_kinds) by_name.emplace(Account{kind, ""}.to_string(), kind);
        return by_name;
    }();
    if (text.rfind("member:", 0) == 0) {
        const std::size_t last = text.rfind(':');
        if (last <= 7) return std::nullopt;
        const auto found = names.find("member::" + text.substr(last + 1));
        if (found == names.end()) return std::nullopt;
        return Account{found->second, text.substr(7, last - 7)};
    }
    const auto found = names.find(text);
    if (found == names.end() || Account{found->second, ""}.is_member()) return std::nullopt;
    return Account{found->second, ""};
}

bool is_delta_kind(const std::string& name) {
    static const std::unordered_set<std::string> kinds = [] {
        std::unordered_set<std::string> all{"opening"};
        for (const DeltaKind kind : {DeltaKind::earn, DeltaKind::expire, DeltaKind::burn, DeltaKind::coupon_issue,
                                     DeltaKind::coupon_use, DeltaKind::discount, DeltaKind::badge, DeltaKind::clawback,
                                     DeltaKind::coupon_restore, DeltaKind::rebate, DeltaKind::tier_change,
                                     DeltaKind::benefit, DeltaKind::refund, DeltaKind::release}) {
            all.emplace(to_string(kind));
        }
        return all;
    }();
    return kinds.count(name) != 0;
}

}  // namespace loyalty::detail
