#include "compile/scalar_reader.hpp"

#include <cctype>

#include "compile/suggestion.hpp"
#include "core/identifier.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

std::string quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

/// Why a text is not a plain decimal, for the error message.
std::string why_not_decimal(std::string_view text) {
    const auto lower = [](std::string_view t) {
        std::string out(t);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    const std::string folded = lower(text);
    if (folded == ".nan") return "NaN is not a number here";
    if (folded == ".inf" || folded == "-.inf" || folded == "+.inf") return "infinity is not a number here";
    const bool number_like = !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) ||
                                               text[0] == '+' || text[0] == '-' || text[0] == '.');
    if (!number_like) return "that is text, not a number";
    if (folded.size() > 1 && folded[0] == '0' && (folded[1] == 'x' || folded[1] == 'o' || folded[1] == 'b')) {
        return "only decimal digits are accepted";
    }
    if (text.find('_') != std::string_view::npos || text.find(',') != std::string_view::npos) {
        return "digit separators are not accepted";
    }
    if (folded.find('e') != std::string::npos) return "exponents are not accepted";
    if (text[0] == '+') return "write positive numbers without '+'";
    if (text.size() > 1 && text[0] == '0' && text[1] != '.') return "leading zeros are not accepted";
    return "expected digits with an optional '.' and fraction";
}

bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

}  // namespace

std::optional<std::int64_t> parse_local_time(std::string_view text) {
    const auto date = Date::parse(text.substr(0, 10));
    if (!date) return std::nullopt;
    std::int64_t seconds = date->days_since_epoch() * 86'400;
    if (text.size() == 10) return seconds;
    const std::string_view rest = text.substr(10);
    if ((rest.size() != 6 && rest.size() != 9) || rest[0] != 'T' || rest[3] != ':' ||
        (rest.size() == 9 && rest[6] != ':')) {
        return std::nullopt;
    }
    const auto digits = [&](std::size_t at) -> int {
        if (rest[at] < '0' || rest[at] > '9' || rest[at + 1] < '0' || rest[at + 1] > '9') return -1;
        return (rest[at] - '0') * 10 + (rest[at + 1] - '0');
    };
    const int hour = digits(1), minute = digits(4), second = rest.size() == 9 ? digits(7) : 0;
    if (hour < 0 || minute < 0 || second < 0 || minute > 59 || second > 59) return std::nullopt;
    if (hour > 24 || (hour == 24 && (minute != 0 || second != 0))) return std::nullopt;
    return seconds + hour * 3600 + minute * 60 + second;
}

bool ScalarReader::expect_scalar(const RuleNode& node, std::string_view key,
                                 std::string_view expected) {
    if (node.kind == RuleNode::Kind::scalar) return true;
    const char* found = node.kind == RuleNode::Kind::null       ? "nothing"
                        : node.kind == RuleNode::Kind::sequence ? "a list"
                                                                : "a mapping";
    sink_.error(node.position, "E104",
                quoted(key) + ": expected " + std::string(expected) + ", found " + found);
    return false;
}

std::optional<std::string> ScalarReader::text(const RuleNode& node, std::string_view key) {
    if (!expect_scalar(node, key, "text")) return std::nullopt;
    if (node.text.empty()) {
        sink_.error(node.position, "E104", quoted(key) + ": expected text, found an empty string");
        return std::nullopt;
    }
    // Texts end up inside one-line explanations, tables and logs: an escape such as "\n" or "\x1b"
    // in a double-quoted YAML string must not put a line break or a terminal command there.
    if (const auto control = control_character_in(node.text)) {
        sink_.error(node.position, "E116",
                    quoted(key) + ": the text holds a control character (byte " +
                        std::to_string(*control) + "); write it on one line, without escapes such as \\n");
        return std::nullopt;
    }
    return node.text;
}

std::optional<std::string> ScalarReader::identifier(const RuleNode& node, std::string_view key) {
    auto value = text(node, key);
    if (!value) return std::nullopt;
    bool valid = value->size() <= limits::identifier_length_max;
    for (char c : *value) valid = valid && is_identifier_char(c);
    if (!valid) {
        sink_.error(node.position, "E104",
                    quoted(key) + ": expected an identifier of letters, digits, '-', '_' or '.' "
                                  "(at most " +
                        std::to_string(limits::identifier_length_max) + "), found '" + *value + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<Decimal> ScalarReader::plain_decimal(const RuleNode& node, std::string_view key,
                                                   std::string_view expected) {
    if (!expect_scalar(node, key, expected)) return std::nullopt;
    if (!node.plain) {
        sink_.error(node.position, "E105",
                    quoted(key) + ": expected " + std::string(expected) + ", found the quoted text '" +
                        node.text + "'; write numbers without quotes");
        return std::nullopt;
    }
    const auto value = Decimal::parse(node.text);
    if (!value) {
        const bool too_long = node.text.find_first_not_of("-0123456789.") == std::string::npos &&
                              node.text.size() > 1 && !(node.text[0] == '0' && node.text[1] != '.');
        if (too_long) {
            sink_.error(node.position, "E106",
                        quoted(key) + ": " + node.text + " is out of range (at most 18 digits)");
        } else {
            sink_.error(node.position, "E105",
                        quoted(key) + ": expected " + std::string(expected) + ", found '" +
                            node.text + "': " + why_not_decimal(node.text));
        }
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> ScalarReader::whole_number(const RuleNode& node, std::string_view key,
                                                       std::int64_t min, std::int64_t max) {
    const auto value = plain_decimal(node, key, "a whole number");
    if (!value) return std::nullopt;
    if (value->scale != 0) {
        sink_.error(node.position, "E105",
                    quoted(key) + ": expected a whole number, found '" + node.text + "'");
        return std::nullopt;
    }
    if (value->mantissa < min || value->mantissa > max || node.text == "-0") {
        sink_.error(node.position, "E106",
                    quoted(key) + ": " + node.text + " is out of range; expected " +
                        std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return value->mantissa;
}

std::optional<Decimal> ScalarReader::decimal(const RuleNode& node, std::string_view key, Sign sign) {
    const auto value = plain_decimal(node, key, "a decimal number");
    if (!value) return std::nullopt;
    const bool negative_zero = node.text[0] == '-' && value->is_zero();
    if ((sign == Sign::positive && (value->mantissa <= 0 || negative_zero)) ||
        (sign == Sign::non_negative && (value->is_negative() || negative_zero))) {
        sink_.error(node.position, "E106",
                    quoted(key) + ": " + node.text + " is out of range; expected a " +
                        (sign == Sign::positive ? "positive" : "non-negative") + " number");
        return std::nullopt;
    }
    return value;
}

std::optional<Money> ScalarReader::money(const RuleNode& node, std::string_view key,
                                         Currency currency, Sign sign) {
    const auto value = decimal(node, key, sign);
    if (!value) return std::nullopt;
    const auto amount = Money::parse(node.text, currency);
    if (!amount) {
        const bool too_precise = value->scale > currency.exponent();
        sink_.error(node.position, too_precise ? "E105" : "E106",
                    quoted(key) + ": " + node.text +
                        (too_precise ? " has more decimals than " + std::string(currency.code()) +
                                           " allows (" + std::to_string(currency.exponent()) + ")"
                                     : " is beyond the largest amount allowed"));
        return std::nullopt;
    }
    return amount;
}

std::optional<bool> ScalarReader::boolean(const RuleNode& node, std::string_view key) {
    if (!expect_scalar(node, key, "true or false")) return std::nullopt;
    if (node.plain && node.text == "true") return true;
    if (node.plain && node.text == "false") return false;
    sink_.error(node.position, "E107",
                quoted(key) + ": expected true or false, found '" + node.text + "'");
    return std::nullopt;
}

std::optional<std::int64_t> ScalarReader::local_time(const RuleNode& node, std::string_view key) {
    if (!expect_scalar(node, key, "a date")) return std::nullopt;
    const auto value = parse_local_time(node.text);
    if (!value) {
        sink_.error(node.position, "E108",
                    quoted(key) + ": expected a date YYYY-MM-DD or a local time "
                                  "YYYY-MM-DDTHH:MM[:SS] that exists, found '" +
                        node.text + "'");
    }
    return value;
}

std::optional<std::size_t> ScalarReader::choice(const RuleNode& node, std::string_view key,
                                                 const std::vector<std::string_view>& choices) {
    std::string listed;
    for (std::string_view option : choices) listed += (listed.empty() ? "" : ", ") + std::string(option);
    if (!expect_scalar(node, key, "one of: " + listed)) return std::nullopt;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choices[i] == node.text) return i;
    }
    sink_.error(node.position, "E109",
                quoted(key) + ": '" + node.text + "' is not one of: " + listed +
                    did_you_mean(node.text, choices));
    return std::nullopt;
}

std::optional<std::vector<std::string>> ScalarReader::identifier_list(const RuleNode& node,
                                                                      std::string_view key) {
    return list_of(node, key, [&](const RuleNode& item) { return identifier(item, key); });
}

std::optional<std::vector<std::string>> ScalarReader::text_list(const RuleNode& node, std::string_view key) {
    return list_of(node, key, [&](const RuleNode& item) { return text(item, key); });
}

template <typename ReadOne>
std::optional<std::vector<std::string>> ScalarReader::list_of(const RuleNode& node, std::string_view key,
                                                              ReadOne read_one) {
    if (node.kind != RuleNode::Kind::sequence) {
        sink_.error(node.position, "E104", quoted(key) + ": expected a list such as [a, b]");
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool valid = true;
    for (const RuleNode& item : node.items) {
        auto value = read_one(item);
        if (value) values.push_back(std::move(*value));
        valid = valid && value.has_value();
    }
    if (!valid) return std::nullopt;
    return values;
}

}  // namespace loyalty::detail
