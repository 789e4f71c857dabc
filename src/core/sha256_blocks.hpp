#pragma once
// SHA-256's compression of 64-byte blocks (FIPS 180-4), in two implementations that give the same
// words: portable C++ for every CPU, and the SHA extensions of x86-64 where the CPU has them.

#include <cstddef>
#include <cstdint>

namespace loyalty::detail {

using Sha256Compression = void (*)(std::uint32_t state[8], const unsigned char* blocks, std::size_t count);

/// Folds `count` blocks of 64 bytes into `state`, on any CPU.
void compress_portably(std::uint32_t state[8], const unsigned char* blocks, std::size_t count);

/// The compression with the CPU's SHA extensions, or null on a CPU (or an architecture) without them.
Sha256Compression compression_with_sha_extensions();

/// The fastest compression this CPU has, chosen once.
Sha256Compression sha256_compression();

}  // namespace loyalty::detail
