#pragma once
// Where a text stops being valid UTF-8, if it does.

#include <cstddef>
#include <optional>
#include <string_view>

namespace loyalty::detail {

/// The byte offset of the first byte that is not part of a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points past U+10FFFF included), or nothing.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace loyalty::detail
