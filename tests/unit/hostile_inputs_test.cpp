// Every hostile or malformed rule file and transaction the reliability promise lists, and more a
// careless or malicious author or till could send: each refused with its exact code and place,
// and nothing built or applied.

#include <pthread.h>

#include <algorithm>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

/// "line:column CODE" of the first diagnostic, or "" when the text compiles.
std::string first_place(const std::string& text) {
    const auto result = loyalty::Program::load_string(text, "t.yaml");
    if (result.ok()) return "";
    const auto& first = result.diagnostics.front();
    return std::to_string(first.line) + ":" + std::to_string(first.column) + " " + first.code;
}

/// Every diagnostic as "line:column CODE".
std::vector<std::string> all_places(const std::string& text) {
    std::vector<std::string> places;
    for (const auto& d : loyalty::Program::load_string(text, "t.yaml").diagnostics) {
        places.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code);
    }
    return places;
}

std::string rules(const std::string& body) { return test::header() + body; }

}  // namespace

TEST_CASE("hostile rule files are refused at the exact place with their code", "[hostile]") {
    struct Case {
        std::string text;
        std::string place;
    };
    const std::vector<Case> cases{
        // Nesting thousands deep: the engine's own limit, before the parser recurses further.
        {std::string(3000, '[') + std::string(3000, ']') + "\n", "1:33 E004"},
        // A key given twice names both places (the message says "first given at line 8").
        {rules("earn:\n  - id: b\n    bonus: 1\n    bonus: 2\n"), "9:5 E102"},
        // Garbage that has crashed or hung YAML parsers.
        {"!2\n", "1:1 E104"},
        {"!\n", "1:1 E104"},
        {"a: [&b\n", "1:5 E003"},
        {"{:\n", "2:1 E001"},
        {"[:\n", "2:1 E001"},
        // Numbers that are not plain decimals, and numbers out of range.
        {rules("earn:\n  - id: b\n    bonus: 0x10\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: 010\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: 1e3\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: 1_000\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: +5\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: 1,000\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: .nan\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: .inf\n"), "8:12 E105"},
        {rules("earn:\n  - id: b\n    bonus: 9223372036854775808\n"), "8:12 E106"},
        {rules("earn:\n  - id: b\n    rate: {points: 1, per: -0}\n"), "8:28 E106"},
        {rules("earn:\n  - id: b\n    bonus: -5\n"), "8:12 E106"},
        // Booleans other than true and false.
        {rules("earn:\n  - id: b\n    bonus: 1\n    enabled: yes\n"), "9:14 E107"},
        {rules("earn:\n  - id: b\n    bonus: 1\n    enabled: on\n"), "9:14 E107"},
        {rules("earn:\n  - id: b\n    bonus: 1\n    enabled: y\n"), "9:14 E107"},
        {rules("earn:\n  - id: b\n    bonus: 1\n    enabled: NO\n"), "9:14 E107"},
        // A misspelt key, a scalar where a list belongs, an empty file, two documents, tabs, bad UTF-8.
        {rules("earn:\n  - id: b\n    bonus: 1\n    enabeld: true\n"), "9:5 E101"},
        {rules("earn: bonus\n"), "6:7 E104"},
        {"", "1:1 E006"},
        {rules("---\nprogram: {}\n"), "6:1 E005"},
        {"program:\n\tname: x\n", "2:1 E008"},
        {"program:\n  name: \"caf\xC3\x28\"\n", "2:13 E002"},
        // Dates that do not exist, a window that ends before it starts, tiers that overlap,
        // references to what does not exist.
        {rules("earn:\n  - id: b\n    active: {from: 2023-02-29}\n    bonus: 1\n"), "8:20 E108"},
        {rules("earn:\n  - id: b\n    active: {from: 2026-12-01, until: 2026-11-01}\n    bonus: 1\n"), "8:39 E114"},
        {rules("counters:\n  - {id: n, counts: items, period: calendar_year}\ntiers:\n  counter: n\n"
               "  levels: [{name: a, from: 0}, {name: b, from: 10}, {name: c, from: 10}]\n"),
         "10:69 E114"},
        {rules("earn:\n  - id: lift\n    boost: {rules: [nothing], factor: 2}\n"), "8:21 E113"},
        {rules("levels:\n  - {id: l, counter: nowhere, reaches: 3, badge: x}\n"), "7:22 E113"},
        {rules("earn:\n  - {id: g, group: missing, bonus: 1}\n"), "7:20 E113"},
        // Beyond the list: conditions, identifiers, keys and bytes a careless author could write.
        {rules("earn:\n  - id: b\n    when: tx.total >= 10.001\n    bonus: 1\n"), "8:23 E206"},
        {rules("earn:\n  - id: b\n    when: " + std::string(300, '(') + "true" + std::string(300, ')') + "\n    bonus: 1\n"),
         "8:17 E204"},
        {rules("earn:\n  - id: b\n    when: tx.totl > 1\n    bonus: 1\n"), "8:11 E202"},
        {rules("earn:\n  - id: " + std::string(200, 'x') + "\n    bonus: 1\n"), "7:9 E104"},
        {rules("? [a]\n: b\n"), "6:3 E104"},
        {rules("earn:\n  - id: b\n    bonus: 1\n  - id: b\n    bonus: 2\n"), "9:9 E112"},
        {std::string("program:\n  name: \"a\0b\"\n", 23), "2:11 E002"},
        {"program:\n  name: \"a\x1B[31mred\"\n", "2:11 E002"},
    };
    for (const Case& c : cases) {
        INFO(c.text.substr(0, 200));
        CHECK(first_place(c.text) == c.place);
    }
    // An anchor and its alias are both named.
    const auto anchors = all_places("a: &x [*x]\n");
    CHECK(std::find(anchors.begin(), anchors.end(), "1:4 E003") != anchors.end());
    CHECK(std::find(anchors.begin(), anchors.end(), "1:8 E003") != anchors.end());
    // A file past the size limit is refused before it is parsed.
    CHECK(first_place(rules("# " + std::string(1 << 20, 'x') + "\n")) == "1:1 E009");
}

TEST_CASE("line endings and a byte order mark do not change the diagnostics", "[hostile]") {
    CHECK(first_place("program:\r\n  name: x\r\n") == "2:3 E103");
    CHECK(first_place("\xEF\xBB\xBFprogram:\n  name: x\n") == "2:3 E103");
}

TEST_CASE("deep nesting is refused on a 256 KiB thread stack", "[hostile]") {
    struct Job {
        std::string text;
        std::string place;
    };
    Job flow{std::string(100'000, '[') + std::string(100'000, ']') + "\n", ""};
    Job block{"", ""};
    for (int depth = 0; depth < 500; ++depth) block.text += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "k:\n";
    for (Job* job : {&flow, &block}) {
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstacksize(&attributes, 256 * 1024);
        pthread_t thread;
        const auto run = [](void* argument) -> void* {
            auto* j = static_cast<Job*>(argument);
            j->place = first_place(j->text);
            return nullptr;
        };
        REQUIRE(pthread_create(&thread, &attributes, run, job) == 0);
        pthread_join(thread, nullptr);
        pthread_attr_destroy(&attributes);
    }
    CHECK(flow.place == "1:33 E004");
    CHECK(block.place == "33:65 E004");
}

TEST_CASE("malformed transactions name the transaction and the field and apply nothing", "[hostile]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const loyalty::Member member = test::member();
    const auto refused = [&](loyalty::Transaction tx) {
        loyalty::Outcome outcome;
        const auto error = program.evaluate(member, tx, outcome);
        REQUIRE(error);
        CHECK(outcome.deltas.empty());
        CHECK(outcome.state_changes.empty());
        CHECK(error->transaction_id == tx.id);
        return error->code + " " + error->field;
    };
    auto base = test::purchase("bad", "2026-03-02T10:15:00-05:00", {test::item("LATTE", "coffee", "4.50")});
    auto tx = base;
    tx.items[0].quantity = 0;
    CHECK(refused(tx) == "T007 items[0].quantity");
    tx.items[0].quantity = -3;
    CHECK(refused(tx) == "T007 items[0].quantity");
    tx = base;
    tx.items[0].unit_price = test::money("4.50", "EUR");
    CHECK(refused(tx) == "T004 items[0].unit_price");
    tx = base;
    tx.currency = test::currency("EUR");
    CHECK(refused(tx) == "T004 currency");
    tx = base;
    tx.items[0].unit_price = loyalty::Money(999'999'999'999'999, test::currency("USD"));
    tx.items[0].quantity = 1'000'000;
    CHECK(refused(tx) == "T030 items[0]");
    // Each line within the range, their sum not: refused before any rule adds them up.
    tx = base;
    tx.items.assign(3, base.items[0]);
    for (auto& item : tx.items) item.unit_price = loyalty::Money(400'000'000'000'000, test::currency("USD"));
    CHECK(refused(tx) == "T030 items");
    // The lines fit, and shipping takes the total past the range.
    tx = base;
    tx.items[0].unit_price = loyalty::Money(999'999'999'999'000, test::currency("USD"));
    tx.items[0].quantity = 1;
    tx.shipping = loyalty::Money(1'001, test::currency("USD"));
    CHECK(refused(tx) == "T030 items");
    tx.shipping = loyalty::Money(1'000, test::currency("USD"));
    loyalty::Outcome at_the_limit;
    CHECK_FALSE(program.evaluate(member, tx, at_the_limit));
    tx = base;
    tx.kind = loyalty::TransactionKind::product_return;
    tx.original_transaction_id = "never-seen";
    CHECK(refused(tx) == "T050 original_transaction");
    tx = base;
    tx.items[0].discount = test::money("5.00");
    CHECK(refused(tx) == "T009 items[0].discount");
    tx = base;
    tx.id = std::string(200, 'x');
    CHECK(refused(tx) == "T001 id");
    tx = base;
    tx.shipping = test::money("-1.00");
    CHECK(refused(tx) == "T008 shipping");
    tx = base;
    tx.points_payment = 100;
    CHECK(refused(tx) == "T042 points_payment");

    // JSON that cannot be read names the field; amounts with more decimals than the currency,
    // and a time without its offset, are refused before any evaluation.
    const auto unreadable = [](const std::string& json) {
        try {
            loyalty::transaction_from_json(json);
        } catch (const loyalty::TransactionError& error) {
            return error.code() + " " + error.field();
        }
        return std::string("read");
    };
    CHECK(unreadable(R"({"id":"t","member":"m1","at":"2026-03-02T10:15:00","kind":"purchase","currency":"USD"})") == "T100 at");
    CHECK(unreadable(R"({"id":"t","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                     R"("items":[{"unit_price":"4.505"}]})") == "T100 items[0].unit_price");
    CHECK(unreadable(R"({"id":"t","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                     R"("items":[{"unit_price":"4.50","quantity":1e3}]})") == "T100 items[0].quantity");
}

TEST_CASE("the same id with another payload changes nothing", "[hostile]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const auto tx = test::purchase("once", "2026-03-02T10:15:00-05:00", {test::item("LATTE", "coffee", "4.50")});
    const loyalty::Member member = loyalty::apply(test::member(), program.evaluate(test::member(), tx));
    auto changed = tx;
    changed.items[0].quantity = 2;
    loyalty::Outcome outcome;
    const auto error = program.evaluate(member, changed, outcome);
    REQUIRE(error);
    CHECK(error->code == "T020");
    CHECK(outcome.deltas.empty());
    CHECK_THROWS_AS(loyalty::apply(member, program.evaluate(test::member(), changed)), loyalty::TransactionError);
}
