#include "core/sha256.hpp"

#include <openssl/evp.h>

#include "core/hex_digit.hpp"
#include "core/raise.hpp"

namespace loyalty::detail {

struct Sha256::Context {
    EVP_MD_CTX* handle = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(handle); }
};

namespace {

/// Fetched once: OpenSSL 3 looks an algorithm up among its providers on every initialisation
/// given EVP_sha256(), which cost more than digesting a transaction.
const EVP_MD* sha256() {
    static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
}

void start(EVP_MD_CTX* handle) {
    if (handle == nullptr || sha256() == nullptr || EVP_DigestInit_ex2(handle, sha256(), nullptr) != 1) raise_out_of_memory();
}

}  // namespace

std::string to_hex(const Sha256Digest& digest) {
    return hex_of_bytes(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

Sha256::Sha256() : context_(std::make_unique<Context>()) { start(context_->handle); }
Sha256::~Sha256() = default;

void Sha256::pass_on(std::string_view bytes) {
    flush();
    if (bytes.size() > sizeof buffer_) {
        EVP_DigestUpdate(context_->handle, bytes.data(), bytes.size());
        return;
    }
    std::memcpy(buffer_, bytes.data(), bytes.size());
    used_ = bytes.size();
}

void Sha256::flush() {
    EVP_DigestUpdate(context_->handle, buffer_, used_);
    used_ = 0;
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
    Sha256Digest digest{};
    unsigned int length = 0;
    flush();
    EVP_DigestFinal_ex(context_->handle, digest.data(), &length);
    start(context_->handle);
    return digest;
}

}  // namespace loyalty::detail
