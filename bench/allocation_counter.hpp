#pragma once
// Counts the heap allocations of the whole process: the benchmark binaries replace the global
// operator new to tell how many an evaluation makes.

#include <cstdint>

namespace bench {

/// Allocations made so far, by any thread.
std::uint64_t allocations();

}  // namespace bench
