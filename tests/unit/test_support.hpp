#pragma once
// Builders that keep tests about behaviour rather than about constructing inputs.

#include <string>
#include <string_view>
#include <vector>

#include <loyalty/loyalty.hpp>

namespace test {

loyalty::Currency currency(std::string_view code);
loyalty::Money money(std::string_view amount, std::string_view code = "USD");

/// A program from the project's rules/ folder.
loyalty::Program rules_file(const std::string& name);
/// A program from text; diagnostics call it "test.yaml".
loyalty::Program program(std::string_view yaml);
/// Every diagnostic the text produces, formatted as `loyalty check` prints them.
std::string diagnostics(std::string_view yaml);
/// The first diagnostic's code, or "" when the text compiles.
std::string first_code(std::string_view yaml);

loyalty::LineItem item(std::string sku, std::string category, std::string_view unit_price,
                       std::int64_t quantity = 1, std::string_view code = "USD");

loyalty::Transaction purchase(std::string id, std::string_view at, std::vector<loyalty::LineItem> items,
                              std::string channel = "store", std::string member_id = "m1");

loyalty::Member member(std::string id = "m1", std::string tier = "");

/// The points an outcome gives its member.
std::int64_t points(const loyalty::Outcome& outcome, const std::string& member_id = "m1");

/// Rule id → amount of each delta, for compact assertions.
std::vector<std::pair<std::string, std::int64_t>> deltas(const loyalty::Outcome& outcome);

/// The program's header with the given currency and zone; append rules to it.
std::string header(std::string_view code = "USD", std::string_view zone = "\"-05:00\"");

}  // namespace test
