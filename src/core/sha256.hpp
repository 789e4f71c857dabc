#pragma once
// SHA-256 (FIPS 180-4): the digest that names a program by its content, fingerprints transactions
// and chains a ledger's transactions. A collision must be out of reach of anyone who edits a file
// on purpose. It needs no heap and no library, so that the core runs the same on firmware.

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace loyalty::detail {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// Lowercase hex, 64 characters.
std::string to_hex(const Sha256Digest& digest);

class Sha256 {
public:
    Sha256() { restart(); }

    /// Gathered into a block, compressed when the block is full: a transaction or a ledger row is
    /// some forty short fields, and most of them only copy a few bytes.
    void add(std::string_view bytes) {
        if (bytes.size() >= sizeof block_ - used_) {
            absorb(bytes);
            return;
        }
        std::memcpy(block_ + used_, bytes.data(), bytes.size());
        used_ += bytes.size();
    }
    /// `field` with its length before it, so that no two sequences of fields hash alike.
    void add_field(std::string_view field);
    /// `number` in decimal digits, then ':'.
    void add_number(std::int64_t number);
    /// The digest of everything added since construction or the last `finish`, which starts over.
    Sha256Digest finish();

private:
    void absorb(std::string_view bytes);
    void restart();

    std::uint32_t state_[8];
    unsigned char block_[64];
    /// Bytes in `block_`, always fewer than 64.
    std::size_t used_ = 0;
    /// Bytes compressed before `block_`.
    std::uint64_t compressed_ = 0;
};

}  // namespace loyalty::detail
