#pragma once
// An outcome as a person reads it in a terminal.

#include <ostream>

#include "loyalty/outcome.hpp"
#include "loyalty/program.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::cli {

/// The transaction's heading, then one line per delta: amount, rule, explanation.
void print_outcome(std::ostream& out, const Program& program, const Transaction& transaction, const Outcome& outcome);

}  // namespace loyalty::cli
