#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string golden(const std::string& name) { return std::string(LOYALTY_SOURCE_DIR) + "/tests/golden/" + name; }

}  // namespace

TEST_CASE("a broken rule file reports every problem, each with position, code, line and caret",
          "[diagnostics][golden]") {
    const auto result = loyalty::Program::load_file(golden("many-mistakes.yaml"));
    CHECK_FALSE(result.ok());
    // Compare with paths relative to the project, as the expected file is written.
    std::string actual = loyalty::format(result.diagnostics);
    const std::string prefix = std::string(LOYALTY_SOURCE_DIR) + "/";
    for (std::size_t at; (at = actual.find(prefix)) != std::string::npos;) actual.erase(at, prefix.size());
    CHECK(actual == read_file(golden("many-mistakes.expected")));
}

TEST_CASE("the throwing API carries the same diagnostics", "[diagnostics]") {
    try {
        test::program("program: {name: x}\n");
        FAIL("expected a LoadError");
    } catch (const loyalty::LoadError& error) {
        REQUIRE(error.diagnostics().size() == 3);
        CHECK(error.code() == "E103");
        CHECK(error.diagnostics()[0].message == "missing required key 'version' in program");
        CHECK(error.diagnostics()[0].line == 1);
        CHECK(error.diagnostics()[0].column == 10);
    }
}

TEST_CASE("an unknown key names itself, suggests the right one and lists the choices", "[diagnostics]") {
    CHECK(test::diagnostics(test::header() + "earn:\n  - id: base\n    rate: {points: 1, per: 1.00, rouding: ceil}\n") ==
          "test.yaml:8:34: error[E101]: unknown key 'rouding' in 'rate' (did you mean 'rounding'?); "
          "expected one of: points, per, base, include, exclude, block, rounding\n"
          "      rate: {points: 1, per: 1.00, rouding: ceil}\n"
          "                                   ^\n");
}

TEST_CASE("a duplicate key names both places", "[diagnostics]") {
    CHECK(test::diagnostics("program:\n  name: a\n  name: b\n  version: \"1\"\n  currency: USD\n  time_zone: UTC\n") ==
          "test.yaml:3:3: error[E102]: duplicate key 'name' in program (first given at line 2, column 3)\n"
          "    name: b\n"
          "    ^\n");
}

TEST_CASE("numbers must be plain decimals", "[diagnostics][strict]") {
    const auto bonus = [](const char* value) {
        return test::first_code(test::header() + "earn:\n  - id: b\n    bonus: " + value + "\n");
    };
    for (const char* text : {"0x10", "010", "1e3", "1_000", "+5", "\"5\"", ".nan", ".inf", "1,000", "5.0"}) {
        INFO(text);
        CHECK(bonus(text) == "E105");
    }
    CHECK(bonus("9223372036854775808") == "E106");
    CHECK(bonus("-5") == "E106");
    CHECK(bonus("0") == "E106");
    CHECK(bonus("-0") == "E106");
    CHECK(bonus("[5]") == "E104");
    CHECK(bonus("5") == "");
}

TEST_CASE("amounts may not carry more decimals than the currency", "[diagnostics][strict]") {
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    rate: {points: 1, per: 1.005}\n") == "E105");
    CHECK(test::first_code(test::header("JPY") + "earn:\n  - id: b\n    rate: {points: 1, per: 100.5}\n") == "E105");
    CHECK(test::first_code(test::header("JPY") + "earn:\n  - id: b\n    rate: {points: 1, per: 100}\n") == "");
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    rate: {points: 1, per: -1.00}\n") == "E106");
}

TEST_CASE("only true and false are booleans", "[diagnostics][strict]") {
    const auto enabled = [](const char* value) {
        return test::first_code(test::header() + "earn:\n  - id: b\n    bonus: 1\n    enabled: " + value + "\n");
    };
    for (const char* text : {"yes", "no", "on", "off", "y", "NO", "True", "\"true\"", "1"}) {
        INFO(text);
        CHECK(enabled(text) == "E107");
    }
    CHECK(enabled("true") == "");
    CHECK(enabled("false") == "");
    // Where a number belongs, `yes` is text, not a number.
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    bonus: yes\n") == "E105");
}

TEST_CASE("YAML features that hide meaning are refused", "[diagnostics][strict]") {
    CHECK(test::first_code("program: &p {name: x}\nother: *p\n") == "E003");
    CHECK_THAT(test::diagnostics("a: &x [*x]\n"), Catch::Contains("test.yaml:1:4: error[E003]: anchors") &&
                                                  Catch::Contains("test.yaml:1:8: error[E003]: aliases"));
    CHECK(test::first_code("program: !!str x\n") == "E007");
    CHECK(test::first_code("!2 a: b\n") == "E007");
    CHECK(test::first_code("") == "E006");
    CHECK(test::first_code("# only a comment\n") == "E006");
    CHECK(test::first_code(test::header() + "---\nprogram: {}\n") == "E005");
    CHECK(test::first_code("program:\n\tname: x\n") == "E008");
    CHECK(test::first_code("program:\n  name: \"caf\xC3\x28\"\n") == "E002");
    CHECK(test::first_code("a: [&b\n") != "");
    CHECK(test::first_code("{:\n") != "");
    CHECK(test::first_code("[:\n") != "");
}

TEST_CASE("nesting deeper than the limit is refused without exhausting the stack", "[diagnostics][strict]") {
    CHECK(test::first_code(std::string(5000, '[') + std::string(5000, ']') + "\n") == "E004");
    std::string block;
    for (int depth = 0; depth < 200; ++depth) block += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "k:\n";
    CHECK(test::first_code(block) == "E004");
}

TEST_CASE("rule references and windows are checked", "[diagnostics]") {
    CHECK(test::first_code(test::header() +
                           "earn:\n  - id: lift\n    boost: {rules: [base], factor: 2}\n"
                           "  - id: base\n    rate: {points: 1, per: 1.00}\n") == "E113");
    CHECK(test::first_code(test::header() +
                           "earn:\n  - id: b\n    active: {from: 2026-12-01, until: 2026-12-01}\n    bonus: 1\n") == "E114");
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    active: {from: 2023-02-29}\n    bonus: 1\n") == "E108");
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    bonus: 1\n    rate: {points: 1, per: 1.00}\n") == "E115");
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n") == "E103");
    CHECK(test::first_code(test::header("EUR", "Europe/Paris") + "earn: []\n") == "E111");
    CHECK(test::first_code(test::header("EUR", "CET-1CEST") + "earn: []\n") == "E111");
    CHECK(test::first_code(test::header("EUR", "CET-1CEST,M3.5.0,M10.5.0/3") + "earn: []\n") == "");
    CHECK(test::first_code(test::header("EUX") + "earn: []\n") == "E110");
    CHECK(test::first_code(test::header() + "earn:\n  - bonus: 1\n    id: \"has space\"\n") == "E104");
    CHECK(test::first_code(test::header() + "earn:\n  id: b\n") == "E104");
    CHECK(test::first_code(test::header() + "caps:\n  - id: c\n    points_max: 5\n    per: week\n") == "E109");
}

TEST_CASE("two tiers of one name, and control characters put in by escapes, are refused", "[diagnostics]") {
    const std::string ladder = test::header() + "counters:\n  - {id: spend, counts: spend, period: calendar_year}\n"
                               "tiers:\n  counter: spend\n  levels:\n    - {name: base, from: 0.00}\n";
    CHECK(test::diagnostics(ladder + "    - {name: gold, from: 100.00}\n    - {name: gold, from: 500.00}\n")
              .find("test.yaml:13:14: error[E117]: tier 'gold' is already a level of the ladder") != std::string::npos);
    CHECK(test::first_code(ladder + "    - {name: silver, from: 100.00}\n    - {name: gold, from: 500.00}\n").empty());
    for (const char* escaped : {R"("a\nb")", R"("\x07")", R"("red \e[31m")", R"("tab\there")", R"("\u007f")"}) {
        INFO(escaped);
        CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    description: " + escaped + "\n    bonus: 5\n") == "E116");
    }
    CHECK(test::first_code(test::header() + "earn:\n  - id: b\n    description: \"Café ☕ bonus\"\n    bonus: 5\n").empty());
}
