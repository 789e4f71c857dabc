#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

struct Refusal {
    std::string code;
    std::string field;
};

Refusal refusal(const loyalty::Transaction& transaction, const loyalty::Member& member = test::member()) {
    const auto program = test::rules_file("corner-cafe.yaml");
    loyalty::Outcome outcome;
    const auto error = program.evaluate(member, transaction, outcome);
    if (!error) return {"", ""};
    CHECK(outcome.deltas.empty());
    return {error->code, error->field};
}

loyalty::Transaction valid() {
    return test::purchase("t1", "2026-03-02T10:15:00-05:00", {test::item("A", "coffee", "4.50", 2)});
}

}  // namespace

TEST_CASE("a bad transaction is refused naming its field, and nothing is applied", "[transaction]") {
    CHECK(refusal(valid()).code.empty());

    auto tx = valid();
    tx.id.clear();
    CHECK(refusal(tx).code == "T001");

    tx = valid();
    tx.member_id = "someone-else";
    CHECK(refusal(tx).code == "T003");

    tx = valid();
    tx.items[0].quantity = -1;
    CHECK(refusal(tx).field == "items[0].quantity");

    tx = valid();
    tx.items[0].quantity = 0;
    CHECK(refusal(tx).code == "T007");

    tx = valid();
    tx.currency = test::currency("EUR");
    CHECK(refusal(tx).code == "T004");

    tx = valid();
    tx.items[0].unit_price = test::money("4.50", "EUR");
    CHECK(refusal(tx).field == "items[0].unit_price");

    tx = valid();
    tx.items[0].unit_price = loyalty::Money();  // never set
    CHECK(refusal(tx).code == "T004");

    tx = valid();
    tx.items[0].unit_price = test::money("-4.50");
    CHECK(refusal(tx).code == "T008");

    tx = valid();
    tx.items[0].discount = test::money("9.01");
    CHECK(refusal(tx).code == "T009");

    tx = valid();
    tx.items.clear();
    CHECK(refusal(tx).code == "T006");

    tx = valid();
    tx.items.assign(loyalty::limits::items_max + 1, test::item("A", "coffee", "1.00"));
    CHECK(refusal(tx).code == "T005");

    tx = valid();
    tx.kind = loyalty::TransactionKind::product_return;
    CHECK(refusal(tx).field == "original_transaction");

    tx = valid();
    tx.attributes["note"] = std::string(loyalty::limits::attribute_value_length_max + 1, 'x');
    CHECK(refusal(tx).code == "T010");
}

TEST_CASE("the error message names the transaction, the field and the problem", "[transaction]") {
    auto tx = valid();
    tx.items[0].quantity = -3;
    try {
        test::rules_file("corner-cafe.yaml").evaluate(test::member(), tx);
        FAIL("expected an error");
    } catch (const loyalty::TransactionError& error) {
        CHECK(std::string(error.what()) ==
              "transaction 't1', items[0].quantity: error[T007]: quantity must be 1 to 1000000, got -3");
    }
}
