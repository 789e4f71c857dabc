#include "guarded_handwritten.hpp"

#include <algorithm>
#include <cstring>

#include <openssl/evp.h>

namespace bench {
namespace {

constexpr std::int64_t recent_kept = 128;
constexpr std::int64_t late_days_allowed = 7;
constexpr std::int64_t coupon_valid_days = 30;
constexpr std::int64_t zone_offset_seconds = -5 * 3600;

/// The first 128 bits of SHA-256 over the fields, as the engine takes them: what two payloads
/// cannot be made to share.
GuardedFingerprint fingerprint(const std::string& member_id, const GuardedBasket& basket) {
    thread_local std::string bytes;
    bytes.clear();
    const auto add = [&](const void* data, std::size_t size) { bytes.append(static_cast<const char*>(data), size); };
    add(basket.id.data(), basket.id.size());
    add(member_id.data(), member_id.size());
    add(&basket.utc_seconds, sizeof basket.utc_seconds);
    add(basket.channel.data(), basket.channel.size());
    for (const HandwrittenItem& item : basket.items) {
        add(item.category.data(), item.category.size());
        add(&item.unit_cents, sizeof item.unit_cents);
        add(&item.quantity, sizeof item.quantity);
    }
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local EVP_MD_CTX* const context = EVP_MD_CTX_new();
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_DigestInit_ex2(context, sha256, nullptr);
    EVP_DigestUpdate(context, bytes.data(), bytes.size());
    EVP_DigestFinal_ex(context, digest, &length);
    GuardedFingerprint print{};
    std::memcpy(print.data(), digest, sizeof(GuardedFingerprint));
    return print;
}

void remember(GuardedMember& member, const std::string& id, const GuardedFingerprint& print) {
    member.recent.push_back(id);
    member.recent_fingerprints.emplace(id, print);
    if (static_cast<std::int64_t>(member.recent.size()) == 2 * recent_kept) {
        for (std::int64_t i = 0; i < recent_kept; ++i) member.recent_fingerprints.erase(member.recent[static_cast<std::size_t>(i)]);
        member.recent.erase(member.recent.begin(), member.recent.begin() + recent_kept);
    }
}

void credit(GuardedMember& member, std::int64_t day, std::int64_t points) {
    if (!member.lots.empty() && member.lots.back().day == day) {
        member.lots.back().points += points;
    } else {
        member.lots.push_back({day, points});
    }
}

/// Oldest lots first.
void spend(GuardedMember& member, std::int64_t points) {
    std::size_t emptied = 0;
    for (GuardedLot& lot : member.lots) {
        const std::int64_t taken = std::min(lot.points, points);
        lot.points -= taken;
        points -= taken;
        if (lot.points == 0) ++emptied;
        if (points == 0) break;
    }
    member.lots.erase(member.lots.begin(), member.lots.begin() + static_cast<std::ptrdiff_t>(emptied));
}

std::int64_t balance(const GuardedMember& member) {
    std::int64_t total = 0;
    for (const GuardedLot& lot : member.lots) total += lot.points;
    return total;
}

}  // namespace

void evaluate_guarded(GuardedMember& member, const GuardedBasket& basket, std::vector<GuardedDelta>& deltas, Totals& totals) {
    deltas.clear();
    const GuardedFingerprint print = fingerprint(member.id, basket);
    if (const auto seen = member.recent_fingerprints.find(basket.id); seen != member.recent_fingerprints.end()) {
        if (seen->second != print) std::abort();  // the same id with other contents: refused
        return;                                  // a resend: nothing to apply
    }
    const std::int64_t day = (basket.utc_seconds + zone_offset_seconds) / 86400;
    if (day < member.latest_day - late_days_allowed) std::abort();  // too late: refused

    const BasketCents cents = basket_cents(basket.items);
    const std::int64_t base = cents.weighted / 100;
    std::int64_t room = 500;
    const auto earn = [&](GuardedRule rule, std::int64_t points) {
        points = std::min(points, room);
        if (points <= 0) return;
        room -= points;
        deltas.push_back({GuardedKind::earn, rule, points});
    };
    earn(GuardedRule::base, base);
    if (member.tier == "silver") earn(GuardedRule::silver, base / 4);
    if (member.tier == "gold") earn(GuardedRule::gold, base / 2);
    if (basket.channel == "app" && cents.total >= 2000) earn(GuardedRule::app, 50);
    std::int64_t earned = 0;
    for (const GuardedDelta& delta : deltas) earned += delta.amount;
    if (earned > 0) credit(member, day, earned);
    totals.earned += earned;

    if (balance(member) >= 1000) {
        spend(member, 1000);
        deltas.push_back({GuardedKind::burn, GuardedRule::ten_off, 1000});
        deltas.push_back({GuardedKind::coupon_issue, GuardedRule::ten_off, 1});
        member.coupons.emplace(basket.id + "/ten-off", GuardedCoupon{day, day + coupon_valid_days - 1, 10});
        totals.burned += 1000;
        ++totals.coupons;
    }
    // Coupons past their last day and the allowance for late transactions are forgotten, once a day.
    if (day > member.coupons_forgotten_on) {
        for (auto coupon = member.coupons.begin(); coupon != member.coupons.end();) {
            coupon = coupon->second.valid_until + late_days_allowed < day ? member.coupons.erase(coupon) : std::next(coupon);
        }
        member.coupons_forgotten_on = day;
    }
    member.latest_day = std::max(member.latest_day, day);
    remember(member, basket.id, print);
}

}  // namespace bench
