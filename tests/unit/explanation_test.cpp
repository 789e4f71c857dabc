// Explanations are rendered from the numbers a delta keeps, on demand, and refuse what does not fit.

#include <random>

#include <catch2/catch.hpp>

#include "random_history.hpp"
#include "test_support.hpp"

namespace {

const char* const at = "2026-03-02T10:15:00-05:00";

loyalty::Outcome coffee_run(const loyalty::Program& program) {
    return program.evaluate(test::member("m1", "gold"),
                            test::purchase("t1", at, {test::item("LATTE", "coffee", "4.50", 2), test::item("BEANS", "beans", "24.00")}, "app"));
}

}  // namespace

TEST_CASE("every delta's explanation renders from its reason, alone or all at once", "[explanation]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const auto outcome = coffee_run(program);
    REQUIRE(outcome.deltas.size() == 3);
    const auto all = program.explain(outcome);
    REQUIRE(all.ok());
    CHECK(all.value() == std::vector<std::string>{
                             "Everyday points: 42 points for 33.00 USD paid at 1 point per 1.00 USD, ×2 on 9.00 USD "
                             "(coffee counts double).",
                             "Gold member bonus: 21 points more, ×1.5 on the 42 points from Everyday points.",
                             "App order bonus: 50 points bonus."});
    for (std::size_t i = 0; i < outcome.deltas.size(); ++i) CHECK(program.explain(outcome, i).value() == all.value()[i]);
    // Appended after what the string holds, as a receipt line would be.
    std::string line = "  + ";
    CHECK_FALSE(program.append_explanation(line, outcome, 2));
    CHECK(line == "  + App order bonus: 50 points bonus.");
}

TEST_CASE("an outcome of another program is not explained by this one (X001)", "[explanation]") {
    const auto cafe = test::rules_file("corner-cafe.yaml");
    const auto other = test::rules_file("s11-large-order.yaml");
    const auto outcome = coffee_run(cafe);
    std::string text = "kept";
    const auto error = other.append_explanation(text, outcome, 0);
    REQUIRE(error);
    CHECK(error->code == "X001");
    CHECK(text == "kept");
    CHECK(other.explain(outcome).error().code == "X001");
}

TEST_CASE("a reason edited to name what is not there is refused (X002), never followed", "[explanation]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const auto outcome = coffee_run(program);
    const auto refused = [&](const loyalty::Outcome& edited, std::size_t delta) {
        std::string text = "kept";
        const auto error = program.append_explanation(text, edited, delta);
        return error && error->code == "X002" && text == "kept";
    };
    CHECK(refused(outcome, 3));
    auto edited = outcome;
    edited.deltas[0].reason.subject = 1'000;
    CHECK(refused(edited, 0));
    edited = outcome;
    edited.deltas[0].reason.extra_count = 1'000;
    CHECK(refused(edited, 0));
    edited = outcome;
    edited.deltas[0].reason.first_extra = 4'000'000'000U;
    CHECK(refused(edited, 0));
    edited = outcome;
    edited.reason_numbers.clear();
    CHECK(refused(edited, 0));
    edited = outcome;
    edited.deltas[0].reason.cap_note_count = 5;
    CHECK(refused(edited, 0));
    edited = outcome;
    edited.deltas[0].reason.kind = static_cast<loyalty::Reason::Kind>(200);
    CHECK(refused(edited, 0));
    // The earn rate's numbers: a spend beyond any amount of money.
    edited = outcome;
    edited.deltas[0].reason.numbers[1] = INT64_MAX;
    CHECK(refused(edited, 0));
    // A bonus's reason pointed at a rate rule, whose sentence it cannot be.
    edited = outcome;
    edited.deltas[2].reason.subject = edited.deltas[0].reason.subject;
    CHECK(refused(edited, 2));
}

TEST_CASE("random edits of reasons give a sentence or X002, for every kind of delta", "[explanation]") {
    const loyalty::Program program = loyalty::Program::from_string(test::pending_program_text(), "pending.yaml");
    std::map<std::string, loyalty::Member> members;
    loyalty::EvaluatorState state;
    loyalty::Outcome outcome;
    std::mt19937_64 random(14);
    std::set<loyalty::Reason::Kind> kinds;
    std::size_t edits = 0;
    for (const auto& tx : test::generate(program, 3, 20, 3'000)) {
        auto [member, added] = members.try_emplace(tx.member_id, test::member(tx.member_id));
        if (program.evaluate(member->second, tx, state, outcome)) continue;
        REQUIRE(program.explain(outcome).ok());
        for (std::size_t d = 0; d < outcome.deltas.size(); ++d) {
            kinds.insert(outcome.deltas[d].reason.kind);
            loyalty::Outcome edited = outcome;
            loyalty::Reason& reason = edited.deltas[d].reason;
            const auto value = static_cast<std::int64_t>(random());
            switch (random() % 5) {
                case 0: reason.numbers[random() % reason.numbers.size()] = value; break;
                case 1: reason.subject = static_cast<std::uint32_t>(value); break;
                case 2: reason.first_extra = static_cast<std::uint32_t>(value % 64); break;
                case 3: reason.extra_count = static_cast<std::uint32_t>(value % 64); break;
                default:
                    if (!edited.reason_numbers.empty()) edited.reason_numbers[random() % edited.reason_numbers.size()] = value;
                    break;
            }
            std::string text;
            const auto error = program.append_explanation(text, edited, d);
            CHECK((!error || error->code == "X002"));
            ++edits;
        }
        if (loyalty::apply_in_place(member->second, outcome, state)) std::abort();
    }
    INFO("kinds of reason seen: " << kinds.size());
    CHECK(kinds.size() >= 8);
    CHECK(edits > 1'000);
}

TEST_CASE("a delta's id names its transaction, rule, part and program version", "[explanation]") {
    const auto program = test::rules_file("s12-returns.yaml");
    auto member = test::member();
    const auto run = [&](loyalty::Transaction tx) {
        const auto outcome = program.evaluate(member, tx);
        member = loyalty::apply(member, outcome);
        std::vector<std::string> ids;
        for (const auto& delta : outcome.deltas) ids.push_back(outcome.delta_id(delta));
        return ids;
    };
    using Ids = std::vector<std::string>;
    CHECK(run(test::purchase("p5", "2026-06-01T12:00:00-05:00", {test::item("COAT", "x", "100.00")})) ==
          Ids{"p5/base@1", "p5/spend-100:coupon@1"});
    auto with_coupon = test::purchase("p6", "2026-06-02T12:00:00-05:00", {test::item("HAT", "x", "20.00")});
    with_coupon.coupons = {"p5/spend-100:coupon@1"};
    CHECK(run(with_coupon) == Ids{"p6/coupons:use-1@1", "p6/coupons:discount-1@1", "p6/base@1", "p6/big-spender@1"});
    auto back = test::purchase("r6", "2026-06-03T12:00:00-05:00", {test::item("HAT", "x", "20.00")});
    back.kind = loyalty::TransactionKind::product_return;
    back.original_transaction_id = "p6";
    CHECK(run(back) == Ids{"r6/returns:points@1", "r6/returns:coupon-p5/spend-100:coupon@1@1"});
    // The coupon a rule gives is known by its delta's id, and so is the lot a delta makes.
    CHECK(member.coupons.count("p5/spend-100:coupon@1") == 1);
    std::string text = "id ";
    const auto outcome = program.evaluate(member, test::purchase("p7", "2026-06-04T12:00:00-05:00", {test::item("A", "x", "5.00")}));
    outcome.append_delta_id(text, outcome.deltas.at(0));
    CHECK(text == "id p7/base@1");
}
