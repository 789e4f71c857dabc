// Any bytes as a `when:` condition: compiled or refused with one diagnostic; a compiled one
// evaluates, and explains itself when false, on a fixed purchase without a crash.

#include <cstddef>
#include <cstdint>
#include <string>

#include "compile/compiled_program.hpp"
#include "expr/expression_compiler.hpp"
#include "loyalty/loyalty.hpp"

namespace {

loyalty::Transaction purchase() {
    loyalty::Transaction tx;
    tx.id = "t1";
    tx.member_id = "m1";
    tx.at = *loyalty::Timestamp::parse("2026-11-27T10:00:00-05:00");
    tx.channel = "app";
    tx.currency = *loyalty::Currency::find("USD");
    loyalty::LineItem item;
    item.sku = "LATTE";
    item.category = "coffee";
    item.unit_price = loyalty::Money(450, tx.currency);
    item.quantity = 2;
    item.attributes["size"] = "large";
    tx.items.push_back(item);
    tx.attributes["store"] = "downtown";
    return tx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace loyalty::detail;
    static const loyalty::Transaction transaction = purchase();
    static const std::vector<CounterRule> counters = [] {
        CounterRule visits;
        visits.id = "visits";
        CounterRule spend;
        spend.id = "spend";
        spend.measure = CounterMeasure::spend;
        return std::vector<CounterRule>{visits, spend};
    }();
    RuleNode node;
    node.kind = RuleNode::Kind::scalar;
    node.position = {1, 7};
    node.text.assign(reinterpret_cast<const char*>(data), size);
    DiagnosticSink sink("fuzz.yaml", "when: " + node.text);
    for (const bool item_fields : {false, true}) {
        const ExpressionScope scope{item_fields, transaction.currency, &counters};
        const auto expression = compile_expression(node, "when", scope, sink);
        if (!expression) continue;
        loyalty::Member member;
        member.id = "m1";
        member.tier = "gold";
        member.attributes["birthday"] = "1990-11-27";
        const std::int64_t paid[] = {900};
        const std::int64_t counter_values[] = {3, 12345};
        const ExpressionInput input{transaction, member, item_fields ? &transaction.items[0] : nullptr, paid, 900, 900,
                                    1'795'860'000, 2, counter_values};
        if (!expression->is_true(input) && expression->why_false(input).empty()) __builtin_trap();
    }
    return 0;
}
