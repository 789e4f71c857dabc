// The core's SHA-256: FIPS 180-4's examples, both compressions block by block, and the digest of
// random messages, added in random pieces, against OpenSSL's.

#include <openssl/evp.h>

#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "core/sha256.hpp"
#include "core/sha256_blocks.hpp"

namespace {

using loyalty::detail::Sha256;

std::string digest_of(std::string_view message) {
    Sha256 hash;
    hash.add(message);
    return loyalty::detail::to_hex(hash.finish());
}

std::string openssl_digest_of(const std::string& message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    REQUIRE(EVP_Digest(message.data(), message.size(), digest, &length, EVP_sha256(), nullptr) == 1);
    loyalty::detail::Sha256Digest bytes{};
    std::copy(digest, digest + length, bytes.begin());
    return loyalty::detail::to_hex(bytes);
}

}  // namespace

TEST_CASE("SHA-256 gives FIPS 180-4's digests of its examples", "[sha256]") {
    CHECK(digest_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(digest_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(digest_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(digest_of(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 starts over after each digest", "[sha256]") {
    Sha256 hash;
    hash.add("something else entirely, longer than one block of sixty-four bytes, to leave state");
    hash.finish();
    hash.add("abc");
    CHECK(loyalty::detail::to_hex(hash.finish()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("SHA-256 of random messages in random pieces is OpenSSL's", "[sha256]") {
    std::mt19937 random(20261202);
    Sha256 hash;
    // Every length across the block and padding boundaries, then longer ones.
    for (std::size_t length = 0; length < 1200; length += (length < 300 ? 1 : 1 + random() % 97)) {
        std::string message(length, '\0');
        for (char& byte : message) byte = static_cast<char>(random());
        std::size_t at = 0;
        while (at < message.size()) {
            const std::size_t piece = std::min<std::size_t>(message.size() - at, random() % 3 == 0 ? random() % 200 : random() % 12);
            hash.add(std::string_view(message).substr(at, piece));
            at += piece;
        }
        INFO("length " << length);
        REQUIRE(loyalty::detail::to_hex(hash.finish()) == openssl_digest_of(message));
    }
}

TEST_CASE("SHA-256's two compressions give the same words", "[sha256]") {
    const auto with_extensions = loyalty::detail::compression_with_sha_extensions();
    if (with_extensions == nullptr) {
        WARN("this CPU has no SHA extensions: only the portable compression runs here");
        return;
    }
    std::mt19937 random(7);
    for (int round = 0; round < 20'000; ++round) {
        unsigned char blocks[64 * 3];
        for (unsigned char& byte : blocks) byte = static_cast<unsigned char>(random());
        std::uint32_t portable[8], extended[8];
        for (int i = 0; i < 8; ++i) portable[i] = extended[i] = static_cast<std::uint32_t>(random());
        const std::size_t count = 1 + static_cast<std::size_t>(round % 3);
        loyalty::detail::compress_portably(portable, blocks, count);
        with_extensions(extended, blocks, count);
        REQUIRE(std::equal(portable, portable + 8, extended));
    }
}
