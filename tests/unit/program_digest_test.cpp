// A program is known by its content: what changes its meaning changes its digest, what only
// changes how the file is written does not.

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const std::string program_text = R"(program:
  name: Digest test
  version: "1"
  currency: USD
  time_zone: "-05:00"
earn:
  - id: base
    description: Points on your purchase
    rate: {points: 1, per: 1.00}
    multipliers:
      - when: item.category == "coffee"
        factor: 2
        description: coffee counts double
  - id: app
    description: App order bonus
    when: tx.channel == "app"
    bonus: 50
)";

std::string digest_of(const std::string& text) { return loyalty::Program::from_string(text, "digest.yaml").digest().to_hex(); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a program's digest is SHA-256 of its content, in 64 hex digits", "[digest]") {
    const std::string digest = digest_of(program_text);
    CHECK(digest.size() == 64);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(digest_of(program_text) == digest);
    const auto parsed = loyalty::ProgramDigest::from_hex(digest);
    REQUIRE(parsed);
    CHECK(parsed->to_hex() == digest);
    CHECK(loyalty::ProgramDigest::from_hex(std::string(64, 'A')));
    CHECK_FALSE(loyalty::ProgramDigest::from_hex(std::string(63, 'a')));
    CHECK_FALSE(loyalty::ProgramDigest::from_hex(std::string(64, 'g')));
}

TEST_CASE("comments, blank lines, layout and key order leave the digest as it is", "[digest]") {
    const std::string digest = digest_of(program_text);
    CHECK(digest_of("# a comment\n\n" + program_text + "\n# the end\n") == digest);
    CHECK(digest_of(replaced(program_text, "    rate: {points: 1, per: 1.00}", "    rate:\n      per: 1.00\n      points: 1")) == digest);
    CHECK(digest_of(replaced(program_text, "  name: Digest test\n  version: \"1\"\n", "  version: \"1\"\n  name:   Digest test   # moved\n")) ==
          digest);
}

TEST_CASE("a changed value, rule order or quoting is another program, whatever its version says", "[digest]") {
    const std::string digest = digest_of(program_text);
    const std::string coffee_triple = replaced(program_text, "factor: 2", "factor: 3");
    CHECK(digest_of(coffee_triple) != digest);
    CHECK(loyalty::Program::from_string(coffee_triple, "x.yaml").version() == "1");
    CHECK(digest_of(replaced(program_text, "rate: {points: 1, per: 1.00}", "rate: {points: 2, per: 1.00}")) != digest);
    CHECK(digest_of(replaced(program_text, "coffee counts double", "coffee counts twice")) != digest);
    CHECK(digest_of(replaced(program_text, "time_zone: \"-05:00\"", "time_zone: \"-06:00\"")) != digest);
    CHECK(digest_of(replaced(program_text, "name: Digest test", "name: \"Digest test\"")) != digest);
    const std::string app_rule = "  - id: app\n    description: App order bonus\n    when: tx.channel == \"app\"\n    bonus: 50\n";
    const std::string swapped = replaced(replaced(program_text, app_rule, ""), "  - id: base\n", app_rule + "  - id: base\n");
    CHECK(digest_of(swapped) != digest);
}

TEST_CASE("an outcome names the program that evaluated it by its digest", "[digest]") {
    const loyalty::Program program = loyalty::Program::from_string(program_text, "digest.yaml");
    loyalty::Member member;
    member.id = "m1";
    const loyalty::Transaction purchase = loyalty::transaction_from_json(
        R"({"id":"t1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"3.00"}]})");
    CHECK(program.evaluate(member, purchase).program_digest == program.digest());
    CHECK(program.source() == program_text);
}
