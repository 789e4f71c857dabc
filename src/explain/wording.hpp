#pragma once
// Phrases shared by explanations, so every sentence says the same thing the same way.

#include <cstdint>
#include <string>
#include <string_view>

#include "loyalty/decimal.hpp"
#include "loyalty/rounding.hpp"
#include "loyalty/time.hpp"

namespace loyalty::detail {

struct EarnCap;

/// "1 point", "60 points"
std::string points_phrase(std::int64_t points);
/// Appends points_phrase(points) to `text`, without a string of its own.
void append_points_phrase(std::string& text, std::int64_t points);
/// "1.5 points", "1 point"
std::string points_phrase(const Decimal& points);
/// "rounded down", "rounded up", "rounded to the nearest point", …
std::string_view rounding_phrase(Rounding rounding);
/// "per transaction", "per calendar month", …
std::string_view cap_period_phrase(const EarnCap& cap);
/// "Coupon for 10 % off, valid from 2026-03-01 through 2026-03-31."
void append_coupon_issue_phrase(std::string& text, std::string_view description, Date valid_from, Date valid_until);

}  // namespace loyalty::detail
