#include "outcome_difference.hpp"

#include <optional>
#include <vector>

namespace test {
namespace {

using loyalty::Account;
using loyalty::Coupon;
using loyalty::Date;
using loyalty::Delta;
using loyalty::PurchaseRecord;
using loyalty::StateChange;
using loyalty::Timestamp;

/// Walks two values side by side and keeps the first difference.
class Comparison {
public:
    std::string difference;

    void field(const std::string& path, const std::string& a, const std::string& b) {
        if (difference.empty() && a != b) difference = path + ": '" + a + "', '" + b + "'";
    }
    void field(const std::string& path, std::int64_t a, std::int64_t b) {
        if (difference.empty() && a != b) difference = path + ": " + std::to_string(a) + ", " + std::to_string(b);
    }
    void field(const std::string& path, bool a, bool b) { field(path, std::int64_t{a}, std::int64_t{b}); }
    void field(const std::string& path, Date a, Date b) { field(path, a.to_string(), b.to_string()); }
    void field(const std::string& path, Timestamp a, Timestamp b) { field(path, a.to_string(), b.to_string()); }
    void field(const std::string& path, const Account& a, const Account& b) { field(path, a.to_string(), b.to_string()); }

    template <typename T>
    void field(const std::string& path, const std::optional<T>& a, const std::optional<T>& b) {
        field(path + ".has_value", a.has_value(), b.has_value());
        if (a && b) field(path, *a, *b);
    }
    template <typename T>
    void field(const std::string& path, const std::vector<T>& a, const std::vector<T>& b) {
        field(path + ".size", static_cast<std::int64_t>(a.size()), static_cast<std::int64_t>(b.size()));
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) field(path + "[" + std::to_string(i) + "]", a[i], b[i]);
    }

    void field(const std::string& path, const loyalty::LotChange& a, const loyalty::LotChange& b) {
        field(path + ".lot_id", a.lot_id, b.lot_id);
        field(path + ".points", a.points, b.points);
    }
    void field(const std::string& path, const loyalty::NewLot& a, const loyalty::NewLot& b) {
        field(path + ".earned_on", a.earned_on, b.earned_on);
        field(path + ".expires_on", a.expires_on, b.expires_on);
        field(path + ".pending_until", a.pending_until, b.pending_until);
    }
    void field(const std::string& path, const Coupon& a, const Coupon& b) {
        field(path + ".id", a.id, b.id);
        field(path + ".description", a.description, b.description);
        field(path + ".benefit", static_cast<std::int64_t>(a.benefit), static_cast<std::int64_t>(b.benefit));
        field(path + ".percent", a.percent.to_string(), b.percent.to_string());
        field(path + ".amount", a.amount.to_string(), b.amount.to_string());
        field(path + ".sku", a.sku, b.sku);
        field(path + ".rounding", static_cast<std::int64_t>(a.rounding), static_cast<std::int64_t>(b.rounding));
        field(path + ".valid_from", a.valid_from, b.valid_from);
        field(path + ".valid_until", a.valid_until, b.valid_until);
        field(path + ".used_by", a.used_by, b.used_by);
    }
    void field(const std::string& path, const loyalty::DeltaPart& a, const loyalty::DeltaPart& b) {
        field(path + ".kind", static_cast<std::int64_t>(a.kind), static_cast<std::int64_t>(b.kind));
        field(path + ".number", std::int64_t{a.number}, std::int64_t{b.number});
        field(path + ".text", a.text, b.text);
    }
    void field(const std::string& path, const loyalty::Reason& a, const loyalty::Reason& b) {
        field(path + ".kind", static_cast<std::int64_t>(a.kind), static_cast<std::int64_t>(b.kind));
        field(path + ".subject", std::int64_t{a.subject}, std::int64_t{b.subject});
        for (std::size_t i = 0; i < a.numbers.size(); ++i) {
            field(path + ".numbers[" + std::to_string(i) + "]", a.numbers[i], b.numbers[i]);
        }
        field(path + ".first_extra", std::int64_t{a.first_extra}, std::int64_t{b.first_extra});
        field(path + ".extra_count", std::int64_t{a.extra_count}, std::int64_t{b.extra_count});
        field(path + ".first_cap_note", std::int64_t{a.first_cap_note}, std::int64_t{b.first_cap_note});
        field(path + ".cap_note_count", std::int64_t{a.cap_note_count}, std::int64_t{b.cap_note_count});
    }
    void field(const std::string& path, const Delta& a, const Delta& b) {
        field(path + ".part", a.part, b.part);
        field(path + ".kind", static_cast<std::int64_t>(a.kind), static_cast<std::int64_t>(b.kind));
        field(path + ".rule", std::int64_t{a.rule}, std::int64_t{b.rule});
        field(path + ".owner", std::int64_t{a.owner}, std::int64_t{b.owner});
        field(path + ".debit", static_cast<std::int64_t>(a.debit), static_cast<std::int64_t>(b.debit));
        field(path + ".credit", static_cast<std::int64_t>(a.credit), static_cast<std::int64_t>(b.credit));
        field(path + ".amount", a.amount, b.amount);
        field(path + ".reason", a.reason, b.reason);
        field(path + ".new_lot", a.new_lot, b.new_lot);
        field(path + ".consumed_lots", a.consumed_lots, b.consumed_lots);
        field(path + ".coupon", a.coupon, b.coupon);
    }
    void field(const std::string& path, const PurchaseRecord::Line& a, const PurchaseRecord::Line& b) {
        field(path + ".sku", a.sku, b.sku);
        field(path + ".quantity", a.quantity, b.quantity);
        field(path + ".paid", a.paid, b.paid);
        field(path + ".returned_quantity", a.returned_quantity, b.returned_quantity);
    }
    void field(const std::string& path, const PurchaseRecord::Counted& a, const PurchaseRecord::Counted& b) {
        field(path + ".counter_id", a.counter_id, b.counter_id);
        field(path + ".bucket", a.bucket, b.bucket);
        field(path + ".amount", a.amount, b.amount);
    }
    void field(const std::string& path, const PurchaseRecord& a, const PurchaseRecord& b) {
        field(path + ".id", a.id, b.id);
        field(path + ".day", a.day, b.day);
        field(path + ".at", a.at, b.at);
        field(path + ".lines", a.lines, b.lines);
        field(path + ".points", a.points, b.points);
        field(path + ".referrer", a.referrer, b.referrer);
        field(path + ".referrer_points", a.referrer_points, b.referrer_points);
        field(path + ".counted", a.counted, b.counted);
        field(path + ".coupons_used", a.coupons_used, b.coupons_used);
        field(path + ".points_paid", a.points_paid, b.points_paid);
        field(path + ".points_paid_expires_on", a.points_paid_expires_on, b.points_paid_expires_on);
        field(path + ".returned_paid", a.returned_paid, b.returned_paid);
        field(path + ".points_taken_back", a.points_taken_back, b.points_taken_back);
        field(path + ".points_paid_back", a.points_paid_back, b.points_paid_back);
        field(path + ".referrer_points_taken_back", a.referrer_points_taken_back, b.referrer_points_taken_back);
        field(path + ".counted_taken_back", a.counted_taken_back, b.counted_taken_back);
    }
    void field(const std::string& path, const StateChange& a, const StateChange& b) {
        field(path + ".kind", static_cast<std::int64_t>(a.kind), static_cast<std::int64_t>(b.kind));
        field(path + ".owner", std::int64_t{a.owner}, std::int64_t{b.owner});
        field(path + ".id", a.id, b.id);
        field(path + ".day", a.day, b.day);
        field(path + ".amount", a.amount, b.amount);
        field(path + ".purchase", a.purchase, b.purchase);
    }
    void field(const std::string& path, const loyalty::Notice& a, const loyalty::Notice& b) {
        field(path + ".code", a.code, b.code);
        field(path + ".message", a.message, b.message);
    }
    void field(const std::string& path, const loyalty::TraceStep& a, const loyalty::TraceStep& b) {
        field(path + ".rule_id", a.rule_id, b.rule_id);
        field(path + ".fired", a.fired, b.fired);
        field(path + ".reason", a.reason, b.reason);
    }
};

}  // namespace

std::string outcome_difference(const loyalty::Outcome& a, const loyalty::Outcome& b) {
    Comparison comparison;
    comparison.field("transaction_id", a.transaction_id, b.transaction_id);
    comparison.field("member_id", a.member_id, b.member_id);
    comparison.field("transaction_fingerprint", loyalty::fingerprint_text(a.transaction_fingerprint),
                     loyalty::fingerprint_text(b.transaction_fingerprint));
    comparison.field("program_name", a.program_name, b.program_name);
    comparison.field("program_version", a.program_version, b.program_version);
    comparison.field("program_digest", a.program_digest.to_hex(), b.program_digest.to_hex());
    comparison.field("already_applied", a.already_applied, b.already_applied);
    comparison.field("deltas", a.deltas, b.deltas);
    comparison.field("reason_numbers", a.reason_numbers, b.reason_numbers);
    comparison.field("notices", a.notices, b.notices);
    comparison.field("state_changes", a.state_changes, b.state_changes);
    comparison.field("trace", a.trace, b.trace);
    comparison.field("day", a.day, b.day);
    comparison.field("other_members", a.other_members, b.other_members);
    const loyalty::RuleTable none;
    const loyalty::RuleTable& rules_a = a.rules ? *a.rules : none;
    const loyalty::RuleTable& rules_b = b.rules ? *b.rules : none;
    comparison.field("rules.ids", rules_a.ids, rules_b.ids);
    comparison.field("rules.unit_names", rules_a.unit_names, rules_b.unit_names);
    comparison.field("rules.currency", std::string(rules_a.currency.code()), std::string(rules_b.currency.code()));
    return comparison.difference;
}

}  // namespace test
