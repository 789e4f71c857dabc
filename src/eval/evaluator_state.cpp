#include "loyalty/evaluator_state.hpp"

#include "eval/evaluation_buffers.hpp"
#include "eval/evaluator_state_access.hpp"
#include "ledger/member_fold.hpp"
#include "loyalty/error.hpp"

namespace loyalty {

using detail::EvaluationBuffers;

static_assert(EvaluatorState::items_kept_max == 2 * EvaluationBuffers::spare_lots_max +
                                                    2 * EvaluationBuffers::spare_deltas_max + 5 * detail::FoldPools::kept_max,
              "items_kept_max states what the buffers keep at most");

EvaluatorState::EvaluatorState() : buffers_(std::make_unique<EvaluationBuffers>()) {}
EvaluatorState::~EvaluatorState() = default;
EvaluatorState::EvaluatorState(EvaluatorState&&) noexcept = default;
EvaluatorState& EvaluatorState::operator=(EvaluatorState&&) noexcept = default;

std::size_t EvaluatorState::items_kept() const {
    if (!buffers_) return 0;
    const EvaluationBuffers& kept = *buffers_;
    return kept.spare_lots.size() + kept.spare_lot_changes.size() + kept.spare_deltas.size() + kept.spare_changes.size() +
           kept.fold.kept();
}

std::optional<EvaluationError> apply_in_place(Member& member, const Outcome& outcome, EvaluatorState& state) noexcept {
    try {
        if (detail::is_new_to(member, outcome)) {
            detail::fold_into(member, outcome, &detail::EvaluatorStateAccess::buffers(state).fold);
        }
        return std::nullopt;
    } catch (const TransactionError& error) {
        return EvaluationError{error.code(), error.transaction_id(), error.field(), error.detail()};
    } catch (const std::exception& error) {
        return EvaluationError{"T099", outcome.transaction_id, "", error.what()};
    }
}

}  // namespace loyalty
