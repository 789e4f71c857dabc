#pragma once
// The engine's way into an EvaluatorState, which hosts see as opaque.

#include "eval/evaluation_buffers.hpp"
#include "loyalty/evaluator_state.hpp"

namespace loyalty::detail {

struct EvaluatorStateAccess {
    /// A state moved from has no buffers: it gets new ones.
    static EvaluationBuffers& buffers(EvaluatorState& state) {
        if (!state.buffers_) state.buffers_ = std::make_unique<EvaluationBuffers>();
        return *state.buffers_;
    }
};

}  // namespace loyalty::detail
