// Fuzzed member states and transactions (JSON Lines: a member, then transactions) against a
// fixed program that uses most of the rule language. Every transaction is either refused with
// nothing to apply, or its postings balance, applying it twice equals once, and evaluating it
// again recognises it.

#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <loyalty/loyalty.hpp>

namespace {

const char* program_text = R"(program:
  name: Fuzzed
  version: "1"
  currency: USD
  time_zone: "EST5EDT,M3.2.0,M11.1.0"
points:
  expiry: {months_after_earning: 6}
  pending_days: 7
  pay_rate: {points: 200, worth: 1.00}
returns:
  window_days: 30
  spent: negative_balance
counters:
  - {id: spend-this-year, counts: spend, period: calendar_year}
  - {id: visits, counts: purchases, period: rolling_days, days: 30}
  - {id: coffees, counts: items, period: calendar_month, when: item.category == "coffee"}
tiers:
  counter: spend-this-year
  levels: [{name: member, from: 0}, {name: silver, from: 100.00}, {name: gold, from: 500.00}]
discounts:
  - {id: loyal, percent_off: 5, when: counter.visits >= 3}
groups:
  - {id: promos, mode: first}
earn:
  - id: base
    rate: {points: 1, per: 1.00, include: [shipping], exclude: [points_payment], block: 5, rounding: half_even}
    multipliers:
      - {when: item.category == "coffee" and item.quantity >= 2, factor: 2.5}
  - {id: gold, when: member.tier == "gold", boost: {rules: [base], factor: 1.5}}
  - {id: app, group: promos, when: tx.channel == "app", bonus: 20}
  - {id: web, group: promos, when: 'tx.channel in ["app", "web"]', bonus: 10}
  - {id: welcome, on: signup, once: ever, bonus: 50, referrer_bonus: 100}
  - {id: birthday, on: birthday, when: member.is_birthday, once: per_calendar_year, bonus: 100}
  - {id: weekly, cooldown_days: 7, when: tx.weekday == "monday", bonus: 3}
  - {id: lucky, one_in: 5, bonus: 7}
  - {id: upgrade, when: member.tier == "gold", benefit: upgrade}
  - {id: staff, when: member.attr.staff == "yes", bonus: 1, stop: true}
  - {id: after-staff, bonus: 2}
caps:
  - {id: per-tx, points_max: 400, per: transaction}
  - {id: daily, points_max: 1000, per: day, over: reject}
levels:
  - {id: big-year, counter: spend-this-year, reaches: 300.00, coupon: {percent_off: 10, valid_days: 30}}
  - {id: regular, counter: coffees, reaches: 10, badge: regular}
redemptions:
  - {id: gift, points: 300, automatic: true, coupon: {amount_off: 5.00, valid_days: 20}}
  - {id: latte, points: 150, coupon: {free_item: LATTE, valid_days: 20, starts_after_days: 1}}
rebates:
  - id: rebate
    counter: spend-this-year
    mode: marginal
    brackets: [{from: 0.00, percent: 0}, {from: 200.00, percent: 1.5}]
)";

bool balanced(const loyalty::Outcome& outcome) {
    std::map<std::string, std::int64_t> per_unit;
    for (const loyalty::Posting& posting : outcome.postings()) per_unit[posting.unit] += posting.amount;
    for (const auto& [unit, sum] : per_unit) {
        if (sum != 0) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const loyalty::Program program = loyalty::Program::from_string(program_text, "fuzzed.yaml");
    std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
    std::string line;
    if (!std::getline(lines, line)) return 0;
    loyalty::Member member;
    try {
        member = loyalty::member_from_json(line);
    } catch (const loyalty::Error&) {
        return 0;
    }
    loyalty::Outcome outcome;
    for (int count = 0; count < 64 && std::getline(lines, line); ++count) {
        loyalty::Transaction transaction;
        try {
            transaction = loyalty::transaction_from_json(line);
        } catch (const loyalty::Error&) {
            continue;
        }
        const loyalty::EvaluationOptions options{count % 2 == 0};
        if (program.evaluate(member, transaction, outcome, options)) {
            if (!outcome.deltas.empty()) __builtin_trap();
            continue;
        }
        if (!balanced(outcome)) __builtin_trap();
        // Every delta of an outcome the program made can be put in words.
        if (!program.explain(outcome).ok()) __builtin_trap();
        try {
            const loyalty::Member next = loyalty::apply(member, outcome);
            if (loyalty::to_json(loyalty::apply(next, outcome)) != loyalty::to_json(next)) __builtin_trap();
            if (!program.evaluate(next, transaction).already_applied) __builtin_trap();
            member = next;
        } catch (const loyalty::Error&) {
            // A member state that is itself inconsistent (read from hostile JSON) may be refused
            // when applied; it must never be half-changed, which `apply` being pure ensures.
        }
    }
    return 0;
}
