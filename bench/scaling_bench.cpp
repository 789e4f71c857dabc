// How evaluation cost grows, each figure from one run: with the items in a basket, with the length
// of a member's history, with the number of rules in a program (and what compiling one costs), and
// with a second thread evaluating on the same Program. Also what a compiled program and a member's
// state take in memory, and loading a program from its image against compiling its rule file.
//
//   bench_scaling [Google Benchmark flags]

#include <cstdlib>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "allocation_counter.hpp"
#include "baskets.hpp"

namespace {

loyalty::Program typical() { return loyalty::Program::from_file(LOYALTY_BENCH_DIR "/typical.yaml"); }

/// One base rate and `rules - 1` bonuses, two per channel ("store-0", "store-0", "store-1", …):
/// a purchase at "store-0" matches three rules whatever the size of the program.
std::string program_of(std::size_t rules) {
    std::string text =
        "program:\n  name: Many promotions\n  version: \"1\"\n  currency: USD\n  time_zone: \"-05:00\"\n"
        "earn:\n  - id: base\n    rate: {points: 1, per: 1.00}\n";
    for (std::size_t promotion = 0; promotion + 1 < rules; ++promotion) {
        text += "  - id: promotion-" + std::to_string(promotion) + "\n    when: tx.channel == \"store-" +
                std::to_string(promotion / 2) + "\" and tx.total >= " + std::to_string(5 + promotion % 2) +
                ".00\n    bonus: " + std::to_string(10 + promotion % 7) + "\n";
    }
    return text;
}

/// Evaluates `transaction` for `member` into one reused outcome, again and again: nothing is
/// applied, so every iteration sees the same state.
void evaluate_repeatedly(benchmark::State& state, const loyalty::Program& program, const loyalty::Member& member,
                         const loyalty::Transaction& transaction) {
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    if (program.evaluate(member, transaction, evaluator, outcome)) std::abort();
    const std::size_t deltas = outcome.deltas.size();
    const std::uint64_t before = bench::allocations();
    for (auto _ : state) {
        if (program.evaluate(member, transaction, evaluator, outcome)) std::abort();
        benchmark::DoNotOptimize(outcome.deltas.data());
    }
    const double iterations = static_cast<double>(state.iterations());
    state.counters["allocs"] = static_cast<double>(bench::allocations() - before) / iterations;
    state.counters["deltas"] = static_cast<double>(deltas);
    state.SetItemsProcessed(state.iterations());
}

void basket_size(benchmark::State& state) {
    const auto items = static_cast<std::size_t>(state.range(0));
    const auto history = bench::make_history({1, 1, 30, items, items});
    evaluate_repeatedly(state, typical(), history.members[0], history.transactions[0]);
    state.counters["ns_per_item"] = benchmark::Counter(static_cast<double>(items) * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// A member of the sample café program (counters, levels, coupons, expiring lots, a return window)
/// after `past` purchases, one every eight hours, then one more purchase evaluated.
void member_history(benchmark::State& state) {
    const auto past = static_cast<std::size_t>(state.range(0));
    const auto program = loyalty::Program::from_file(LOYALTY_BENCH_DIR "/../rules/corner-cafe.yaml");
    auto history = bench::make_history({1, past + 1, 8 * 3600, 1, 5});
    loyalty::Member member = history.members[0];
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    for (std::size_t t = 0; t < past; ++t) {
        if (program.evaluate(member, history.transactions[t], evaluator, outcome)) std::abort();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
    }
    const std::int64_t before = bench::live_bytes();
    const loyalty::Member copy = member;
    state.counters["member_heap_bytes"] = static_cast<double>(bench::live_bytes() - before);
    state.counters["member_json_bytes"] = static_cast<double>(loyalty::to_json(copy).size());
    state.counters["lots"] = static_cast<double>(member.lots.size());
    state.counters["coupons"] = static_cast<double>(member.coupons.size());
    state.counters["counter_buckets"] = static_cast<double>(member.counters.size());
    evaluate_repeatedly(state, program, member, history.transactions[past]);
}

void program_size(benchmark::State& state) {
    const auto program = loyalty::Program::from_string(program_of(static_cast<std::size_t>(state.range(0))), "many.yaml");
    auto history = bench::make_history({1, 1});
    history.transactions[0].channel = "store-0";
    evaluate_repeatedly(state, program, history.members[0], history.transactions[0]);
}

/// Parse, validate and compile; also the heap the compiled program keeps.
void compile_program(benchmark::State& state) {
    const std::string text = program_of(static_cast<std::size_t>(state.range(0)));
    const std::int64_t before = bench::live_bytes();
    {
        const auto kept = loyalty::Program::from_string(text, "many.yaml");
        state.counters["program_heap_bytes"] = static_cast<double>(bench::live_bytes() - before);
    }
    for (auto _ : state) benchmark::DoNotOptimize(loyalty::Program::from_string(text, "many.yaml"));
    state.counters["rule_file_bytes"] = static_cast<double>(text.size());
}

/// The sample program (0), or a program of that many rules, as a rule file or as an image.
loyalty::Program program_for(std::int64_t rules) {
    return rules == 0 ? loyalty::Program::from_file(LOYALTY_BENCH_DIR "/../rules/corner-cafe.yaml")
                      : loyalty::Program::from_string(program_of(static_cast<std::size_t>(rules)), "many.yaml");
}

/// Loading a program from its image (`loyalty compile`), checks included: what a till does at
/// start-up instead of parsing and compiling the rule file.
void load_image(benchmark::State& state) {
    const std::string image = program_for(state.range(0)).image();
    for (auto _ : state) benchmark::DoNotOptimize(loyalty::Program::load_image(image, "program.lpi"));
    state.counters["image_bytes"] = static_cast<double>(image.size());
}

/// The same programs parsed, validated and compiled from their rule files, in the same run.
void load_rule_file(benchmark::State& state) {
    const std::string text = program_for(state.range(0)).source();
    for (auto _ : state) benchmark::DoNotOptimize(loyalty::Program::load_string(text, "program.yaml"));
    state.counters["rule_file_bytes"] = static_cast<double>(text.size());
}

/// The typical program's history, evaluated and applied by each thread for its own members, all
/// threads sharing one Program.
void threads(benchmark::State& state) {
    static const loyalty::Program program = typical();
    static const bench::History history = bench::make_history({1'000, 100'000});
    auto members = history.members;
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == history.transactions.size()) {
            state.PauseTiming();
            members = history.members;
            t = 0;
            state.ResumeTiming();
        }
        loyalty::Member& member = members[history.member_of[t]];
        if (program.evaluate(member, history.transactions[t], evaluator, outcome)) std::abort();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
        ++t;
    }
    state.SetItemsProcessed(state.iterations());
}

/// The café program (purchase records kept for returns, counters by month, levels, coupons) over
/// 100 members' purchases, one every ten minutes: the first years (the second argument, 52,560
/// purchases a year) warm the members up toward their bounded size, then the next 30,000 are
/// evaluated and applied, applied with the evaluator state (1) or without (0), counting what
/// `apply_in_place` allocates. Each purchase record kept for returns is written into the memory
/// of one a member dropped, which allocates only when that one had fewer lines: the records reach
/// the longest basket one by one, so the count falls with every year of warming.
void apply_in_steady_state(benchmark::State& state) {
    const bool with_state = state.range(0) == 1;
    const auto program = loyalty::Program::from_file(LOYALTY_BENCH_DIR "/../rules/corner-cafe.yaml");
    const auto warm = static_cast<std::size_t>(52'560 * state.range(1));
    const std::size_t measured = 30'000;
    const auto history = bench::make_history({100, warm + measured, 600, 1, 5});
    auto members = history.members;
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    const auto step = [&](std::size_t t) {
        loyalty::Member& member = members[history.member_of[t]];
        if (program.evaluate(member, history.transactions[t], evaluator, outcome)) std::abort();
        const std::uint64_t before = bench::allocations();
        if (with_state) {
            if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
        } else {
            loyalty::apply_in_place(member, outcome);
        }
        return bench::allocations() - before;
    };
    for (std::size_t t = 0; t < warm; ++t) step(t);
    std::uint64_t allocations = 0;
    std::size_t t = warm;
    for (auto _ : state) allocations += step(t++);
    state.counters["apply_allocs"] = static_cast<double>(allocations) / static_cast<double>(state.iterations());
}

BENCHMARK(basket_size)->Arg(1)->Arg(10)->Arg(100);
BENCHMARK(member_history)->Arg(10)->Arg(1'000)->Arg(10'000);
BENCHMARK(program_size)->Arg(5)->Arg(50)->Arg(1'000);
BENCHMARK(compile_program)->Arg(5)->Arg(50)->Arg(1'000)->Unit(benchmark::kMillisecond);
BENCHMARK(load_image)->Arg(0)->Arg(5)->Arg(50)->Arg(1'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(load_rule_file)->Arg(0)->Arg(5)->Arg(50)->Arg(1'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(threads)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(apply_in_steady_state)->Args({0, 1})->Args({1, 1})->Args({1, 3})->Iterations(30'000);

}  // namespace

BENCHMARK_MAIN();
