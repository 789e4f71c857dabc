#include "eval/evaluation.hpp"

#include "ledger/lot_order.hpp"

namespace loyalty::detail {

Delta Evaluation::delta(DeltaKind kind, const std::string& rule_id, std::int64_t amount, std::string explanation,
                        const std::string& part) const {
    Delta delta;
    delta.id = outcome.buffers.take_text();
    delta.id.reserve(transaction.id.size() + rule_id.size() + part.size() + program.version.size() + 3);
    delta.id += transaction.id;
    delta.id += '/';
    delta.id += rule_id;
    if (!part.empty()) {
        delta.id += ':';
        delta.id += part;
    }
    delta.id += '@';
    delta.id += program.version;
    delta.kind = kind;
    delta.rule_id = rule_id;
    delta.unit = "points";
    delta.amount = amount;
    delta.explanation = std::move(explanation);
    return delta;
}

void Evaluation::credit_member(const Delta& delta) { insert_lot(lots, below_zero, delta); }

std::int64_t Evaluation::points_left() const {
    Points total;
    for (const PointsLot& lot : lots) {
        if (!lot.pending_until) total += lot.points;
    }
    return total.value;
}

std::int64_t Evaluation::pending_left() const {
    Points total;
    for (const PointsLot& lot : lots) {
        if (lot.pending_until) total += lot.points;
    }
    return total.value;
}

}  // namespace loyalty::detail
