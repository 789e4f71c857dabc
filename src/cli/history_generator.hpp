#pragma once
// A realistic, deterministic history of any size, for demos and benchmarks.

#include <cstdint>
#include <ostream>
#include <string>

#include "loyalty/currency.hpp"
#include "loyalty/time.hpp"

namespace loyalty::cli {

struct GeneratorSettings {
    std::int64_t members = 1'000;
    std::int64_t transactions = 10'000;
    std::uint64_t seed = 1;
    Date start = *Date::from_ymd(2026, 1, 1);
    std::int64_t days = 365;
    Currency currency = *Currency::find("USD");
    /// The offset timestamps are written with, minutes east of UTC.
    int offset_minutes = -300;
};

/// Writes members (JSON Lines: tier, birthday, some referrers) and a history (JSON Lines, in time
/// order: baskets of 1–5 café items on three channels, returns within 14 days of part of a
/// purchase, birthday events). The same settings always write the same bytes.
void generate_history(const GeneratorSettings& settings, std::ostream& members, std::ostream& history);

}  // namespace loyalty::cli
