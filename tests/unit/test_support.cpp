#include "test_support.hpp"

namespace test {

loyalty::Currency currency(std::string_view code) { return loyalty::Currency::find(code).value(); }

loyalty::Money money(std::string_view amount, std::string_view code) {
    return loyalty::Money::parse(amount, currency(code)).value();
}

loyalty::Program rules_file(const std::string& name) {
    return loyalty::Program::from_file(std::string(LOYALTY_SOURCE_DIR) + "/rules/" + name);
}

loyalty::Program program(std::string_view yaml) { return loyalty::Program::from_string(yaml, "test.yaml"); }

std::string diagnostics(std::string_view yaml) {
    return loyalty::format(loyalty::Program::load_string(yaml, "test.yaml").diagnostics);
}

std::string first_code(std::string_view yaml) {
    const auto result = loyalty::Program::load_string(yaml, "test.yaml");
    return result.diagnostics.empty() ? "" : result.diagnostics.front().code;
}

loyalty::LineItem item(std::string sku, std::string category, std::string_view unit_price,
                       std::int64_t quantity, std::string_view code) {
    loyalty::LineItem line;
    line.sku = std::move(sku);
    line.category = std::move(category);
    line.unit_price = money(unit_price, code);
    line.quantity = quantity;
    return line;
}

loyalty::Transaction purchase(std::string id, std::string_view at, std::vector<loyalty::LineItem> items,
                              std::string channel, std::string member_id) {
    loyalty::Transaction transaction;
    transaction.id = std::move(id);
    transaction.member_id = std::move(member_id);
    transaction.at = loyalty::Timestamp::parse(at).value();
    transaction.channel = std::move(channel);
    transaction.currency = items.empty() ? currency("USD") : items.front().unit_price.currency();
    transaction.items = std::move(items);
    return transaction;
}

loyalty::Member member(std::string id, std::string tier) {
    loyalty::Member result;
    result.id = std::move(id);
    result.tier = std::move(tier);
    return result;
}

std::int64_t points(const loyalty::Outcome& outcome, const std::string& member_id) {
    return outcome.points_change(member_id).value;
}

std::vector<std::pair<std::string, std::int64_t>> deltas(const loyalty::Outcome& outcome) {
    std::vector<std::pair<std::string, std::int64_t>> result;
    for (const auto& delta : outcome.deltas) result.emplace_back(outcome.rule_id(delta), delta.amount);
    return result;
}

std::string header(std::string_view code, std::string_view zone) {
    return "program:\n  name: Test\n  version: \"1\"\n  currency: " + std::string(code) +
           "\n  time_zone: " + std::string(zone) + "\n";
}

}  // namespace test
