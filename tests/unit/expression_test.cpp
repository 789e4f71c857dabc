#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const std::string store_purchase_program_head = test::header() + "earn:\n  - id: hit\n    bonus: 1\n    when: ";

/// Whether `condition` holds for a member on a 2-line purchase of 24.50 USD, a Saturday.
bool holds(const std::string& condition) {
    const auto program = test::program(store_purchase_program_head + condition + "\n");
    auto tx = test::purchase("t", "2026-11-28T10:30:00-05:00",
                             {test::item("LATTE", "coffee", "4.50", 1), test::item("BEANS", "beans", "20.00", 1)},
                             "app");
    tx.attributes["store"] = "downtown";
    auto someone = test::member("m1", "silver");
    someone.set_opening_balance(loyalty::Points{950});
    someone.attributes["segment"] = "student";
    return test::points(program.evaluate(someone, tx)) == 1;
}

std::string error_of(const std::string& condition) {
    return test::diagnostics(store_purchase_program_head + condition + "\n");
}

}  // namespace

TEST_CASE("conditions compare typed values", "[expression]") {
    CHECK(holds("tx.total >= 20.00"));
    CHECK(holds("tx.total == 24.5"));
    CHECK(holds("tx.total > 24"));
    CHECK_FALSE(holds("tx.total > 24.50"));
    CHECK(holds("tx.gross == tx.total"));
    CHECK(holds("tx.channel == \"app\""));
    CHECK(holds("tx.channel in [\"app\", \"web\"]"));
    CHECK(holds("tx.channel not in ['store']"));
    CHECK(holds("tx.item_count == 2"));
    CHECK(holds("tx.date == 2026-11-28"));
    CHECK(holds("tx.date >= 2026-11-27 and tx.date < 2026-12-01"));
    CHECK(holds("tx.time >= 2026-11-28T10:30"));
    CHECK_FALSE(holds("tx.time > 2026-11-28T10:30:00"));
    CHECK(holds("tx.weekday in [\"saturday\", \"sunday\"]"));
    CHECK(holds("tx.attr.store == \"downtown\""));
    CHECK(holds("tx.attr.missing == \"\""));
    CHECK(holds("member.tier == \"silver\""));
    CHECK(holds("member.points >= 950"));
    CHECK(holds("member.attr.segment == \"student\""));
    CHECK(holds("not (member.tier == \"gold\") and (tx.total < 10 or tx.channel == \"app\")"));
    CHECK(holds("true"));
    CHECK_FALSE(holds("false or false"));
}

TEST_CASE("condition errors point at the column inside the rule file", "[expression]") {
    CHECK(error_of("tx.chanel == \"app\"") ==
          "test.yaml:9:11: error[E202]: in 'when': unknown field 'tx.chanel' (did you mean 'tx.channel'?); "
          "fields are tx.*, item.*, member.*, their attr.<name>, and counter.<id>\n"
          "      when: tx.chanel == \"app\"\n"
          "            ^\n");
    CHECK(error_of("tx.total >= \"20\"") ==
          "test.yaml:9:20: error[E203]: in 'when': cannot compare an amount with text\n"
          "      when: tx.total >= \"20\"\n"
          "                     ^\n");
}

TEST_CASE("conditions are type-checked when the program is compiled", "[expression]") {
    CHECK_THAT(error_of("tx.total"), Catch::Contains("E203") && Catch::Contains("must be true or false"));
    CHECK_THAT(error_of("tx.channel > \"a\""), Catch::Contains("E203"));
    CHECK_THAT(error_of("tx.total >= 20.001"), Catch::Contains("E206") && Catch::Contains("USD"));
    CHECK_THAT(error_of("tx.weekday == \"Saturday\""), Catch::Contains("E207") && Catch::Contains("saturday"));
    CHECK_THAT(error_of("item.category == \"coffee\""), Catch::Contains("E205"));
    CHECK_THAT(error_of("tx.total >= 1e3"), Catch::Contains("E105"));
    CHECK_THAT(error_of("tx.date == 2023-02-29"), Catch::Contains("E108"));
    CHECK_THAT(error_of("tx.total >="), Catch::Contains("E201"));
    CHECK_THAT(error_of("(tx.total >= 1"), Catch::Contains("E201"));
    CHECK_THAT(error_of("tx.channel == \"app"), Catch::Contains("E201"));
    CHECK_THAT(error_of("tx.channel in \"app\""), Catch::Contains("E201"));
    CHECK_THAT(error_of("tx.total >= 1 and tx.channel"), Catch::Contains("E203"));
    CHECK_THAT(error_of("tx.channel == 'a' $"), Catch::Contains("E201"));
    CHECK_THAT(error_of(std::string(40, '(') + "true" + std::string(40, ')')), Catch::Contains("E204"));
}
