#pragma once
// Limits on what the member's own earn rules give: per transaction, per day, month or year.

#include <cstddef>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Applies every cap, in the order written, to the earn deltas from `first_earn` on: trims them
/// (the rules listed last first) or, for a cap that rejects, drops them all with a notice. A
/// once-limited rule whose points a cap took entirely stays unused. Period caps count what is
/// finally awarded.
void apply_caps(Evaluation& evaluation, std::size_t first_earn);

}  // namespace loyalty::detail
