#pragma once
// Points into rewards: on request, or as soon as the balance reaches a redemption's points.

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// An event named "redeem" asks for the redemption named by its attribute "redemption".
/// Refuses the transaction with T040 (not enough points) or T041 (no such redemption).
void redeem_on_request(Evaluation& evaluation);
/// Each automatic redemption, in the order written, once, when the points left reach it.
void redeem_automatically(Evaluation& evaluation);

}  // namespace loyalty::detail
