#pragma once
// Limits on what the member's own earn rules give: per transaction, per day, month or year.

#include <cstdint>

#include "eval/evaluation.hpp"

namespace loyalty::detail {

/// Applies every cap, in the order written, to the buyer's points in the planned earns, before
/// any delta is made: trims them (the rules listed last first) and notes the cap on the entry
/// that says so, or, for a cap that rejects, takes them all with a notice. Returns the points
/// left to award.
std::int64_t apply_caps(Evaluation& evaluation);
/// Period caps count what was finally awarded.
void count_toward_caps(Evaluation& evaluation, std::int64_t awarded);

}  // namespace loyalty::detail
