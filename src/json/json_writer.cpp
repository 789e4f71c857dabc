#include <nlohmann/json.hpp>

#include "loyalty/json.hpp"

namespace loyalty {
namespace {

// ordered_json keeps keys in insertion order: output bytes follow the code, not a hash.
using Json = nlohmann::ordered_json;

Json attributes_json(const Attributes& attributes) {
    Json object = Json::object();
    for (const auto& [name, value] : attributes) object[name] = value;
    return object;
}

Json coupon_json(const Coupon& coupon) {
    Json json{{"id", coupon.id}, {"description", coupon.description}};
    switch (coupon.benefit) {
        case CouponBenefit::percent_off:
            json["percent_off"] = coupon.percent.to_string();
            json["rounding"] = std::string(to_string(coupon.rounding));
            break;
        case CouponBenefit::amount_off:
            json["amount_off"] = coupon.amount.amount_text();
            json["currency"] = std::string(coupon.amount.currency().code());
            break;
        case CouponBenefit::free_item: json["free_item"] = coupon.sku; break;
    }
    json["valid_from"] = coupon.valid_from.to_string();
    json["valid_until"] = coupon.valid_until.to_string();
    if (!coupon.used_by.empty()) json["used_by"] = coupon.used_by;
    return json;
}

}  // namespace

std::string to_json(const Transaction& transaction) {
    Json json;
    json["id"] = transaction.id;
    json["member"] = transaction.member_id;
    json["at"] = transaction.at.to_string();
    json["kind"] = std::string(to_string(transaction.kind));
    if (!transaction.channel.empty()) json["channel"] = transaction.channel;
    if (!transaction.event_name.empty()) json["event"] = transaction.event_name;
    if (!transaction.original_transaction_id.empty()) {
        json["original_transaction"] = transaction.original_transaction_id;
    }
    json["currency"] = std::string(transaction.currency.code());
    Json items = Json::array();
    for (const LineItem& item : transaction.items) {
        Json entry;
        if (!item.sku.empty()) entry["sku"] = item.sku;
        if (!item.category.empty()) entry["category"] = item.category;
        entry["unit_price"] = item.unit_price.amount_text();
        entry["quantity"] = item.quantity;
        if (item.discount) entry["discount"] = item.discount->amount_text();
        if (!item.attributes.empty()) entry["attributes"] = attributes_json(item.attributes);
        items.push_back(std::move(entry));
    }
    json["items"] = std::move(items);
    if (!transaction.coupons.empty()) json["coupons"] = transaction.coupons;
    if (transaction.shipping) json["shipping"] = transaction.shipping->amount_text();
    if (transaction.tax) json["tax"] = transaction.tax->amount_text();
    if (transaction.points_payment != 0) json["points_payment"] = transaction.points_payment;
    if (!transaction.attributes.empty()) json["attributes"] = attributes_json(transaction.attributes);
    return json.dump();
}

std::string to_json(const Member& member) {
    Json json;
    json["id"] = member.id;
    json["tier"] = member.tier;
    if (member.tier_kept_until) json["tier_kept_until"] = member.tier_kept_until->to_string();
    json["store_credit"] = member.store_credit;
    json["points"] = member.points().value;
    Json lots = Json::array();
    for (const PointsLot& lot : member.lots) {
        Json entry{{"id", lot.id}, {"earned_on", lot.earned_on.to_string()}};
        if (lot.expires_on) entry["expires_on"] = lot.expires_on->to_string();
        entry["points"] = lot.points.value;
        if (lot.pending_until) entry["pending_until"] = lot.pending_until->to_string();
        lots.push_back(std::move(entry));
    }
    json["lots"] = std::move(lots);
    Json coupons = Json::array();
    for (const Coupon& coupon : member.coupons) coupons.push_back(coupon_json(coupon));
    json["coupons"] = std::move(coupons);
    Json counters = Json::array();
    for (const CounterBucket& bucket : member.counters) {
        counters.push_back(Json{{"counter", bucket.counter_id}, {"day", bucket.day.to_string()}, {"value", bucket.value}});
    }
    json["counters"] = std::move(counters);
    Json uses = Json::array();
    for (const RuleUse& use : member.rule_uses) {
        uses.push_back(Json{{"rule", use.rule_id}, {"period_start", use.period_start.to_string()}});
    }
    json["rule_uses"] = std::move(uses);
    Json purchases = Json::array();
    for (const PurchaseRecord& record : member.purchases) {
        Json lines = Json::array();
        for (const auto& line : record.lines) {
            lines.push_back(Json{{"sku", line.sku}, {"quantity", line.quantity}, {"paid", line.paid},
                                 {"returned_quantity", line.returned_quantity}});
        }
        Json counted = Json::array();
        for (std::size_t k = 0; k < record.counted.size(); ++k) {
            counted.push_back(Json{{"counter", record.counted[k].counter_id},
                                   {"bucket", record.counted[k].bucket.to_string()},
                                   {"amount", record.counted[k].amount},
                                   {"taken_back", record.counted_taken_back[k]}});
        }
        Json entry{{"id", record.id},
                   {"day", record.day.to_string()},
                   {"lines", std::move(lines)},
                   {"points", record.points},
                   {"counted", std::move(counted)},
                   {"coupons_used", record.coupons_used},
                   {"returned_paid", record.returned_paid},
                   {"points_taken_back", record.points_taken_back}};
        if (record.points_paid != 0) {
            entry["points_paid"] = record.points_paid;
            if (record.points_paid_expires_on) entry["points_paid_expires_on"] = record.points_paid_expires_on->to_string();
            entry["points_paid_back"] = record.points_paid_back;
        }
        purchases.push_back(std::move(entry));
    }
    json["purchases"] = std::move(purchases);
    json["owed"] = member.owed.value;
    if (member.last_active_on) json["last_active_on"] = member.last_active_on->to_string();
    if (member.below_zero.value != 0) json["below_zero"] = member.below_zero.value;
    json["attributes"] = attributes_json(member.attributes);
    Json recent = Json::array();
    for (const AppliedTransaction& applied : member.recent_transactions) {
        recent.push_back(Json{{"id", applied.id}, {"fingerprint", fingerprint_text(applied.fingerprint)}});
    }
    json["recent_transactions"] = std::move(recent);
    return json.dump();
}

std::string to_json(const Outcome& outcome) {
    Json json;
    json["transaction"] = outcome.transaction_id;
    json["program"] = Json{{"name", outcome.program_name}, {"version", outcome.program_version}};
    json["day"] = outcome.day.to_string();
    json["already_applied"] = outcome.already_applied;
    Json deltas = Json::array();
    for (const Delta& delta : outcome.deltas) {
        Json entry{{"id", delta.id},
                   {"kind", std::string(to_string(delta.kind))},
                   {"rule", delta.rule_id},
                   {"debit", delta.debit.to_string()},
                   {"credit", delta.credit.to_string()},
                   {"unit", delta.unit},
                   {"amount", delta.amount},
                   {"explanation", delta.explanation}};
        if (delta.new_lot) {
            entry["lot"] = Json{{"earned_on", delta.new_lot->earned_on.to_string()}};
            if (delta.new_lot->expires_on) entry["lot"]["expires_on"] = delta.new_lot->expires_on->to_string();
        }
        if (!delta.consumed_lots.empty()) {
            Json consumed = Json::array();
            for (const LotChange& change : delta.consumed_lots) {
                consumed.push_back(Json{{"lot", change.lot_id}, {"points", change.points}});
            }
            entry["consumed_lots"] = std::move(consumed);
        }
        if (delta.coupon) entry["coupon"] = coupon_json(*delta.coupon);
        deltas.push_back(std::move(entry));
    }
    json["deltas"] = std::move(deltas);
    if (!outcome.notices.empty()) {
        Json notices = Json::array();
        for (const Notice& notice : outcome.notices) notices.push_back(Json{{"code", notice.code}, {"message", notice.message}});
        json["notices"] = std::move(notices);
    }
    if (!outcome.trace.empty()) {
        Json trace = Json::array();
        for (const TraceStep& step : outcome.trace) {
            trace.push_back(Json{{"rule", step.rule_id}, {"fired", step.fired}, {"reason", step.reason}});
        }
        json["trace"] = std::move(trace);
    }
    if (!outcome.state_changes.empty()) {
        Json changes = Json::array();
        for (const StateChange& change : outcome.state_changes) {
            Json entry{{"kind", std::string(to_string(change.kind))}, {"id", change.id}, {"day", change.day.to_string()}};
            if (change.kind == StateChange::Kind::count) entry["amount"] = change.amount;
            if (change.purchase) entry["purchase"] = change.purchase->id;
            changes.push_back(std::move(entry));
        }
        json["state_changes"] = std::move(changes);
    }
    return json.dump();
}

}  // namespace loyalty
