#pragma once
// The member's lots as the steps of one evaluation leave them, read in place.

#include <cstdint>
#include <vector>

#include "eval/evaluation_buffers.hpp"
#include "eval/points_spending.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// Most evaluations only add to a member's points: the lots are read where the member keeps
/// them, and what the evaluation credits is kept beside them, in a small overlay. Only a step that
/// spends, expires, releases or takes back points needs them in spending order with its changes:
/// `in_order` then copies them once into the evaluator's buffers, the overlay inserted.
class EvaluationLots {
public:
    EvaluationLots(const std::vector<PointsLot>& member_lots, EvaluationBuffers& buffers);

    /// Every lot in spending order, for a step that changes them or reads them in order.
    std::vector<PointsLot>& in_order();
    /// Credits the points of `delta`, one of `outcome`'s, which makes a lot, to the member: they
    /// fill `below_zero` first (pending points do not).
    void credit(const Delta& delta, const Outcome& outcome, Points& below_zero);
    /// The points the lots hold in `state`.
    std::int64_t total(LotState state) const;
    /// Whether `test` holds for any lot, without copying them.
    template <typename Test>
    bool any_of(Test test) const {
        for (const PointsLot& lot : *read_) {
            if (test(lot)) return true;
        }
        for (const PointsLot& lot : buffers_.credited_lots) {
            if (test(lot)) return true;
        }
        return false;
    }
    /// Calls `visit` with every lot, in no promised order.
    template <typename Visit>
    void for_each(Visit visit) const {
        for (const PointsLot& lot : *read_) visit(lot);
        for (const PointsLot& lot : buffers_.credited_lots) visit(lot);
    }

private:
    /// The member's lots until in_order copies them, the copy after.
    const std::vector<PointsLot>* read_;
    const std::vector<PointsLot>& member_lots_;
    EvaluationBuffers& buffers_;
    bool copied_ = false;
};

}  // namespace loyalty::detail
