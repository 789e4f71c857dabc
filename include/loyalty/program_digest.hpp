#pragma once
// What names a program in a ledger: a digest of its content, not its version string.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loyalty {

/// SHA-256 of a program's canonical content: its rule file as the values it holds, so that
/// comments, blank lines, layout (block or flow) and the order of a mapping's keys leave it as it
/// is, and any change of a value, of quoting (a quoted "1" is a text, a plain 1 a number), of a
/// rule or of a rule's place in a list changes it.
struct ProgramDigest {
    std::array<std::uint8_t, 32> bytes{};

    /// Lowercase hex, 64 characters.
    std::string to_hex() const;
    /// 64 hex digits, either case; nullopt for anything else.
    static std::optional<ProgramDigest> from_hex(std::string_view text);

    friend bool operator==(const ProgramDigest& a, const ProgramDigest& b) { return a.bytes == b.bytes; }
    friend bool operator!=(const ProgramDigest& a, const ProgramDigest& b) { return !(a == b); }
};

}  // namespace loyalty
