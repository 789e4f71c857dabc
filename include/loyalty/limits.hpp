#pragma once
// Every input has a stated bound, checked when a program is compiled or an input is read,
// never half-way through an evaluation.

#include <cstddef>

namespace loyalty::limits {

/// A rule file's size.
constexpr std::size_t rule_file_bytes_max = 1 << 20;
/// How deeply YAML mappings and lists may nest in a rule file.
constexpr int rule_nesting_depth_max = 32;
/// Rules (earn rules and caps together) in one program.
constexpr std::size_t rules_max = 10'000;
/// Length of a `when:` expression, and how deeply it may nest.
constexpr std::size_t expression_length_max = 2'000;
constexpr int expression_depth_max = 32;
/// Length of an identifier: rule ids, transaction ids, member ids, SKUs, attribute names.
constexpr std::size_t identifier_length_max = 128;
/// The JSON of one transaction (a line of a history), and of one member's state: a longer text
/// is refused unread (T100, M100), and a history line longer than this is skipped unread.
constexpr std::size_t transaction_json_bytes_max = 1 << 20;
constexpr std::size_t member_json_bytes_max = 64 << 20;
/// Line items in one transaction, and the quantity of one line.
constexpr std::size_t items_max = 1'000;
constexpr long long quantity_max = 1'000'000;
/// Coupons one purchase presents.
constexpr std::size_t coupons_presented_max = 32;
/// Attributes on a transaction, an item or a member.
constexpr std::size_t attributes_max = 64;
/// Length of an attribute value.
constexpr std::size_t attribute_value_length_max = 1'024;
/// Transaction ids a member always remembers, so that a resent transaction is recognised; it
/// keeps at most twice as many.
constexpr std::size_t recent_transactions_max = 128;
/// The most days a program may accept a transaction after a member's later ones
/// (`late_transactions.allowed_days`): every window a member keeps grows by this many days.
constexpr int late_days_allowed_max = 366;
/// Days a member keeps a coupon after its last valid day, so that presenting it is answered
/// "expired" (N004) rather than "unknown" (N001).
constexpr int expired_coupon_kept_days = 90;

}  // namespace loyalty::limits
