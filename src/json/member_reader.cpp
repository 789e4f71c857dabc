#include <algorithm>

#include "core/identifier.hpp"
#include "json/object_reader.hpp"
#include "ledger/lot_order.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/limits.hpp"

namespace loyalty {
namespace {

using detail::Json;
using detail::ObjectReader;
using detail::id_for_messages;
using detail::parse_json;
using detail::read_date;


[[noreturn]] void fail_member(const std::string& id, const std::string& field, const std::string& message) {
    throw Error("M100", "member '" + id + "'" + (field.empty() ? "" : ", " + field) + ": error[M100]: " + message);
}

PointsLot read_lot(const Json& json, std::size_t index, const std::string& member_id) {
    const ObjectReader reader(json, "lots[" + std::to_string(index) + "]", member_id, fail_member,
                              {"id", "earned_on", "expires_on", "points", "pending_until"});
    PointsLot lot;
    lot.id = reader.text("id", true);
    lot.earned_on = read_date(reader, "earned_on");
    if (reader.find("expires_on")) lot.expires_on = read_date(reader, "expires_on");
    if (reader.find("pending_until")) lot.pending_until = read_date(reader, "pending_until");
    const std::int64_t points = reader.whole_number("points", 0);
    if (points <= 0 || points > Points::value_max) reader.fail("points", "a lot holds 1 to " + std::to_string(Points::value_max) + " points");
    lot.points = Points{points};
    return lot;
}

Coupon read_coupon(const Json& json, std::size_t index, const std::string& member_id) {
    const ObjectReader reader(json, "coupons[" + std::to_string(index) + "]", member_id, fail_member,
                              {"id", "description", "percent_off", "rounding", "amount_off", "currency", "free_item",
                               "valid_from", "valid_until", "used_by"});
    Coupon coupon;
    coupon.id = reader.text("id", true);
    coupon.description = reader.text("description", false);
    if (reader.find("percent_off")) {
        coupon.benefit = CouponBenefit::percent_off;
        const std::string text = reader.text("percent_off", true);
        const auto percent = Decimal::parse(text);
        if (!percent || percent->is_negative() || compare(*percent, Decimal{100, 0}) > 0) {
            reader.fail("percent_off", "'" + text + "' is not a percentage from 0 to 100");
        }
        coupon.percent = *percent;
        const std::string rounding = reader.text("rounding", true);
        const auto mode = parse_rounding(rounding);
        if (!mode) reader.fail("rounding", "'" + rounding + "' is not floor, ceil, half_up or half_even");
        coupon.rounding = *mode;
    } else if (reader.find("amount_off")) {
        coupon.benefit = CouponBenefit::amount_off;
        const std::string code = reader.text("currency", true);
        const auto currency = Currency::find(code);
        if (!currency) reader.fail("currency", "'" + code + "' is not an ISO 4217 currency code");
        coupon.amount = reader.money("amount_off", *currency, true);
        if (coupon.amount.minor_units() < 0) reader.fail("amount_off", "a coupon's amount cannot be negative");
    } else {
        coupon.benefit = CouponBenefit::free_item;
        coupon.sku = reader.text("free_item", true);
    }
    coupon.valid_from = read_date(reader, "valid_from");
    coupon.valid_until = read_date(reader, "valid_until");
    coupon.used_by = reader.text("used_by", false);
    return coupon;
}

PurchaseRecord read_purchase(const Json& json, std::size_t index, const std::string& member_id) {
    const std::string path = "purchases[" + std::to_string(index) + "]";
    const ObjectReader reader(json, path, member_id, fail_member,
                              {"id", "day", "at", "lines", "points", "counted", "coupons_used", "returned_paid",
                               "points_taken_back", "points_paid", "points_paid_expires_on", "points_paid_back",
                               "referrer", "referrer_points", "referrer_points_taken_back"});
    PurchaseRecord record;
    record.id = reader.text("id", true);
    record.day = read_date(reader, "day");
    if (reader.find("at")) {
        const std::string at = reader.text("at", true);
        record.at = Timestamp::parse(at);
        if (!record.at) reader.fail("at", "'" + at + "' is not a time such as 2026-03-02T10:15:00-05:00");
    }
    record.referrer = reader.text("referrer", false);
    record.referrer_points = reader.whole_number("referrer_points", 0);
    record.referrer_points_taken_back = reader.whole_number("referrer_points_taken_back", 0);
    record.points = reader.whole_number("points", 0);
    record.returned_paid = reader.whole_number("returned_paid", 0);
    record.points_taken_back = reader.whole_number("points_taken_back", 0);
    record.points_paid = reader.whole_number("points_paid", 0);
    if (reader.find("points_paid_expires_on")) record.points_paid_expires_on = read_date(reader, "points_paid_expires_on");
    record.points_paid_back = reader.whole_number("points_paid_back", 0);
    const auto list = [&](std::string_view key) -> const Json& {
        const Json* value = reader.find(key);
        if (!value || !value->is_array()) reader.fail(key, "expected a list");
        return *value;
    };
    const Json& lines = list("lines");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const ObjectReader line(lines[i], path + ".lines[" + std::to_string(i) + "]", member_id, fail_member,
                                {"sku", "quantity", "paid", "returned_quantity"});
        record.lines.push_back({line.text("sku", false), line.whole_number("quantity", 0), line.whole_number("paid", 0),
                                line.whole_number("returned_quantity", 0)});
    }
    const Json& counted = list("counted");
    for (std::size_t i = 0; i < counted.size(); ++i) {
        const ObjectReader entry(counted[i], path + ".counted[" + std::to_string(i) + "]", member_id, fail_member,
                                 {"counter", "bucket", "amount", "taken_back"});
        record.counted.push_back({entry.text("counter", true), read_date(entry, "bucket"), entry.whole_number("amount", 0)});
        record.counted_taken_back.push_back(entry.whole_number("taken_back", 0));
    }
    for (const Json& coupon : list("coupons_used")) {
        if (!coupon.is_string()) reader.fail("coupons_used", "coupon ids are strings");
        record.coupons_used.push_back(coupon.get<std::string>());
    }
    return record;
}

/// The list at `key` into `items`, each by its id; an id listed twice is refused.
template <typename Item>
void read_by_id(const ObjectReader& reader, const char* key, const char* what, const std::string& member_id,
                Item (*read_one)(const Json&, std::size_t, const std::string&), std::unordered_map<std::string, Item>& items) {
    const Json* list = reader.find(key);
    if (!list) return;
    if (!list->is_array()) reader.fail(key, "expected a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
        Item item = read_one((*list)[i], i, member_id);
        const std::string item_id = item.id;
        if (!items.emplace(item_id, std::move(item)).second) {
            reader.fail(std::string(key) + "[" + std::to_string(i) + "].id",
                        std::string(what) + " '" + item_id + "' is listed twice");
        }
    }
}

void read_counters(const ObjectReader& reader, const std::string& id, Member& member) {
    if (const Json* counters = reader.find("counters")) {
        if (!counters->is_array()) reader.fail("counters", "expected a list");
        for (std::size_t i = 0; i < counters->size(); ++i) {
            const ObjectReader entry((*counters)[i], "counters[" + std::to_string(i) + "]", id, fail_member,
                                     {"counter", "day", "value"});
            member.counters.push_back({entry.text("counter", true), read_date(entry, "day"), entry.whole_number("value", 0)});
        }
    }
}

void read_rule_uses(const ObjectReader& reader, const std::string& id, Member& member) {
    if (const Json* uses = reader.find("rule_uses")) {
        if (!uses->is_array()) reader.fail("rule_uses", "expected a list");
        for (std::size_t i = 0; i < uses->size(); ++i) {
            const ObjectReader entry((*uses)[i], "rule_uses[" + std::to_string(i) + "]", id, fail_member,
                                     {"rule", "period_start"});
            member.rule_uses.insert({entry.text("rule", true), read_date(entry, "period_start")});
        }
    }
}

/// The lots, or an opening balance where there are none.
void read_points(const ObjectReader& reader, const std::string& id, Member& member) {
    if (const Json* lots = reader.find("lots")) {
        if (!lots->is_array()) reader.fail("lots", "expected a list");
        for (std::size_t i = 0; i < lots->size(); ++i) member.lots.push_back(read_lot((*lots)[i], i, id));
        std::sort(member.lots.begin(), member.lots.end(), detail::spent_before);
        const bool spendable_lot = std::any_of(member.lots.begin(), member.lots.end(),
                                               [](const PointsLot& lot) { return !lot.pending_until; });
        if (member.below_zero.value != 0 && spendable_lot) {
            reader.fail("below_zero", "a member below zero has no spendable lots: points credited fill the gap first");
        }
        // "points" beside "lots" is what the writer adds for people to read: it must agree.
        if (reader.find("points") && reader.whole_number("points", 0) != member.points().value) {
            reader.fail("points", "is not the sum of the lots, " + std::to_string(member.points().value));
        }
    } else {
        if (member.below_zero.value != 0) reader.fail("below_zero", "a member below zero is written with \"lots\": []");
        const std::int64_t opening = reader.whole_number("points", 0);
        if (opening < 0 || opening > Points::value_max) {
            reader.fail("points", "an opening balance is 0 to " + std::to_string(Points::value_max));
        }
        member.set_opening_balance(Points{opening});
    }
}

void read_recent_transactions(const ObjectReader& reader, const std::string& id, Member& member) {
    if (const Json* recent = reader.find("recent_transactions")) {
        if (!recent->is_array()) reader.fail("recent_transactions", "expected a list");
        for (std::size_t i = 0; i < recent->size(); ++i) {
            const ObjectReader entry((*recent)[i], "recent_transactions[" + std::to_string(i) + "]", id, fail_member,
                                     {"id", "fingerprint"});
            const auto value = fingerprint_from_text(entry.text("fingerprint", true));
            if (!value) entry.fail("fingerprint", "expected 32 hexadecimal digits (16 for a fingerprint of version 1)");
            member.recent_transactions.remember({entry.text("id", true), *value});
        }
    }
}

}  // namespace

Member member_from_json(std::string_view text) {
    if (text.size() > limits::member_json_bytes_max) {
        fail_member("", "", "longer than " + std::to_string(limits::member_json_bytes_max) + " bytes, the most one member's state takes");
    }
    const Json json = parse_json(text, fail_member);
    const std::string id = id_for_messages(json);
    const ObjectReader reader(json, "", id, fail_member,
                              {"id", "tier", "tier_kept_until", "store_credit", "points", "lots", "coupons", "counters",
                               "rule_uses", "purchases", "owed", "below_zero", "last_active_on", "latest_day", "forgotten_as_of",
                               "attributes", "recent_transactions"});

    Member member;
    member.id = reader.text("id", true);
    if (!detail::is_identifier(member.id)) {
        reader.fail("id", "a member id is 1 to " + std::to_string(limits::identifier_length_max) +
                              " characters, none of them a control character");
    }
    member.tier = reader.text("tier", false);
    if (reader.find("tier_kept_until")) member.tier_kept_until = read_date(reader, "tier_kept_until");
    member.store_credit = reader.whole_number("store_credit", 0);
    read_by_id(reader, "coupons", "coupon", id, read_coupon, member.coupons);
    member.find_earliest_coupon_end();
    read_counters(reader, id, member);
    read_by_id(reader, "purchases", "purchase", id, read_purchase, member.purchases);
    member.owed = Points{reader.whole_number("owed", 0)};
    if (member.owed.value < 0 || member.owed.value > Points::value_max) reader.fail("owed", "owed points are 0 or more");
    if (reader.find("last_active_on")) member.last_active_on = read_date(reader, "last_active_on");
    if (reader.find("latest_day")) member.latest_day = read_date(reader, "latest_day");
    if (reader.find("forgotten_as_of")) member.forgotten_as_of = read_date(reader, "forgotten_as_of");
    member.below_zero = Points{reader.whole_number("below_zero", 0)};
    if (member.below_zero.value < 0 || member.below_zero.value > Points::value_max) {
        reader.fail("below_zero", "points below zero are 0 or more");
    }
    read_rule_uses(reader, id, member);
    member.attributes = reader.attributes("attributes");
    read_points(reader, id, member);
    read_recent_transactions(reader, id, member);
    return member;
}

}  // namespace loyalty

namespace loyalty {

Result<Member> read_member_json(std::string_view json) {
    try {
        return member_from_json(json);
    } catch (const Error& error) {
        return InputError{error.code(), error.what()};
    }
}

}  // namespace loyalty
