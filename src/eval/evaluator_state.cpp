#include "loyalty/evaluator_state.hpp"

#include <new>

#include <boost/core/no_exceptions_support.hpp>

#include "eval/evaluation_buffers.hpp"
#include "eval/evaluator_state_access.hpp"
#include "ledger/member_fold.hpp"

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
    const auto is_new = detail::is_new_to(member, outcome);
    if (!is_new) return is_new.error();
    if (!*is_new) return std::nullopt;
    // Folding throws nothing; only memory running out can, where the build has exceptions.
    BOOST_TRY {
        return detail::fold_into(member, outcome, &detail::EvaluatorStateAccess::buffers(state).fold);
    }
    BOOST_CATCH(const std::bad_alloc&) {
        return EvaluationError{"T099", outcome.transaction_id, "", "out of memory"};
    }
    BOOST_CATCH_END
}

}  // namespace loyalty
