#include "expr/lexer.hpp"

namespace loyalty::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c) || c == '.' || c == '-'; }

class Lexer {
public:
    explicit Lexer(std::string_view source) : source_(source) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        while (true) {
            while (position_ < source_.size() && (source_[position_] == ' ' ||
                                                  source_[position_] == '\t' ||
                                                  source_[position_] == '\n' ||
                                                  source_[position_] == '\r')) {
                ++position_;
            }
            Token token = next();
            const TokenKind kind = token.kind;
            tokens.push_back(std::move(token));
            if (kind == TokenKind::end || kind == TokenKind::invalid) return tokens;
        }
    }

private:
    Token make(TokenKind kind, std::size_t start) {
        return {kind, std::string(source_.substr(start, position_ - start)), start};
    }

    Token next() {
        const std::size_t start = position_;
        if (position_ >= source_.size()) return {TokenKind::end, "", start};
        const char c = source_[position_];
        const char following = position_ + 1 < source_.size() ? source_[position_ + 1] : '\0';
        if (is_word_start(c)) {
            while (position_ < source_.size() && is_word_char(source_[position_])) ++position_;
            return make(TokenKind::identifier, start);
        }
        if (is_digit(c) || (c == '-' && is_digit(following))) return number_or_date();
        if (c == '"' || c == '\'') return text(c);
        position_ += 2;
        if (c == '=' && following == '=') return make(TokenKind::equal, start);
        if (c == '!' && following == '=') return make(TokenKind::not_equal, start);
        if (c == '<' && following == '=') return make(TokenKind::less_equal, start);
        if (c == '>' && following == '=') return make(TokenKind::greater_equal, start);
        position_ = start + 1;
        switch (c) {
            case '<': return make(TokenKind::less, start);
            case '>': return make(TokenKind::greater, start);
            case '(': return make(TokenKind::left_parenthesis, start);
            case ')': return make(TokenKind::right_parenthesis, start);
            case '[': return make(TokenKind::left_bracket, start);
            case ']': return make(TokenKind::right_bracket, start);
            case ',': return make(TokenKind::comma, start);
            default: return make(TokenKind::invalid, start);
        }
    }

    Token number_or_date() {
        const std::size_t start = position_;
        if (source_[position_] == '-') ++position_;
        while (position_ < source_.size() && is_digit(source_[position_])) ++position_;
        const bool looks_like_date = position_ - start == 4 && position_ < source_.size() &&
                                     source_[position_] == '-';
        if (!looks_like_date) {
            // Take everything number-like so that "1e3" or "1_000" is refused whole.
            while (position_ < source_.size() &&
                   (is_digit(source_[position_]) || source_[position_] == '.' ||
                    is_word_start(source_[position_]))) {
                ++position_;
            }
            return make(TokenKind::number, start);
        }
        while (position_ < source_.size() &&
               (is_digit(source_[position_]) || source_[position_] == '-' ||
                source_[position_] == ':' || source_[position_] == 'T')) {
            ++position_;
        }
        const bool has_time = source_.substr(start, position_ - start).find('T') != std::string_view::npos;
        return make(has_time ? TokenKind::local_time : TokenKind::date, start);
    }

    Token text(char quote) {
        const std::size_t start = position_++;
        std::string value;
        while (position_ < source_.size() && source_[position_] != quote) {
            if (source_[position_] == '\\' && position_ + 1 < source_.size()) ++position_;
            value += source_[position_++];
        }
        if (position_ >= source_.size()) return {TokenKind::invalid, "unterminated text", start};
        ++position_;
        return {TokenKind::text, std::move(value), start};
    }

    std::string_view source_;
    std::size_t position_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) { return Lexer(source).run(); }

}  // namespace loyalty::detail
