#pragma once
// Splits a `when:` condition into tokens, each with its offset for error positions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::detail {

enum class TokenKind {
    identifier,  // tx.channel, and, or, not, in, true, false
    number,      // 20, 20.00, -3
    date,        // 2026-11-27
    local_time,  // 2026-11-27T10:00[:00]
    text,        // "app"
    equal, not_equal, less, less_equal, greater, greater_equal,
    left_parenthesis, right_parenthesis, left_bracket, right_bracket, comma,
    end,
    invalid,
};

struct Token {
    TokenKind kind = TokenKind::end;
    /// The token's text; for text tokens, the value with escapes resolved.
    std::string text;
    std::size_t offset = 0;
};

/// Tokens up to and including `end`; an unreadable character yields an `invalid` token and
/// stops there.
std::vector<Token> tokenize(std::string_view source);

}  // namespace loyalty::detail
