// The typical program evaluated by the engine and by hand-written C++ over the same baskets, in
// one run: ns per evaluation of each, and their ratio. The hand-written program comes twice: bare,
// and keeping the guarantees the engine keeps (guarded_handwritten.hpp). Before anything is
// timed, all three compute the whole history and must agree on the points earned and burned and
// the coupons issued.
//
//   bench_typical [--transactions=N] [--id-prefix=TEXT] [--write-history=PATH] [Google Benchmark flags]
//
// --id-prefix is written before every member and transaction id, to measure ids as long as
// hosts' own.
//
// --write-history writes the baskets and the totals as JSON lines, for bench/peers/run to give
// the same history to the engines users would pick instead.

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <benchmark/benchmark.h>

#include "allocation_counter.hpp"
#include "baskets.hpp"
#include "guarded_handwritten.hpp"
#include "handwritten.hpp"

namespace {

std::size_t transaction_count = 1'000'000;
std::string id_prefix;
std::string history_path;

struct Data {
    loyalty::Program program;
    bench::History history;
    std::vector<bench::HandwrittenBasket> baskets;
    std::vector<bench::HandwrittenMember> hand_members;
    std::vector<bench::GuardedBasket> guarded_baskets;
    std::vector<bench::GuardedMember> guarded_members;
};

Data& data() {
    static Data instance = [] {
        Data d{loyalty::Program::from_file(LOYALTY_BENCH_DIR "/typical.yaml"),
               bench::make_history({10'000, transaction_count, 30, 1, 5, 2026, id_prefix}), {}, {}, {}, {}};
        for (const auto& tx : d.history.transactions) {
            bench::HandwrittenBasket basket{tx.channel, {}};
            for (const auto& item : tx.items) basket.items.push_back({item.category, item.unit_price.minor_units(), item.quantity});
            d.guarded_baskets.push_back({tx.id, tx.at.utc_seconds(), basket.channel, basket.items});
            d.baskets.push_back(std::move(basket));
        }
        for (const auto& member : d.history.members) {
            d.hand_members.push_back({member.tier, 0});
            bench::GuardedMember guarded;
            guarded.id = member.id;
            guarded.tier = member.tier;
            guarded.recent.reserve(256);
            guarded.recent_fingerprints.reserve(256);
            d.guarded_members.push_back(std::move(guarded));
        }
        return d;
    }();
    return instance;
}

/// Evaluates and applies one transaction with the engine, adding to `totals`.
void evaluate_with_engine(const loyalty::Program& program, loyalty::Member& member, const loyalty::Transaction& tx,
                          loyalty::EvaluatorState& evaluator, loyalty::Outcome& outcome, bench::Totals& totals) {
    if (program.evaluate(member, tx, evaluator, outcome)) std::abort();
    for (const auto& delta : outcome.deltas) {
        if (delta.kind == loyalty::DeltaKind::earn) totals.earned += delta.amount;
        if (delta.kind == loyalty::DeltaKind::burn) totals.burned += delta.amount;
        if (delta.kind == loyalty::DeltaKind::coupon_issue) ++totals.coupons;
    }
    if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
}

/// First line: the totals; then one line per basket: {"member": index, "tier", "channel",
/// "items": [[category, unit cents, quantity], …]}.
void write_history(const bench::Totals& totals) {
    const Data& d = data();
    std::ofstream out(history_path);
    out << R"({"earned":)" << totals.earned << R"(,"burned":)" << totals.burned << R"(,"coupons":)" << totals.coupons
        << "}\n";
    for (std::size_t t = 0; t < d.baskets.size(); ++t) {
        const std::size_t m = d.history.member_of[t];
        out << R"({"member":)" << m << R"(,"tier":")" << d.hand_members[m].tier << R"(","channel":")"
            << d.baskets[t].channel << R"(","items":[)";
        for (std::size_t i = 0; i < d.baskets[t].items.size(); ++i) {
            const bench::HandwrittenItem& item = d.baskets[t].items[i];
            out << (i == 0 ? "" : ",") << R"([")" << item.category << R"(",)" << item.unit_cents << "," << item.quantity
                << "]";
        }
        out << "]}\n";
    }
    if (!out) {
        std::cerr << "cannot write " << history_path << "\n";
        std::exit(1);
    }
}

/// The whole history both ways; the benchmark refuses to time anything that computes otherwise.
void check_same_totals() {
    Data& d = data();
    auto members = d.history.members;
    auto hand = d.hand_members;
    auto guarded = d.guarded_members;
    bench::Totals engine, by_hand, guarded_by_hand;
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    std::vector<bench::GuardedDelta> deltas;
    for (std::size_t t = 0; t < d.history.transactions.size(); ++t) {
        const std::size_t m = d.history.member_of[t];
        evaluate_with_engine(d.program, members[m], d.history.transactions[t], evaluator, outcome, engine);
        bench::evaluate_by_hand(hand[m], d.baskets[t], by_hand);
        bench::evaluate_guarded(guarded[m], d.guarded_baskets[t], deltas, guarded_by_hand);
    }
    std::cout << "totals over " << d.history.transactions.size() << " transactions: engine " << engine.earned
              << " earned, " << engine.burned << " burned, " << engine.coupons << " coupons; by hand " << by_hand.earned
              << ", " << by_hand.burned << ", " << by_hand.coupons << "; by hand with the guarantees "
              << guarded_by_hand.earned << ", " << guarded_by_hand.burned << ", " << guarded_by_hand.coupons << "\n";
    for (std::size_t m = 0; m < members.size(); ++m) {
        std::int64_t lots = 0;
        for (const auto& lot : guarded[m].lots) lots += lot.points;
        if (lots != members[m].points().value) {
            std::cerr << "member " << members[m].id << ": the engine holds " << members[m].points().value
                      << " points, the guarded hand-written program " << lots << "\n";
            std::exit(1);
        }
    }
    if (!(engine == by_hand) || !(engine == guarded_by_hand) || engine.coupons == 0) {
        std::cerr << "the engine and the hand-written program disagree\n";
        std::exit(1);
    }
    if (!history_path.empty()) write_history(engine);
}

/// Evaluates and applies the history in order, one transaction per iteration, from fresh
/// members each pass; also counts the heap allocations of `evaluate` and of `apply_in_place`.
void engine(benchmark::State& state) {
    Data& d = data();
    auto members = d.history.members;
    loyalty::EvaluatorState evaluator;
    loyalty::Outcome outcome;
    bench::Totals totals;
    std::uint64_t evaluate_allocations = 0;
    std::uint64_t apply_allocations = 0;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == d.history.transactions.size()) {
            state.PauseTiming();
            members = d.history.members;
            t = 0;
            state.ResumeTiming();
        }
        loyalty::Member& member = members[d.history.member_of[t]];
        const std::uint64_t before = bench::allocations();
        if (d.program.evaluate(member, d.history.transactions[t], evaluator, outcome)) std::abort();
        const std::uint64_t evaluated = bench::allocations();
        if (loyalty::apply_in_place(member, outcome, evaluator)) std::abort();
        evaluate_allocations += evaluated - before;
        apply_allocations += bench::allocations() - evaluated;
        benchmark::DoNotOptimize(outcome.deltas.data());
        ++t;
    }
    benchmark::DoNotOptimize(totals);
    state.SetItemsProcessed(state.iterations());
    const double iterations = static_cast<double>(state.iterations());
    state.counters["evaluate_allocs"] = static_cast<double>(evaluate_allocations) / iterations;
    state.counters["apply_allocs"] = static_cast<double>(apply_allocations) / iterations;
}

void handwritten(benchmark::State& state) {
    Data& d = data();
    auto members = d.hand_members;
    bench::Totals totals;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == d.baskets.size()) {
            state.PauseTiming();
            members = d.hand_members;
            t = 0;
            state.ResumeTiming();
        }
        bench::evaluate_by_hand(members[d.history.member_of[t]], d.baskets[t], totals);
        ++t;
    }
    benchmark::DoNotOptimize(totals);
    state.SetItemsProcessed(state.iterations());
}

void guarded_handwritten(benchmark::State& state) {
    Data& d = data();
    auto members = d.guarded_members;
    bench::Totals totals;
    std::vector<bench::GuardedDelta> deltas;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == d.guarded_baskets.size()) {
            state.PauseTiming();
            members = d.guarded_members;
            t = 0;
            state.ResumeTiming();
        }
        bench::evaluate_guarded(members[d.history.member_of[t]], d.guarded_baskets[t], deltas, totals);
        benchmark::DoNotOptimize(deltas.data());
        ++t;
    }
    benchmark::DoNotOptimize(totals);
    state.SetItemsProcessed(state.iterations());
}

/// Renders every explanation of an outcome, one outcome per iteration, into one string a host
/// reuses: what asking for the words costs, apart from evaluating (which writes none). The
/// outcomes are the first of the history's, evaluated before anything is timed.
void explain_outcome(benchmark::State& state) {
    Data& d = data();
    auto members = d.history.members;
    loyalty::EvaluatorState evaluator;
    std::vector<loyalty::Outcome> outcomes(std::min<std::size_t>(20'000, d.history.transactions.size()));
    std::size_t deltas = 0;
    for (std::size_t t = 0; t < outcomes.size(); ++t) {
        loyalty::Member& member = members[d.history.member_of[t]];
        if (d.program.evaluate(member, d.history.transactions[t], evaluator, outcomes[t])) std::abort();
        if (loyalty::apply_in_place(member, outcomes[t], evaluator)) std::abort();
        deltas += outcomes[t].deltas.size();
    }
    std::string text;
    std::size_t rendered = 0;
    std::uint64_t allocations = 0;
    std::size_t t = 0;
    for (auto _ : state) {
        if (t == outcomes.size()) t = 0;
        const loyalty::Outcome& outcome = outcomes[t++];
        const std::uint64_t before = bench::allocations();
        for (std::size_t delta = 0; delta < outcome.deltas.size(); ++delta) {
            text.clear();
            if (d.program.append_explanation(text, outcome, delta)) std::abort();
            benchmark::DoNotOptimize(text.data());
        }
        allocations += bench::allocations() - before;
        rendered += outcome.deltas.size();
    }
    state.SetItemsProcessed(state.iterations());
    const double iterations = static_cast<double>(state.iterations());
    state.counters["deltas_per_outcome"] = static_cast<double>(deltas) / static_cast<double>(outcomes.size());
    state.counters["ns_per_delta"] = benchmark::Counter(static_cast<double>(rendered), benchmark::Counter::kIsRate |
                                                                                        benchmark::Counter::kInvert);
    state.counters["allocs_per_outcome"] = static_cast<double>(allocations) / iterations;
}

BENCHMARK(engine);
BENCHMARK(explain_outcome);
BENCHMARK(handwritten);
BENCHMARK(guarded_handwritten);

}  // namespace

int main(int argc, char** argv) {
    // Our own flags first, then Google Benchmark's.
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--transactions=", 15) == 0) {
            transaction_count = std::strtoull(argv[i] + 15, nullptr, 10);
        } else if (std::strncmp(argv[i], "--id-prefix=", 12) == 0) {
            id_prefix = argv[i] + 12;
        } else if (std::strncmp(argv[i], "--write-history=", 16) == 0) {
            history_path = argv[i] + 16;
        } else {
            rest.push_back(argv[i]);
        }
    }
    int count = static_cast<int>(rest.size());
    benchmark::Initialize(&count, rest.data());
    check_same_totals();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
