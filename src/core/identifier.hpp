#pragma once
// What a host's ids and a rule file's texts may hold: no control characters, which would break
// the one-line explanations, tables and logs they are read in.

#include <algorithm>
#include <optional>
#include <string_view>

#include "loyalty/limits.hpp"

namespace loyalty::detail {

/// A byte below 0x20 or 0x7f: a line break, a tab, an escape that steers a terminal.
inline bool is_control_character(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

/// The first control character in `text`, as its byte, if there is one.
inline std::optional<unsigned char> control_character_in(std::string_view text) {
    const auto found = std::find_if(text.begin(), text.end(), is_control_character);
    if (found == text.end()) return std::nullopt;
    return static_cast<unsigned char>(*found);
}

/// An identifier a host gives: 1 to limits::identifier_length_max bytes (0 when `may_be_empty`),
/// none of them a control character.
inline bool is_identifier(std::string_view text, bool may_be_empty = false) {
    if (text.size() > limits::identifier_length_max || (text.empty() && !may_be_empty)) return false;
    return !control_character_in(text);
}

}  // namespace loyalty::detail
