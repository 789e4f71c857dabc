#pragma once
// The read-only member view behind Program::summarize.

#include "compile/compiled_program.hpp"
#include "loyalty/member.hpp"
#include "loyalty/member_summary.hpp"
#include "loyalty/result.hpp"

namespace loyalty::detail {

/// T030 for a member whose balances lie past the range of exact arithmetic.
Result<MemberSummary> summarize(const CompiledProgram& program, const Member& member, Date today, int expiring_within_days);

}  // namespace loyalty::detail
