#pragma once
// FNV-1a over explicit bytes: the same digest on every host, run and thread.

#include <cstdint>
#include <string_view>

namespace loyalty::detail {

class StableHash {
public:
    void add(std::string_view text) {
        add_number(static_cast<std::int64_t>(text.size()));  // length first: "ab","c" ≠ "a","bc"
        for (char c : text) add_byte(static_cast<unsigned char>(c));
    }
    void add_number(std::int64_t value) {
        const auto bits = static_cast<std::uint64_t>(value);
        // A zero byte leaves the xor as it was, so the high zero bytes of a small number are one
        // multiplication by a power of the prime: the same digest, with far fewer steps each
        // waiting on the last.
        int significant = 0;
        while (significant < 8 && (bits >> (8 * significant)) != 0) ++significant;
        for (int i = 0; i < significant; ++i) add_byte(static_cast<unsigned char>(bits >> (8 * i)));
        hash_ *= prime_powers[8 - significant];
    }
    std::uint64_t value() const { return hash_; }

private:
    static constexpr std::uint64_t prime = 0x100000001b3ULL;
    /// prime⁰ … prime⁸, modulo 2⁶⁴ as the hash multiplies.
    static constexpr std::uint64_t prime_powers[9] = {1,
                                                      prime,
                                                      prime * prime,
                                                      prime * prime * prime,
                                                      prime * prime * prime * prime,
                                                      prime * prime * prime * prime * prime,
                                                      prime * prime * prime * prime * prime * prime,
                                                      prime * prime * prime * prime * prime * prime * prime,
                                                      prime * prime * prime * prime * prime * prime * prime * prime};

    void add_byte(unsigned char byte) {
        hash_ ^= byte;
        hash_ *= prime;
    }
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};


}  // namespace loyalty::detail
