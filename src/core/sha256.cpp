#include "core/sha256.hpp"

#include "core/hex_digit.hpp"
#include "core/sha256_blocks.hpp"

namespace loyalty::detail {

std::string to_hex(const Sha256Digest& digest) {
    return hex_of_bytes(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

void Sha256::restart() {
    static constexpr std::uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::memcpy(state_, initial, sizeof state_);
    used_ = 0;
    compressed_ = 0;
}

void Sha256::absorb(std::string_view bytes) {
    const Sha256Compression compress = sha256_compression();
    const auto* next = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t left = bytes.size();
    if (used_ > 0) {
        const std::size_t filling = sizeof block_ - used_;
        std::memcpy(block_ + used_, next, filling);
        compress(state_, block_, 1);
        compressed_ += sizeof block_;
        next += filling;
        left -= filling;
        used_ = 0;
    }
    const std::size_t whole_blocks = left / sizeof block_;
    if (whole_blocks > 0) {
        compress(state_, next, whole_blocks);
        compressed_ += whole_blocks * sizeof block_;
        next += whole_blocks * sizeof block_;
        left -= whole_blocks * sizeof block_;
    }
    std::memcpy(block_, next, left);
    used_ = left;
}

void Sha256::add_field(std::string_view field) {
    add_number(static_cast<std::int64_t>(field.size()));
    add(field);
}

void Sha256::add_number(std::int64_t number) {
    // Digits from the last, into the end of a buffer that fits the longest number and its ':'.
    char text[21];
    char* first = text + sizeof text;
    *--first = ':';
    auto magnitude = number < 0 ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
    do {
        *--first = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (number < 0) *--first = '-';
    add(std::string_view(first, static_cast<std::size_t>(text + sizeof text - first)));
}

Sha256Digest Sha256::finish() {
    const std::uint64_t bits = (compressed_ + used_) * 8;
    // The message, a 1 bit, zeros to 8 bytes short of a block's end, and its length in bits.
    unsigned char padding[72] = {0x80};
    const std::size_t zeros_and_marker = (used_ < 56 ? 56 : 120) - used_;
    for (int i = 0; i < 8; ++i) padding[zeros_and_marker + static_cast<std::size_t>(i)] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    add(std::string_view(reinterpret_cast<const char*>(padding), zeros_and_marker + 8));
    Sha256Digest digest{};
    for (std::size_t i = 0; i < 8; ++i) {
        for (std::size_t j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<std::uint8_t>(state_[i] >> (24 - 8 * j));
    }
    restart();
    return digest;
}

}  // namespace loyalty::detail
