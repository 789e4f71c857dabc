#pragma once
// A digest of a whole transaction, to tell a resent transaction from a different one.

#include <cstdint>

#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// FNV-1a over every field in a fixed order: the same on every host, run and thread.
std::uint64_t fingerprint(const Transaction& transaction);

}  // namespace loyalty::detail
