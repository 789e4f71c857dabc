#pragma once
// Counts the heap allocations of the whole process: the benchmark binaries replace the global
// operator new to tell how many an evaluation makes.

#include <cstdint>

namespace bench {

/// Allocations made so far, by any thread.
std::uint64_t allocations();
/// Bytes allocated and not yet freed, as the allocator counts them (its rounding included).
std::int64_t live_bytes();

}  // namespace bench
