#pragma once
// The canonical content of a rule file, digested.

#include "loyalty/program_digest.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// The digest of `tree` as values: each scalar's text and whether it was written plain (a plain
/// `1` is a number, a quoted "1" a text), sequences in order, mappings in the order of their keys.
ProgramDigest digest_of(const RuleNode& tree);

}  // namespace loyalty::detail
