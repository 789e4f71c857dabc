#include "loyalty/outcome.hpp"

#include <algorithm>
#include <charconv>


namespace loyalty {

std::string_view to_string(StateChange::Kind kind) {
    switch (kind) {
        case StateChange::Kind::count: return "count";
        case StateChange::Kind::use_rule: return "use_rule";
        case StateChange::Kind::forget: return "forget";
        case StateChange::Kind::record_purchase: return "record_purchase";
        case StateChange::Kind::restore_coupon: return "restore_coupon";
        case StateChange::Kind::set_tier: return "set_tier";
        case StateChange::Kind::active: return "active";
        case StateChange::Kind::forget_coupons: return "forget_coupons";
        case StateChange::Kind::merge_lots: return "merge_lots";
        case StateChange::Kind::forgotten: return "forgotten";
    }
    return "unknown";
}

std::vector<std::string> Outcome::owners() const {
    std::vector<std::string> owners;
    if (already_applied) return owners;
    owners.push_back(member_id);
    for (const std::string& other : other_members) {
        if (std::find(owners.begin(), owners.end(), other) == owners.end()) owners.push_back(other);
    }
    return owners;
}

const std::string& Outcome::owner_id(std::uint32_t owner) const {
    static const std::string none;
    if (owner == 0) return member_id;
    return owner <= other_members.size() ? other_members[owner - 1] : none;
}

std::optional<std::uint32_t> Outcome::owner_number(std::string_view member) const {
    if (member == member_id) return 0;
    const auto other = std::find(other_members.begin(), other_members.end(), member);
    if (other == other_members.end()) return std::nullopt;
    return static_cast<std::uint32_t>(other - other_members.begin() + 1);
}

std::string Outcome::unit(const Delta& delta) const {
    const auto named = [&](const char* prefix) {
        const bool known = rules && delta.rule < rules->unit_names.size();
        return prefix + (known ? rules->unit_names[delta.rule] : std::string());
    };
    switch (delta.kind) {
        case DeltaKind::earn:
        case DeltaKind::expire:
        case DeltaKind::burn:
        case DeltaKind::clawback:
        case DeltaKind::refund:
        case DeltaKind::release: return "points";
        case DeltaKind::coupon_issue:
        case DeltaKind::coupon_use:
        case DeltaKind::coupon_restore: return "coupons";
        case DeltaKind::discount:
        case DeltaKind::rebate: return rules ? std::string(rules->currency.code()) : std::string();
        case DeltaKind::badge: return named("badge:");
        case DeltaKind::benefit: return named("benefit:");
        case DeltaKind::tier_change: return "tier:" + delta.part.text;
    }
    return "";
}

Account Outcome::account(const Delta& delta, AccountKind side) const {
    return {side, is_member_account(side) ? owner_id(delta.owner) : std::string()};
}

std::vector<Posting> Outcome::postings(const Delta& delta) const {
    const std::string moved = unit(delta);
    return {{account(delta, delta.debit), moved, -delta.amount}, {account(delta, delta.credit), moved, delta.amount}};
}

std::string Outcome::delta_id(const Delta& delta) const {
    std::string id;
    append_delta_id(id, delta);
    return id;
}

namespace {

std::string_view part_name(DeltaPart::Kind kind) {
    switch (kind) {
        case DeltaPart::Kind::none:
        case DeltaPart::Kind::tier: return "";
        case DeltaPart::Kind::coupon: return "coupon";
        case DeltaPart::Kind::referrer: return "referrer";
        case DeltaPart::Kind::pending: return "pending";
        case DeltaPart::Kind::refund: return "refund";
        case DeltaPart::Kind::coupon_use: return "use-";
        case DeltaPart::Kind::coupon_discount: return "discount-";
        case DeltaPart::Kind::points: return "points";
        case DeltaPart::Kind::owed: return "owed";
        case DeltaPart::Kind::referrer_pending: return "referrer-pending";
        case DeltaPart::Kind::referrer_points: return "referrer-points";
        case DeltaPart::Kind::referrer_owed: return "referrer-owed";
        case DeltaPart::Kind::restored_coupon: return "coupon-";
    }
    return "";
}

}  // namespace

void Outcome::append_delta_id(std::string& text, const Delta& delta) const {
    // One allocation at most, for a string without room: the parts are appended one by one.
    const std::string_view rule = rule_id(delta);
    text.reserve(text.size() + transaction_id.size() + rule.size() + delta.part.text.size() + program_version.size() + 24);
    text += transaction_id;
    text += '/';
    text += rule;
    if (delta.part.kind != DeltaPart::Kind::none) {
        text += ':';
        text += part_name(delta.part.kind);
        if (delta.part.kind == DeltaPart::Kind::coupon_use || delta.part.kind == DeltaPart::Kind::coupon_discount) {
            char digits[12];
            text.append(digits, std::to_chars(digits, digits + sizeof digits, delta.part.number).ptr);
        }
        text += delta.part.text;
    }
    text += '@';
    text += program_version;
}

std::vector<Posting> Outcome::postings() const {
    std::vector<Posting> all;
    for (const Delta& delta : deltas) {
        for (Posting& posting : postings(delta)) all.push_back(std::move(posting));
    }
    return all;
}


}  // namespace loyalty
