// What one transaction costs as one member's state grows: a shared "guest" member at a till
// with thousands of purchases inside the return window, a member holding thousands of coupons,
// and a program of thousands of once-limited rules that a member has used. Each figure is the
// time of one evaluation and apply, against the smallest state, from one run.
//
//   bench_member_size [Google Benchmark flags]

#include <cstdlib>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <loyalty/loyalty.hpp>

namespace {

const char* header = "program:\n  name: Guest till\n  version: \"1\"\n  currency: USD\n  time_zone: \"-05:00\"\n";

/// "2026-03-DD" and a time of day for the n-th of many transactions on 28 days.
std::string at(std::size_t n, std::size_t of) {
    const std::size_t second = n * (28 * 86'400) / (of + 1);
    char text[40];
    std::snprintf(text, sizeof text, "2026-02-%02zuT%02zu:%02zu:%02zu-05:00", 1 + second / 86'400, second / 3600 % 24,
                  second / 60 % 60, second % 60);
    return text;
}

loyalty::Transaction purchase(const std::string& id, const std::string& when, const std::string& member = "guest") {
    loyalty::Transaction tx;
    tx.id = id;
    tx.member_id = member;
    tx.at = *loyalty::Timestamp::parse(when);
    tx.currency = *loyalty::Currency::find("USD");
    loyalty::LineItem item;
    item.sku = "LATTE";
    item.category = "coffee";
    item.unit_price = *loyalty::Money::parse("4.50", tx.currency);
    item.quantity = 2;
    tx.items = {item};
    return tx;
}

/// A member of long standing: 300 visits in 2025 that earned nothing, so that its list of recent
/// transactions is as long as it stays (between 128 and 256), whatever it did since.
loyalty::Member long_standing(const loyalty::Program& program) {
    loyalty::Member member;
    member.id = "guest";
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    for (std::size_t n = 0; n < 300; ++n) {
        loyalty::Transaction visit = purchase("visit" + std::to_string(n), "2025-06-01T12:00:00-05:00");
        visit.kind = loyalty::TransactionKind::event;
        visit.event_name = "visit";
        visit.items.clear();
        if (program.evaluate(member, visit, evaluator, outcome)) std::abort();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
    }
    return member;
}

/// The guest of long standing after `count` purchases spread over February, with ids `prefix`0,
/// `prefix`1, …
loyalty::Member guest_after(const loyalty::Program& program, std::size_t count, const std::string& prefix) {
    loyalty::Member member = long_standing(program);
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    for (std::size_t n = 0; n < count; ++n) {
        if (program.evaluate(member, purchase(prefix + std::to_string(n), at(n, count)), evaluator, outcome)) std::abort();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
    }
    return member;
}

/// A base rate and a 60-day return window.
loyalty::Program guest_program() {
    return loyalty::Program::from_string(std::string(header) +
                                             "returns:\n  window_days: 60\n"
                                             "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n",
                                         "guest.yaml");
}

/// Evaluates and applies `next` in turn to `start`, which is reloaded (untimed) once all of them
/// were applied: the state grows by at most a tenth. `start` has already seen a transaction on
/// the day of `next`, as a member does in a day of many: what no window needs is forgotten once
/// a day, and that once is not what is measured here.
void evaluate_and_apply(benchmark::State& state, const loyalty::Program& program, loyalty::Member start,
                        const std::vector<loyalty::Transaction>& next) {
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    loyalty::Transaction earlier = next.front();
    earlier.id = "earlier-today";
    earlier.kind = loyalty::TransactionKind::event;
    earlier.event_name = "visit";
    earlier.items.clear();
    earlier.coupons.clear();
    earlier.at = *loyalty::Timestamp::parse("2026-03-01T08:00:00-05:00");
    if (program.evaluate(start, earlier, evaluator, outcome)) std::abort();
    if (loyalty::apply_in_place(start, outcome, evaluator)) std::abort();
    // A member that grew to its size has between one and two buckets an item, half as many again
    // on average; a copy would have one, and the batch's growth would rehash it whole each time.
    start.purchases.reserve(start.purchases.size() * 3 / 2);
    start.coupons.reserve(start.coupons.size() * 3 / 2);
    loyalty::Member member = start;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == next.size()) {
            state.PauseTiming();
            member = start;
            t = 0;
            state.ResumeTiming();
        }
        if (program.evaluate(member, next[t], evaluator, outcome)) std::abort();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
        ++t;
    }
    state.SetItemsProcessed(state.iterations());
}

/// A guest member with `range(0)` purchases in a 60-day window; then a tenth as many purchases
/// more, or as many returns of purchases spread over the window.
void purchases_in_window(benchmark::State& state, bool returns) {
    const auto program = guest_program();
    const auto past = static_cast<std::size_t>(state.range(0));
    const loyalty::Member member = guest_after(program, past, "p");
    std::vector<loyalty::Transaction> next;
    const std::size_t batch = past / 10;
    for (std::size_t n = 0; n < batch; ++n) {
        loyalty::Transaction tx = purchase("next" + std::to_string(n), "2026-03-01T12:00:00-05:00");
        if (returns) {
            tx.id = "back" + std::to_string(n);
            tx.kind = loyalty::TransactionKind::product_return;
            tx.original_transaction_id = "p" + std::to_string(n * past / batch);
            tx.items[0].quantity = 1;
        }
        next.push_back(tx);
    }
    state.counters["purchase_records"] = static_cast<double>(member.purchases.size());
    state.counters["lots"] = static_cast<double>(member.lots.size());
    evaluate_and_apply(state, program, member, next);
}

void purchases(benchmark::State& state) { purchases_in_window(state, false); }

/// The first transaction of a day for the guest member with `range(0)` purchases in the window:
/// the horizon moves on, and the member's state is looked through once for what no window needs.
void first_of_day(benchmark::State& state) {
    const auto program = guest_program();
    const auto past = static_cast<std::size_t>(state.range(0));
    const loyalty::Member member = guest_after(program, past, "p");
    const loyalty::Transaction next_day = purchase("next-day", "2026-03-01T12:00:00-05:00");
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    for (auto _ : state) {
        if (program.evaluate(member, next_day, evaluator, outcome)) std::abort();
        benchmark::DoNotOptimize(outcome.state_changes.data());
    }
    state.counters["purchase_records"] = static_cast<double>(member.purchases.size());
}
void returns(benchmark::State& state) { purchases_in_window(state, true); }

/// A member holding `range(0)` unused coupons, each purchase presenting one of them.
void coupons_held(benchmark::State& state) {
    const auto program = loyalty::Program::from_string(std::string(header) +
                                                           "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n"
                                                           "  - {id: gift, coupon: {amount_off: 1.00, valid_days: 365}}\n",
                                                       "coupons.yaml");
    const auto held = static_cast<std::size_t>(state.range(0));
    const loyalty::Member member = guest_after(program, held, "c");
    std::vector<loyalty::Transaction> next;
    const std::size_t batch = held / 10;
    for (std::size_t n = 0; n < batch; ++n) {
        loyalty::Transaction tx = purchase("next" + std::to_string(n), "2026-03-01T12:00:00-05:00");
        tx.coupons = {"c" + std::to_string(n * held / batch) + "/gift:coupon@1"};
        next.push_back(tx);
    }
    state.counters["coupons"] = static_cast<double>(member.coupons.size());
    evaluate_and_apply(state, program, member, next);
}

/// A program of `range(0)` once-a-month bonuses, all of them used this month by the member.
void rules_used(benchmark::State& state) {
    const auto rules = static_cast<std::size_t>(state.range(0));
    std::string text = std::string(header) + "earn:\n";
    for (std::size_t r = 0; r < rules; ++r) {
        text += "  - {id: monthly-" + std::to_string(r) + ", once: per_calendar_month, bonus: 1}\n";
    }
    const auto program = loyalty::Program::from_string(text, "rules.yaml");
    loyalty::Member member = long_standing(program);
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    if (program.evaluate(member, purchase("first", "2026-03-01T07:00:00-05:00"), evaluator, outcome)) std::abort();
    if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
    std::vector<loyalty::Transaction> next;
    for (std::size_t n = 0; n < 20; ++n) next.push_back(purchase("next" + std::to_string(n), "2026-03-01T12:00:00-05:00"));
    state.counters["rule_uses"] = static_cast<double>(member.rule_uses.size());
    evaluate_and_apply(state, program, member, next);
}

BENCHMARK(purchases)->Arg(100)->Arg(1'000)->Arg(20'000);
BENCHMARK(returns)->Arg(100)->Arg(1'000)->Arg(20'000);
BENCHMARK(first_of_day)->Arg(100)->Arg(1'000)->Arg(20'000);
BENCHMARK(coupons_held)->Arg(100)->Arg(1'000)->Arg(40'000);
BENCHMARK(rules_used)->Arg(10)->Arg(1'000)->Arg(10'000);

}  // namespace

BENCHMARK_MAIN();
