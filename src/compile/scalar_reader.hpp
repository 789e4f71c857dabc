#pragma once
// Strict scalars of a rule file: numbers, booleans, dates and words read from their text,
// never through a YAML library's lenient conversions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/currency.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/money.hpp"
#include "loyalty/time.hpp"
#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Which decimals a key accepts; checked with a message that says so.
enum class Sign { any, non_negative, positive };

class ScalarReader {
public:
    explicit ScalarReader(DiagnosticSink& sink) : sink_(sink) {}

    /// Any non-empty scalar, quoted or not.
    std::optional<std::string> text(const RuleNode& node, std::string_view key);
    /// Letters, digits, '-', '_' and '.', at most limits::identifier_length_max long.
    std::optional<std::string> identifier(const RuleNode& node, std::string_view key);
    std::optional<std::int64_t> whole_number(const RuleNode& node, std::string_view key,
                                             std::int64_t min, std::int64_t max);
    std::optional<Decimal> decimal(const RuleNode& node, std::string_view key, Sign sign);
    std::optional<Money> money(const RuleNode& node, std::string_view key, Currency currency,
                               Sign sign);
    std::optional<bool> boolean(const RuleNode& node, std::string_view key);
    /// A date `YYYY-MM-DD` or a local date and time `YYYY-MM-DDTHH:MM[:SS]`, as seconds of
    /// local wall-clock time since 1970-01-01T00:00; `24:00` means the end of that day.
    std::optional<std::int64_t> local_time(const RuleNode& node, std::string_view key);
    /// One of `choices`, as its index; a near miss gets a suggestion.
    std::optional<std::size_t> choice(const RuleNode& node, std::string_view key,
                                      const std::vector<std::string_view>& choices);
    /// A list of identifiers.
    std::optional<std::vector<std::string>> identifier_list(const RuleNode& node,
                                                            std::string_view key);
    /// A list of texts.
    std::optional<std::vector<std::string>> text_list(const RuleNode& node, std::string_view key);

private:
    template <typename ReadOne>
    std::optional<std::vector<std::string>> list_of(const RuleNode& node, std::string_view key, ReadOne read_one);
    /// Reports E104 unless `node` is a scalar.
    bool expect_scalar(const RuleNode& node, std::string_view key, std::string_view expected);
    /// Reports E105 unless `node` is a plain scalar that parses as a decimal.
    std::optional<Decimal> plain_decimal(const RuleNode& node, std::string_view key,
                                         std::string_view expected);

    DiagnosticSink& sink_;
};

/// The local time `YYYY-MM-DD[THH:MM[:SS]]` as seconds since 1970-01-01T00:00 of the same wall
/// clock, `24:00` meaning the end of the day. Shared with the expression language's literals.
std::optional<std::int64_t> parse_local_time(std::string_view text);

}  // namespace loyalty::detail
