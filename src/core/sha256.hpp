#pragma once
// SHA-256, from OpenSSL's libcrypto: the digest that names a program by its content and chains a
// ledger's transactions. A collision must be out of reach of anyone who edits a file on purpose.

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace loyalty::detail {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// Lowercase hex, 64 characters.
std::string to_hex(const Sha256Digest& digest);

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    /// Gathered in a buffer and passed on to OpenSSL when it is full: a transaction or a ledger
    /// row is some forty short fields, and each call into OpenSSL costs more than hashing one.
    void add(std::string_view bytes) {
        if (bytes.size() > sizeof buffer_ - used_) {
            pass_on(bytes);
            return;
        }
        std::memcpy(buffer_ + used_, bytes.data(), bytes.size());
        used_ += bytes.size();
    }
    /// `field` with its length before it, so that no two sequences of fields hash alike.
    void add_field(std::string_view field);
    /// `number` in decimal digits, then ':'.
    void add_number(std::int64_t number);
    /// The digest of everything added since construction or the last `finish`, which starts over.
    Sha256Digest finish();

private:
    void pass_on(std::string_view bytes);
    void flush();

    struct Context;
    std::unique_ptr<Context> context_;
    char buffer_[256];
    std::size_t used_ = 0;
};

}  // namespace loyalty::detail
