#include <stdexcept>

#include "json/json_text_writer.hpp"
#include "loyalty/json.hpp"

namespace loyalty {
namespace {

using detail::JsonTextWriter;

void write_attributes(JsonTextWriter& json, const Attributes& attributes) {
    json.begin_object();
    for (const auto& [name, value] : attributes) json.field(name, value);
    json.end_object();
}

void write_coupon(JsonTextWriter& json, const Coupon& coupon) {
    json.begin_object().field("id", coupon.id).field("description", coupon.description);
    switch (coupon.benefit) {
        case CouponBenefit::percent_off:
            json.field("percent_off", coupon.percent.to_string()).field("rounding", to_string(coupon.rounding));
            break;
        case CouponBenefit::amount_off:
            json.field("amount_off", coupon.amount.amount_text()).field("currency", coupon.amount.currency().code());
            break;
        case CouponBenefit::free_item: json.field("free_item", coupon.sku); break;
    }
    json.field("valid_from", coupon.valid_from.to_string()).field("valid_until", coupon.valid_until.to_string());
    if (!coupon.used_by.empty()) json.field("used_by", coupon.used_by);
    json.end_object();
}

void write_texts(JsonTextWriter& json, const std::vector<std::string>& texts) {
    json.begin_array();
    for (const std::string& text : texts) json.value(text);
    json.end_array();
}

void write_purchase(JsonTextWriter& json, const PurchaseRecord& record) {
    json.begin_object().field("id", record.id).field("day", record.day.to_string());
    if (record.at) json.field("at", record.at->to_string());
    json.key("lines").begin_array();
    for (const auto& line : record.lines) {
        json.begin_object()
            .field("sku", line.sku)
            .field("quantity", line.quantity)
            .field("paid", line.paid)
            .field("returned_quantity", line.returned_quantity)
            .end_object();
    }
    json.end_array().field("points", record.points);
    json.key("counted").begin_array();
    for (std::size_t k = 0; k < record.counted.size(); ++k) {
        json.begin_object()
            .field("counter", record.counted[k].counter_id)
            .field("bucket", record.counted[k].bucket.to_string())
            .field("amount", record.counted[k].amount)
            .field("taken_back", record.counted_taken_back[k])
            .end_object();
    }
    json.end_array();
    json.key("coupons_used");
    write_texts(json, record.coupons_used);
    json.field("returned_paid", record.returned_paid).field("points_taken_back", record.points_taken_back);
    if (record.points_paid != 0) {
        json.field("points_paid", record.points_paid);
        if (record.points_paid_expires_on) json.field("points_paid_expires_on", record.points_paid_expires_on->to_string());
        json.field("points_paid_back", record.points_paid_back);
    }
    if (record.referrer_points != 0) {
        json.field("referrer", record.referrer)
            .field("referrer_points", record.referrer_points)
            .field("referrer_points_taken_back", record.referrer_points_taken_back);
    }
    json.end_object();
}

}  // namespace

std::string to_json(const Transaction& transaction) {
    JsonTextWriter json;
    json.begin_object()
        .field("id", transaction.id)
        .field("member", transaction.member_id)
        .field("at", transaction.at.to_string())
        .field("kind", to_string(transaction.kind));
    if (!transaction.channel.empty()) json.field("channel", transaction.channel);
    if (!transaction.event_name.empty()) json.field("event", transaction.event_name);
    if (!transaction.original_transaction_id.empty()) json.field("original_transaction", transaction.original_transaction_id);
    json.field("currency", transaction.currency.code());
    json.key("items").begin_array();
    for (const LineItem& item : transaction.items) {
        json.begin_object();
        if (!item.sku.empty()) json.field("sku", item.sku);
        if (!item.category.empty()) json.field("category", item.category);
        json.field("unit_price", item.unit_price.amount_text()).field("quantity", item.quantity);
        if (item.discount) json.field("discount", item.discount->amount_text());
        if (!item.attributes.empty()) write_attributes(json.key("attributes"), item.attributes);
        json.end_object();
    }
    json.end_array();
    if (!transaction.coupons.empty()) write_texts(json.key("coupons"), transaction.coupons);
    if (transaction.shipping) json.field("shipping", transaction.shipping->amount_text());
    if (transaction.tax) json.field("tax", transaction.tax->amount_text());
    if (transaction.points_payment != 0) json.field("points_payment", transaction.points_payment);
    if (!transaction.attributes.empty()) write_attributes(json.key("attributes"), transaction.attributes);
    return json.end_object().take();
}

std::string to_json(const Member& member) {
    JsonTextWriter json;
    json.begin_object().field("id", member.id).field("tier", member.tier);
    if (member.tier_kept_until) json.field("tier_kept_until", member.tier_kept_until->to_string());
    json.field("store_credit", member.store_credit).field("points", member.points().value);
    json.key("lots").begin_array();
    for (const PointsLot& lot : member.lots) {
        json.begin_object().field("id", lot.id).field("earned_on", lot.earned_on.to_string());
        if (lot.expires_on) json.field("expires_on", lot.expires_on->to_string());
        json.field("points", lot.points.value);
        if (lot.pending_until) json.field("pending_until", lot.pending_until->to_string());
        json.end_object();
    }
    json.end_array();
    json.key("coupons").begin_array();
    for (const Coupon* coupon : member.coupons_by_id()) write_coupon(json, *coupon);
    json.end_array();
    json.key("counters").begin_array();
    for (const CounterBucket& bucket : member.counters) {
        json.begin_object()
            .field("counter", bucket.counter_id)
            .field("day", bucket.day.to_string())
            .field("value", bucket.value)
            .end_object();
    }
    json.end_array();
    json.key("rule_uses").begin_array();
    for (const RuleUse& use : member.rule_uses) {
        json.begin_object().field("rule", use.rule_id).field("period_start", use.period_start.to_string()).end_object();
    }
    json.end_array();
    json.key("purchases").begin_array();
    for (const PurchaseRecord* record : member.purchases_by_id()) write_purchase(json, *record);
    json.end_array();
    json.field("owed", member.owed.value);
    if (member.last_active_on) json.field("last_active_on", member.last_active_on->to_string());
    if (member.latest_day) json.field("latest_day", member.latest_day->to_string());
    if (member.forgotten_as_of) json.field("forgotten_as_of", member.forgotten_as_of->to_string());
    if (member.below_zero.value != 0) json.field("below_zero", member.below_zero.value);
    write_attributes(json.key("attributes"), member.attributes);
    json.key("recent_transactions").begin_array();
    for (const AppliedTransaction& applied : member.recent_transactions) {
        json.begin_object().field("id", applied.id).field("fingerprint", fingerprint_text(applied.fingerprint)).end_object();
    }
    json.end_array();
    return json.end_object().take();
}

std::string to_json(const Outcome& outcome, const Program& program) {
    JsonTextWriter json;
    std::string explanation;
    json.begin_object().field("transaction", outcome.transaction_id);
    json.key("program")
        .begin_object()
        .field("name", outcome.program_name)
        .field("version", outcome.program_version)
        .end_object();
    json.field("day", outcome.day.to_string()).field("already_applied", outcome.already_applied);
    json.key("deltas").begin_array();
    for (std::size_t position = 0; position < outcome.deltas.size(); ++position) {
        const Delta& delta = outcome.deltas[position];
        explanation.clear();
        if (auto error = program.append_explanation(explanation, outcome, position)) {
            throw std::invalid_argument(error->code + ": " + error->message);
        }
        json.begin_object()
            .field("id", outcome.delta_id(delta))
            .field("kind", to_string(delta.kind))
            .field("rule", outcome.rule_id(delta))
            .field("debit", outcome.account(delta, delta.debit).to_string())
            .field("credit", outcome.account(delta, delta.credit).to_string())
            .field("unit", outcome.unit(delta))
            .field("amount", delta.amount)
            .field("explanation", explanation);
        if (delta.new_lot) {
            json.key("lot").begin_object().field("earned_on", delta.new_lot->earned_on.to_string());
            if (delta.new_lot->expires_on) json.field("expires_on", delta.new_lot->expires_on->to_string());
            json.end_object();
        }
        if (!delta.consumed_lots.empty()) {
            json.key("consumed_lots").begin_array();
            for (const LotChange& change : delta.consumed_lots) {
                json.begin_object().field("lot", change.lot_id).field("points", change.points).end_object();
            }
            json.end_array();
        }
        if (delta.coupon) write_coupon(json.key("coupon"), *delta.coupon);
        json.end_object();
    }
    json.end_array();
    if (!outcome.notices.empty()) {
        json.key("notices").begin_array();
        for (const Notice& notice : outcome.notices) {
            json.begin_object().field("code", notice.code).field("message", notice.message).end_object();
        }
        json.end_array();
    }
    if (!outcome.trace.empty()) {
        json.key("trace").begin_array();
        for (const TraceStep& step : outcome.trace) {
            json.begin_object().field("rule", step.rule_id).field("fired", step.fired).field("reason", step.reason).end_object();
        }
        json.end_array();
    }
    if (!outcome.state_changes.empty()) {
        json.key("state_changes").begin_array();
        for (const StateChange& change : outcome.state_changes) {
            json.begin_object()
                .field("kind", to_string(change.kind))
                .field("id", change.id)
                .field("day", change.day.to_string());
            if (change.kind == StateChange::Kind::count) json.field("amount", change.amount);
            if (change.purchase) json.field("purchase", change.purchase->id);
            json.end_object();
        }
        json.end_array();
    }
    return json.end_object().take();
}

}  // namespace loyalty
