#include "expr/expression_compiler.hpp"

#include <algorithm>

#include "compile/scalar_reader.hpp"
#include "compile/suggestion.hpp"
#include "expr/field_catalog.hpp"
#include "expr/lexer.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

std::string_view type_name(ValueType type) {
    switch (type) {
        case ValueType::boolean: return "true/false";
        case ValueType::integer: return "a whole number";
        case ValueType::decimal: return "a decimal number";
        case ValueType::money: return "an amount";
        case ValueType::text: return "text";
        case ValueType::date: return "a date";
        case ValueType::local_time: return "a local time";
    }
    return "a value";
}

/// Thrown inside the parser at the first problem; caught at its entry point.
struct ExpressionProblem {
    std::size_t offset;
    std::string code;
    std::string message;
};

class Parser {
public:
    Parser(std::string_view source, const ExpressionScope& scope)
        : source_(source), tokens_(tokenize(source)), scope_(scope) {}

    std::vector<ExpressionNode> parse(std::uint32_t& root) {
        root = parse_or(0);
        if (current().kind != TokenKind::end) fail(current(), "E201", "unexpected '" + current().text + "'");
        if (nodes_[root].type != ValueType::boolean) {
            fail(tokens_.front(), "E203",
                 "a condition must be true or false, but this is " +
                     std::string(type_name(nodes_[root].type)));
        }
        return std::move(nodes_);
    }

private:
    [[noreturn]] void fail(const Token& token, std::string code, std::string message) {
        throw ExpressionProblem{token.offset, std::move(code), std::move(message)};
    }

    const Token& current() const { return tokens_[position_]; }
    const Token& advance() { return tokens_[position_++]; }
    bool at_word(std::string_view word) const {
        return current().kind == TokenKind::identifier && current().text == word;
    }

    std::uint32_t add(ExpressionNode node) {
        nodes_.push_back(std::move(node));
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    void enter(int depth) {
        if (depth > limits::expression_depth_max) {
            fail(current(), "E204",
                 "condition nested deeper than " + std::to_string(limits::expression_depth_max));
        }
    }

    std::uint32_t logical(Operation operation, std::uint32_t left, std::uint32_t right,
                          const Token& at) {
        for (std::uint32_t side : {left, right}) {
            if (nodes_[side].type != ValueType::boolean) {
                fail(at, "E203",
                     "'" + at.text + "' joins conditions, but one side is " +
                         std::string(type_name(nodes_[side].type)));
            }
        }
        ExpressionNode node;
        node.operation = operation;
        node.operands = {left, right};
        return add(std::move(node));
    }

    std::uint32_t parse_or(int depth) {
        enter(depth);
        std::uint32_t left = parse_and(depth + 1);
        while (at_word("or")) {
            const Token& at = advance();
            left = logical(Operation::logical_or, left, parse_and(depth + 1), at);
        }
        return left;
    }

    std::uint32_t parse_and(int depth) {
        enter(depth);
        std::uint32_t left = parse_not(depth + 1);
        while (at_word("and")) {
            const Token& at = advance();
            left = logical(Operation::logical_and, left, parse_not(depth + 1), at);
        }
        return left;
    }

    std::uint32_t parse_not(int depth) {
        enter(depth);
        if (!at_word("not")) return parse_comparison(depth + 1);
        const Token& at = advance();
        const std::uint32_t operand = parse_not(depth + 1);
        if (nodes_[operand].type != ValueType::boolean) {
            fail(at, "E203", "'not' needs a condition, but this is " +
                                 std::string(type_name(nodes_[operand].type)));
        }
        ExpressionNode node;
        node.operation = Operation::logical_not;
        node.operands = {operand};
        return add(std::move(node));
    }

    static std::optional<Operation> comparison_of(TokenKind kind) {
        switch (kind) {
            case TokenKind::equal: return Operation::equal;
            case TokenKind::not_equal: return Operation::not_equal;
            case TokenKind::less: return Operation::less;
            case TokenKind::less_equal: return Operation::less_equal;
            case TokenKind::greater: return Operation::greater;
            case TokenKind::greater_equal: return Operation::greater_equal;
            default: return std::nullopt;
        }
    }

    std::uint32_t parse_comparison(int depth) {
        enter(depth);
        const Token& left_token = current();
        const std::uint32_t left = parse_primary(depth + 1);
        if (at_word("in") || (at_word("not") && tokens_[position_ + 1].kind == TokenKind::identifier &&
                              tokens_[position_ + 1].text == "in")) {
            const bool negated = at_word("not");
            if (negated) advance();
            const Token& at = advance();
            const std::uint32_t list = parse_list(left, negated ? Operation::not_in_list : Operation::in_list, at);
            nodes_[list].label = written_since(left_token);
            return list;
        }
        const auto operation = comparison_of(current().kind);
        if (!operation) return left;
        const Token& at = advance();
        const Token& right_token = current();
        const std::uint32_t right = parse_primary(depth + 1);
        check_comparison(left, right, *operation, at);
        check_literal_against(left, right, right_token);
        check_literal_against(right, left, left_token);
        ExpressionNode node;
        node.operation = *operation;
        node.operands = {left, right};
        node.label = written_since(left_token);
        return add(std::move(node));
    }

    void check_comparison(std::uint32_t left, std::uint32_t right, Operation operation,
                          const Token& at) {
        const ValueType a = nodes_[left].type, b = nodes_[right].type;
        if (!comparable(a, b)) {
            fail(at, "E203", "cannot compare " + std::string(type_name(a)) + " with " +
                                 std::string(type_name(b)));
        }
        const bool ordering = operation != Operation::equal && operation != Operation::not_equal;
        if (ordering && (a == ValueType::text || a == ValueType::boolean)) {
            fail(at, "E203", "'" + at.text + "' does not order " + std::string(type_name(a)) +
                                 "; use == or != or 'in'");
        }
    }

    /// A literal compared with a field must make sense for that field.
    void check_literal_against(std::uint32_t field, std::uint32_t literal, const Token& at) {
        const ExpressionNode& f = nodes_[field];
        const ExpressionNode& l = nodes_[literal];
        if (f.operation != Operation::field || l.operation != Operation::literal) return;
        if (f.type == ValueType::money && l.scale > scope_.currency.exponent()) {
            fail(at, "E206", "amount " + at.text + " has more decimals than " +
                                 std::string(scope_.currency.code()) + " allows (" +
                                 std::to_string(scope_.currency.exponent()) + ")");
        }
        if (f.field == Field::transaction_weekday && l.type == ValueType::text) {
            const auto& days = weekday_names();
            if (std::find(days.begin(), days.end(), l.text) != days.end()) return;
            fail(at, "E207", "'" + l.text + "' is not a weekday" + did_you_mean(l.text, days) +
                                 "; weekdays are written in lower case, monday to sunday");
        }
    }

    std::uint32_t parse_list(std::uint32_t left, Operation operation, const Token& at) {
        if (current().kind != TokenKind::left_bracket) {
            fail(current(), "E201", "expected '[' to start the list after '" + at.text + "'");
        }
        advance();
        ExpressionNode node;
        node.operation = operation;
        node.operands.push_back(left);
        while (true) {
            const Token& element_token = current();
            const std::uint32_t element = parse_literal();
            check_comparison(left, element, Operation::equal, element_token);
            check_literal_against(left, element, element_token);
            node.operands.push_back(element);
            if (current().kind == TokenKind::comma) {
                advance();
                continue;
            }
            if (current().kind != TokenKind::right_bracket) {
                fail(current(), "E201", "expected ',' or ']' in the list");
            }
            advance();
            break;
        }
        return add(std::move(node));
    }

    std::uint32_t parse_primary(int depth) {
        enter(depth);
        if (current().kind == TokenKind::left_parenthesis) {
            advance();
            const std::uint32_t inner = parse_or(depth + 1);
            if (current().kind != TokenKind::right_parenthesis) fail(current(), "E201", "expected ')'");
            advance();
            return inner;
        }
        if (current().kind == TokenKind::identifier && !at_word("true") && !at_word("false")) {
            return parse_field();
        }
        return parse_literal();
    }

    std::uint32_t parse_counter(const Token& token) {
        const std::string id = token.text.substr(std::string("counter.").size());
        std::vector<std::string_view> ids;
        if (scope_.counters) {
            for (std::size_t i = 0; i < scope_.counters->size(); ++i) {
                const CounterRule& counter = (*scope_.counters)[i];
                ids.push_back(counter.id);
                if (counter.id != id) continue;
                ExpressionNode node;
                node.operation = Operation::field;
                node.field = Field::counter;
                node.number = static_cast<std::int64_t>(i);
                node.type = counter.measure == CounterMeasure::spend ? ValueType::money : ValueType::integer;
                node.label = token.text;
                return add(std::move(node));
            }
        }
        fail(token, "E202", "no counter '" + id + "' is defined under 'counters:'" + did_you_mean(id, ids));
    }

    std::uint32_t parse_field() {
        const Token& token = advance();
        if (token.text.rfind("counter.", 0) == 0) return parse_counter(token);
        const auto reference = find_field(token.text);
        if (!reference) {
            fail(token, "E202",
                 "unknown field '" + token.text + "'" + did_you_mean(token.text, field_names()) +
                     "; fields are tx.*, item.*, member.*, their attr.<name>, and counter.<id>");
        }
        if (reference->needs_item && !scope_.item_fields) {
            fail(token, "E205",
                 "'" + token.text + "' is a line item field; it can be used only in the "
                 "'when' of a multiplier, which is checked for each item");
        }
        ExpressionNode node;
        node.operation = Operation::field;
        node.field = reference->field;
        node.type = reference->type;
        node.text = reference->attribute;
        node.label = token.text;
        return add(std::move(node));
    }

    std::uint32_t parse_literal() {
        const Token& token = advance();
        ExpressionNode node;
        switch (token.kind) {
            case TokenKind::identifier:
                if (token.text != "true" && token.text != "false") break;
                node.type = ValueType::boolean;
                node.number = token.text == "true" ? 1 : 0;
                return add(std::move(node));
            case TokenKind::number: {
                const auto value = Decimal::parse(token.text);
                if (!value) {
                    fail(token, "E105", "'" + token.text + "' is not a decimal number; write "
                                        "digits with an optional '.' and fraction");
                }
                node.type = value->scale == 0 ? ValueType::integer : ValueType::decimal;
                node.number = value->mantissa;
                node.scale = value->scale;
                return add(std::move(node));
            }
            case TokenKind::date:
            case TokenKind::local_time: {
                const auto seconds = parse_local_time(token.text);
                if (!seconds) fail(token, "E108", "'" + token.text + "' is not a date that exists");
                if (token.kind == TokenKind::date) {
                    node.type = ValueType::date;
                    node.number = *seconds / 86'400;
                    return add(std::move(node));
                }
                // Compared as instants, so that the hour repeated when clocks go back does not
                // make an earlier time true again.
                const auto instant = scope_.time_zone ? scope_.time_zone->utc_seconds(*seconds) : seconds;
                if (!instant) {
                    fail(token, "E108", "'" + token.text + "' does not exist on the program's clock (" +
                                            scope_.time_zone->name() + "): the clocks go forward over it");
                }
                node.type = ValueType::local_time;
                node.number = *instant;
                return add(std::move(node));
            }
            case TokenKind::text:
                node.type = ValueType::text;
                node.text = token.text;
                return add(std::move(node));
            case TokenKind::end:
                fail(token, "E201", "the condition ends too early");
            case TokenKind::invalid:
                fail(token, "E201", token.text == "unterminated text"
                                        ? "text is missing its closing quote"
                                        : "unexpected character '" + token.text + "'");
            default:
                break;
        }
        fail(token, "E201", "expected a value, found '" + token.text + "'");
    }

    /// The source from `first` up to the current token, trimmed.
    std::string written_since(const Token& first) const {
        const std::size_t end = current().kind == TokenKind::end ? source_.size() : current().offset;
        std::string_view text = source_.substr(first.offset, end - first.offset);
        while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        return std::string(text);
    }

    std::string_view source_;
    std::vector<Token> tokens_;
    std::size_t position_ = 0;
    const ExpressionScope& scope_;
    std::vector<ExpressionNode> nodes_;
};

SourcePosition position_in(const RuleNode& node, std::size_t offset) {
    // Exact for conditions on one line; quoted scalars start one column after their quote.
    const int quote = node.plain ? 0 : 1;
    return {node.position.line, node.position.column + quote + static_cast<int>(offset)};
}

}  // namespace

std::optional<CompiledExpression> compile_expression(const RuleNode& node, std::string_view key,
                                                     const ExpressionScope& scope,
                                                     DiagnosticSink& sink) {
    ScalarReader reader(sink);
    const auto source = reader.text(node, key);
    if (!source) return std::nullopt;
    if (source->size() > limits::expression_length_max) {
        sink.error(node.position, "E204",
                   "condition longer than " + std::to_string(limits::expression_length_max) +
                       " characters");
        return std::nullopt;
    }
    try {
        Parser parser(*source, scope);
        std::uint32_t root = 0;
        auto nodes = parser.parse(root);
        return CompiledExpression(std::move(nodes), root, *source);
    } catch (const ExpressionProblem& problem) {
        sink.error(position_in(node, problem.offset), problem.code,
                   "in '" + std::string(key) + "': " + problem.message);
        return std::nullopt;
    }
}

}  // namespace loyalty::detail
