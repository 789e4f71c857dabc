#include "eval/evaluation_lots.hpp"

#include "ledger/lot_order.hpp"

namespace loyalty::detail {

EvaluationLots::EvaluationLots(const std::vector<PointsLot>& member_lots, EvaluationBuffers& buffers)
    : read_(&member_lots), member_lots_(member_lots), buffers_(buffers) {
    for (PointsLot& lot : buffers_.credited_lots) buffers_.recycle_lot(std::move(lot));
    buffers_.credited_lots.clear();
}

std::vector<PointsLot>& EvaluationLots::in_order() {
    if (copied_) return buffers_.lots;
    buffers_.copy_lots(member_lots_);
    for (PointsLot& lot : buffers_.credited_lots) {
        if (!place_lot(buffers_.lots, lot)) buffers_.recycle_lot(std::move(lot));
    }
    buffers_.credited_lots.clear();
    copied_ = true;
    read_ = &buffers_.lots;
    return buffers_.lots;
}

void EvaluationLots::credit(const Delta& delta, const Outcome& outcome, Points& below_zero) {
    // Into the lots in order once they are copied; into the overlay, in the same order, before.
    std::vector<PointsLot>& lots = copied_ ? buffers_.lots : buffers_.credited_lots;
    PointsLot lot = buffers_.take_lot();
    if (!insert_lot(lots, below_zero, delta, outcome, lot)) buffers_.recycle_lot(std::move(lot));
}

std::int64_t EvaluationLots::total(LotState state) const {
    return lots_total(*read_, state) + lots_total(buffers_.credited_lots, state);
}

}  // namespace loyalty::detail
