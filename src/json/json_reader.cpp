#include <algorithm>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "compile/suggestion.hpp"
#include "ledger/lot_order.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/limits.hpp"

namespace loyalty {
namespace {

using Json = nlohmann::json;

/// Reads fields of one JSON object, naming the path of any bad field in its error. A key it
/// does not know is an error too: a misspelt "quantiy" must not silently mean quantity 1.
class ObjectReader {
public:
    using Fail = void (*)(const std::string& context, const std::string& field, const std::string& message);

    ObjectReader(const Json& object, std::string path, std::string context, Fail on_failure,
                 const std::vector<std::string_view>& keys)
        : object_(object), path_(std::move(path)), context_(std::move(context)), fail_(on_failure) {
        if (!object_.is_object()) fail_(context_, path_.empty() ? "(top)" : path_, "expected a JSON object");
        for (const auto& entry : object_.items()) {
            if (std::find(keys.begin(), keys.end(), entry.key()) == keys.end()) {
                fail(entry.key(), "unknown field" + detail::did_you_mean(entry.key(), keys));
            }
        }
    }

    std::string field(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

    const Json* find(std::string_view key) const {
        const auto found = object_.find(std::string(key));
        return found == object_.end() || found->is_null() ? nullptr : &*found;
    }

    [[noreturn]] void fail(std::string_view key, const std::string& message) const {
        fail_(context_, field(key), message);
        throw std::logic_error("unreachable");
    }

    std::string text(std::string_view key, bool required) const {
        const Json* value = find(key);
        if (!value) {
            if (required) fail(key, "missing");
            return {};
        }
        if (!value->is_string()) fail(key, "expected a string");
        return value->get<std::string>();
    }

    std::int64_t whole_number(std::string_view key, std::int64_t fallback) const {
        const Json* value = find(key);
        if (!value) return fallback;
        if (!value->is_number_integer()) fail(key, "expected a whole number");
        if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
            fail(key, "number out of range");
        }
        return value->get<std::int64_t>();
    }

    Money money(std::string_view key, Currency currency, bool required) const {
        const Json* value = find(key);
        if (!value) {
            if (required) fail(key, "missing");
            return Money(0, currency);
        }
        if (value->is_number()) {
            fail(key, "write amounts as strings such as \"4.50\", so no binary floating point touches them");
        }
        const std::string text = this->text(key, true);
        const auto amount = Money::parse(text, currency);
        if (!amount) {
            fail(key, "'" + text + "' is not an amount in " + std::string(currency.code()) + " (at most " +
                          std::to_string(currency.exponent()) + " decimals, at most " +
                          Money(Money::minor_units_max, currency).amount_text() + ")");
        }
        return *amount;
    }

    Attributes attributes(std::string_view key) const {
        Attributes result;
        const Json* value = find(key);
        if (!value) return result;
        if (!value->is_object()) fail(key, "expected an object of names to strings");
        for (const auto& [name, entry] : value->items()) {
            if (!entry.is_string()) fail(key, "attribute '" + name + "' must be a string");
            result.emplace(name, entry.get<std::string>());
        }
        return result;
    }

    const Json& object() const { return object_; }

private:
    const Json& object_;
    std::string path_;
    std::string context_;
    Fail fail_;
};

/// The id, when there is a readable one, so that even an error in the id's neighbours names it.
std::string id_for_messages(const Json& json) {
    if (!json.is_object()) return "";
    const auto id = json.find("id");
    return id != json.end() && id->is_string() ? id->get<std::string>() : "";
}

/// The keys of each object being read, innermost last: a key given twice in one object would
/// otherwise silently keep its last value ("unit_price" twice: which one was paid?).
class DuplicateKeyCheck {
public:
    /// The path of the first key given twice: "items[0].unit_price".
    std::optional<std::string> duplicate;

    bool operator()(int, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
                count_element();
                open_.push_back({false, -1, {}, {}});
                break;
            case Json::parse_event_t::array_start:
                count_element();
                open_.push_back({true, -1, {}, {}});
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end: open_.pop_back(); break;
            case Json::parse_event_t::key: {
                Open& object = open_.back();
                object.key = parsed.get_ref<const std::string&>();
                if (!duplicate && std::find(object.keys.begin(), object.keys.end(), object.key) != object.keys.end()) {
                    duplicate = path();
                }
                object.keys.push_back(object.key);
                break;
            }
            case Json::parse_event_t::value: count_element(); break;
        }
        return true;
    }

private:
    struct Open {
        bool array;
        long index;
        std::string key;
        std::vector<std::string> keys;
    };

    void count_element() {
        if (!open_.empty() && open_.back().array) ++open_.back().index;
    }

    std::string path() const {
        std::string text;
        for (const Open& open : open_) {
            if (open.array) {
                text += "[" + std::to_string(open.index) + "]";
            } else {
                text += (text.empty() ? "" : ".") + open.key;
            }
        }
        return text;
    }

    std::vector<Open> open_;
};

Json parse_json(std::string_view text, void (*fail)(const std::string&, const std::string&, const std::string&)) {
    DuplicateKeyCheck check;
    Json json;
    try {
        json = Json::parse(text.begin(), text.end(), std::ref(check));
    } catch (const Json::exception& error) {
        // A syntax error, or a number too large for any type ("1E400"): either way, not ours to read.
        fail("", "", std::string("not valid JSON: ") + error.what());
        throw;
    }
    if (check.duplicate) fail(id_for_messages(json), *check.duplicate, "given twice in one object; give each field once");
    return json;
}


[[noreturn]] void fail_transaction(const std::string& id, const std::string& field, const std::string& message) {
    throw TransactionError("T100", id, field, message);
}

[[noreturn]] void fail_member(const std::string& id, const std::string& field, const std::string& message) {
    throw Error("M100", "member '" + id + "'" + (field.empty() ? "" : ", " + field) + ": error[M100]: " + message);
}

TransactionKind read_kind(const ObjectReader& reader) {
    const std::string kind = reader.text("kind", true);
    if (kind == "purchase") return TransactionKind::purchase;
    if (kind == "return") return TransactionKind::product_return;
    if (kind == "event") return TransactionKind::event;
    reader.fail("kind", "'" + kind + "' is not one of: purchase, return, event");
}

LineItem read_item(const Json& json, std::size_t index, const std::string& id, Currency currency) {
    const ObjectReader reader(json, "items[" + std::to_string(index) + "]", id, fail_transaction,
                              {"sku", "category", "unit_price", "quantity", "discount", "attributes"});
    LineItem item;
    item.sku = reader.text("sku", false);
    item.category = reader.text("category", false);
    item.unit_price = reader.money("unit_price", currency, true);
    item.quantity = reader.whole_number("quantity", 1);
    if (reader.find("discount")) item.discount = reader.money("discount", currency, true);
    item.attributes = reader.attributes("attributes");
    return item;
}

Date read_date(const ObjectReader& reader, std::string_view key) {
    const std::string text = reader.text(key, true);
    const auto date = Date::parse(text);
    if (!date) reader.fail(key, "'" + text + "' is not a date YYYY-MM-DD that exists");
    return *date;
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

}  // namespace

Transaction transaction_from_json(std::string_view text) {
    if (text.size() > limits::transaction_json_bytes_max) {
        fail_transaction("", "", "longer than " + std::to_string(limits::transaction_json_bytes_max) +
                                     " bytes, the most one transaction takes");
    }
    const Json json = parse_json(text, fail_transaction);
    const std::string id = id_for_messages(json);
    const ObjectReader reader(json, "", id, fail_transaction,
                              {"id", "member", "at", "kind", "channel", "event", "original_transaction",
                               "currency", "items", "coupons", "shipping", "tax", "points_payment", "attributes"});

    Transaction transaction;
    transaction.id = reader.text("id", true);
    transaction.member_id = reader.text("member", true);
    const std::string at = reader.text("at", true);
    const auto timestamp = Timestamp::parse(at);
    if (!timestamp) {
        reader.fail("at", "'" + at + "' is not a time such as 2026-03-02T10:15:00-05:00 (the offset is required)");
    }
    transaction.at = *timestamp;
    transaction.kind = read_kind(reader);
    transaction.channel = reader.text("channel", false);
    transaction.event_name = reader.text("event", false);
    transaction.original_transaction_id = reader.text("original_transaction", false);
    const std::string code = reader.text("currency", true);
    const auto currency = Currency::find(code);
    if (!currency) reader.fail("currency", "'" + code + "' is not an ISO 4217 currency code");
    transaction.currency = *currency;
    if (const Json* items = reader.find("items")) {
        if (!items->is_array()) reader.fail("items", "expected a list of items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            transaction.items.push_back(read_item((*items)[i], i, id, *currency));
        }
    }
    if (const Json* coupons = reader.find("coupons")) {
        if (!coupons->is_array()) reader.fail("coupons", "expected a list of coupon ids");
        for (const Json& coupon : *coupons) {
            if (!coupon.is_string()) reader.fail("coupons", "coupon ids are strings");
            transaction.coupons.push_back(coupon.get<std::string>());
        }
    }
    if (reader.find("shipping")) transaction.shipping = reader.money("shipping", *currency, true);
    if (reader.find("tax")) transaction.tax = reader.money("tax", *currency, true);
    transaction.points_payment = reader.whole_number("points_payment", 0);
    transaction.attributes = reader.attributes("attributes");
    return transaction;
}

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
    const bool control = std::any_of(member.id.begin(), member.id.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f;
    });
    if (member.id.empty() || member.id.size() > limits::identifier_length_max || control) {
        reader.fail("id", "a member id is 1 to " + std::to_string(limits::identifier_length_max) +
                              " characters, none of them a control character");
    }
    member.tier = reader.text("tier", false);
    if (reader.find("tier_kept_until")) member.tier_kept_until = read_date(reader, "tier_kept_until");
    member.store_credit = reader.whole_number("store_credit", 0);
    if (const Json* coupons = reader.find("coupons")) {
        if (!coupons->is_array()) reader.fail("coupons", "expected a list");
        for (std::size_t i = 0; i < coupons->size(); ++i) {
            Coupon coupon = read_coupon((*coupons)[i], i, id);
            const std::string coupon_id = coupon.id;
            if (!member.coupons.emplace(coupon_id, std::move(coupon)).second) {
                reader.fail("coupons[" + std::to_string(i) + "].id", "coupon '" + coupon_id + "' is listed twice");
            }
        }
        member.find_earliest_coupon_end();
    }
    if (const Json* counters = reader.find("counters")) {
        if (!counters->is_array()) reader.fail("counters", "expected a list");
        for (std::size_t i = 0; i < counters->size(); ++i) {
            const ObjectReader entry((*counters)[i], "counters[" + std::to_string(i) + "]", id, fail_member,
                                     {"counter", "day", "value"});
            member.counters.push_back({entry.text("counter", true), read_date(entry, "day"), entry.whole_number("value", 0)});
        }
    }
    if (const Json* purchases = reader.find("purchases")) {
        if (!purchases->is_array()) reader.fail("purchases", "expected a list");
        for (std::size_t i = 0; i < purchases->size(); ++i) {
            PurchaseRecord record = read_purchase((*purchases)[i], i, id);
            const std::string purchase_id = record.id;
            if (!member.purchases.emplace(purchase_id, std::move(record)).second) {
                reader.fail("purchases[" + std::to_string(i) + "].id", "purchase '" + purchase_id + "' is listed twice");
            }
        }
    }
    member.owed = Points{reader.whole_number("owed", 0)};
    if (member.owed.value < 0 || member.owed.value > Points::value_max) reader.fail("owed", "owed points are 0 or more");
    if (reader.find("last_active_on")) member.last_active_on = read_date(reader, "last_active_on");
    if (reader.find("latest_day")) member.latest_day = read_date(reader, "latest_day");
    if (reader.find("forgotten_as_of")) member.forgotten_as_of = read_date(reader, "forgotten_as_of");
    member.below_zero = Points{reader.whole_number("below_zero", 0)};
    if (member.below_zero.value < 0 || member.below_zero.value > Points::value_max) {
        reader.fail("below_zero", "points below zero are 0 or more");
    }
    if (const Json* uses = reader.find("rule_uses")) {
        if (!uses->is_array()) reader.fail("rule_uses", "expected a list");
        for (std::size_t i = 0; i < uses->size(); ++i) {
            const ObjectReader entry((*uses)[i], "rule_uses[" + std::to_string(i) + "]", id, fail_member,
                                     {"rule", "period_start"});
            member.rule_uses.insert({entry.text("rule", true), read_date(entry, "period_start")});
        }
    }
    member.attributes = reader.attributes("attributes");
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
    if (const Json* recent = reader.find("recent_transactions")) {
        if (!recent->is_array()) reader.fail("recent_transactions", "expected a list");
        for (std::size_t i = 0; i < recent->size(); ++i) {
            const ObjectReader entry((*recent)[i], "recent_transactions[" + std::to_string(i) + "]", id, fail_member,
                                     {"id", "fingerprint"});
            const std::string digest = entry.text("fingerprint", true);
            std::size_t used = 0;
            std::uint64_t value = 0;
            try {
                value = std::stoull(digest, &used, 16);
            } catch (const std::exception&) {
                used = 0;
            }
            if (digest.size() != 16 || used != digest.size()) {
                entry.fail("fingerprint", "expected 16 hexadecimal digits");
            }
            member.recent_transactions.push_back({entry.text("id", true), value});
        }
    }
    return member;
}

}  // namespace loyalty
