#pragma once
// FNV-1a over explicit bytes: the same digest on every host, run and thread.

#include <cstdint>
#include <string_view>

#include "loyalty/attributes.hpp"
#include "loyalty/money.hpp"

namespace loyalty::detail {

class StableHash {
public:
    void add(std::string_view text) {
        add_number(static_cast<std::int64_t>(text.size()));  // length first: "ab","c" ≠ "a","bc"
        for (char c : text) add_byte(static_cast<unsigned char>(c));
    }
    void add_number(std::int64_t value) {
        auto bits = static_cast<std::uint64_t>(value);
        for (int i = 0; i < 8; ++i) add_byte(static_cast<unsigned char>(bits >> (8 * i)));
    }
    void add_money(const Money& money) {
        add(money.currency().code());
        add_number(money.minor_units());
    }
    void add_attributes(const Attributes& attributes) {
        add_number(static_cast<std::int64_t>(attributes.size()));
        for (const auto& [name, value] : attributes) {
            add(name);
            add(value);
        }
    }
    std::uint64_t value() const { return hash_; }

private:
    void add_byte(unsigned char byte) {
        hash_ ^= byte;
        hash_ *= 0x100000001b3ULL;
    }
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};


}  // namespace loyalty::detail
