#pragma once
// The working memory of evaluations, apart from their results, which a host reuses per thread.

#include <cstddef>
#include <memory>

namespace loyalty {

namespace detail {
struct EvaluationBuffers;
struct EvaluatorStateAccess;
}  // namespace detail

/// What an evaluation works in besides its result: the lots it credits, the member's lots in
/// order when a step changes them, line costs, counter values, the earn rules' plan, and the
/// memory of earlier deltas, state changes and lots that new ones are written into; and what members drop as outcomes are applied with it. A host keeps one
/// per thread and passes it to every evaluation and apply there, as cel-cpp's evaluator state:
/// they then allocate nothing in steady state. It is never
/// part of a result, holds nothing a later evaluation depends on (each overwrites it), and is
/// bounded, however many evaluations it serves. Not thread-safe: one state per thread.
class EvaluatorState {
public:
    EvaluatorState();
    ~EvaluatorState();
    EvaluatorState(EvaluatorState&&) noexcept;
    EvaluatorState& operator=(EvaluatorState&&) noexcept;
    EvaluatorState(const EvaluatorState&) = delete;
    EvaluatorState& operator=(const EvaluatorState&) = delete;

    /// The items (lots, lots taken, deltas, state changes, and what applying outcomes
    /// dropped) it keeps for the next evaluation and apply: at most `items_kept_max`.
    std::size_t items_kept() const;
    static constexpr std::size_t items_kept_max = 1920;

private:
    friend struct detail::EvaluatorStateAccess;
    std::unique_ptr<detail::EvaluationBuffers> buffers_;
};

}  // namespace loyalty
