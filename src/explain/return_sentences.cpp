#include "explain/sentences.hpp"

namespace loyalty::detail {
namespace {

/// The purchase record a return's outcome keeps: the lines it names are its.
const PurchaseRecord* returned_record(Sentence& sentence) {
    const auto& changes = sentence.outcome.state_changes;
    for (auto change = changes.rbegin(); change != changes.rend(); ++change) {
        if (change->kind == StateChange::Kind::record_purchase && change->purchase) return &*change->purchase;
    }
    sentence.mark_broken();
    return nullptr;
}

/// "Return of 1 × latte from purchase t1: 4.50 USD of 12.00 USD paid"
void append_returned(Sentence& sentence) {
    const PurchaseRecord* record = returned_record(sentence);
    if (record == nullptr) return;
    sentence.append("Return of ");
    const std::size_t lines = sentence.extra_groups(2);
    for (std::size_t i = 0; i < lines; ++i) {
        const PurchaseRecord::Line* line = sentence.item_at(record->lines, sentence.extra(i, 0, 2));
        if (line == nullptr) return;
        if (i > 0) sentence.append(", ");
        sentence.append_number(sentence.extra(i, 1, 2));
        sentence.append(" × ");
        sentence.append(line->sku);
    }
    sentence.append(" from purchase ");
    sentence.append(record->id);
    sentence.append(": ");
    sentence.append_money(sentence.number(0));
    sentence.append(" of ");
    sentence.append_money(sentence.number(1));
    sentence.append(" paid; ");
}

/// What the points were: the buyer's " earned on it", or the referrer's.
void append_whose(Sentence& sentence) {
    if (sentence.delta == nullptr || sentence.delta->owner == 0) {
        sentence.append(" earned on it");
        return;
    }
    sentence.append(" for referring ");
    sentence.append(sentence.outcome.member_id);
}

}  // namespace

void refund_sentence(Sentence& sentence) {
    append_returned(sentence);
    sentence.append_points(sentence.amount());
    sentence.append(" of the ");
    sentence.append_points(sentence.number(2));
    sentence.append(" that paid for it given back");
    if (sentence.delta && sentence.delta->new_lot && sentence.delta->new_lot->expires_on) {
        sentence.append(", expiring on ");
        sentence.append_date(sentence.delta->new_lot->expires_on->days_since_epoch());
    }
    sentence.append('.');
}

void clawback_pending_sentence(Sentence& sentence) {
    append_returned(sentence);
    const std::int64_t take = sentence.number(2);
    sentence.append_points(take);
    append_whose(sentence);
    sentence.append(" taken back");
    if (sentence.amount() < take) {
        sentence.append(", ");
        sentence.append_points(sentence.amount());
        sentence.append(" of them");
    }
    sentence.append(" from pending points.");
}

void clawback_points_sentence(Sentence& sentence) {
    append_returned(sentence);
    const std::int64_t take = sentence.number(2);
    const std::int64_t from_lots = sentence.number(3);
    if (from_lots < 0 || from_lots > take) {
        sentence.mark_broken();
        return;
    }
    sentence.append_points(take);
    append_whose(sentence);
    sentence.append(" taken back");
    if (from_lots == take) {
        sentence.append('.');
    } else if (sentence.program.returns.negative_balance) {
        sentence.append(", ");
        sentence.append_points(take - from_lots);
        sentence.append(" of them below zero: the next points earned fill that first.");
    } else {
        sentence.append(", ");
        sentence.append_number(from_lots);
        sentence.append(" from the balance.");
    }
}

void clawback_owed_sentence(Sentence& sentence) {
    append_returned(sentence);
    sentence.append_points(sentence.amount());
    append_whose(sentence);
    sentence.append(" had been spent and are owed.");
}

void coupon_restore_sentence(Sentence& sentence) {
    const PurchaseRecord* record = returned_record(sentence);
    if (record == nullptr) return;
    sentence.append("The whole purchase ");
    sentence.append(record->id);
    sentence.append(" was returned: its coupon can be used again.");
}

}  // namespace loyalty::detail
