// Inputs that would be miscomputed are refused with a code and the field, and nothing applies.

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const std::string purchase_json_head = R"({"id":"t1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","currency":"USD",)";

/// The code and field of the error reading `json` as a transaction.
std::pair<std::string, std::string> transaction_error(const std::string& json) {
    try {
        loyalty::transaction_from_json(json);
    } catch (const loyalty::TransactionError& error) {
        return {error.code(), error.field()};
    }
    return {};
}

std::string member_error(const std::string& json) {
    try {
        loyalty::member_from_json(json);
    } catch (const loyalty::Error& error) {
        return error.what();
    }
    return "";
}

/// The code and field of the evaluation's error.
std::pair<std::string, std::string> evaluation_error(const loyalty::Program& program, const loyalty::Member& member,
                                                     const loyalty::Transaction& tx) {
    loyalty::Outcome outcome;
    const auto error = program.evaluate(member, tx, outcome);
    if (!error) return {};
    CHECK(outcome.deltas.empty());
    return {error->code, error->field};
}

}  // namespace

TEST_CASE("a JSON key given twice is refused, naming its path", "[refusals]") {
    using Error = std::pair<std::string, std::string>;
    CHECK(transaction_error(purchase_json_head + R"("items":[{"sku":"A","unit_price":"1.00","unit_price":"9.00"}]})") ==
          Error{"T100", "items[0].unit_price"});
    CHECK(transaction_error(purchase_json_head + R"("items":[{"sku":"A","unit_price":"1.00"}],"member":"m2"})") ==
          Error{"T100", "member"});
    CHECK(transaction_error(purchase_json_head +
                            R"("items":[{"sku":"A","unit_price":"1.00"},{"sku":"B","unit_price":"2.00","attributes":{"x":"1","x":"2"}}]})") ==
          Error{"T100", "items[1].attributes.x"});
    // The same key in two objects is no duplicate.
    CHECK(transaction_error(purchase_json_head + R"("items":[{"sku":"A","unit_price":"1.00"},{"sku":"A","unit_price":"1.00"}]})").first.empty());
    CHECK(member_error(R"({"id":"m1","points":5,"points":500})").find("error[M100]: given twice") != std::string::npos);
    CHECK(member_error(R"({"id":"m1","coupons":[{"id":"c","percent_off":"10","percent_off":"90","rounding":"floor",)"
                       R"("valid_from":"2026-01-01","valid_until":"2026-12-31"}]})")
              .find("coupons[0].percent_off: error[M100]: given twice") != std::string::npos);
    // One id listed twice in a member's coupons or purchase records.
    const std::string coupon = R"({"id":"c1","amount_off":"1.00","currency":"USD","valid_from":"2026-01-01","valid_until":"2026-02-01"})";
    CHECK(member_error(R"({"id":"m1","coupons":[)" + coupon + "," + coupon + "]}")
              .find("coupons[1].id: error[M100]: coupon 'c1' is listed twice") != std::string::npos);
    const std::string record = R"({"id":"p1","day":"2026-01-05","lines":[],"counted":[],"coupons_used":[]})";
    CHECK(member_error(R"({"id":"m1","purchases":[)" + record + "," + record + "]}")
              .find("purchases[1].id: error[M100]: purchase 'p1' is listed twice") != std::string::npos);
}

TEST_CASE("a coupon over 100 % or in another currency is refused, not miscomputed", "[refusals]") {
    CHECK(member_error(R"({"id":"m1","coupons":[{"id":"c","percent_off":"150","rounding":"floor",)"
                       R"("valid_from":"2026-01-01","valid_until":"2026-12-31"}]})")
              .find("coupons[0].percent_off: error[M100]: '150' is not a percentage from 0 to 100") != std::string::npos);
    CHECK(member_error(R"({"id":"m1","coupons":[{"id":"c","percent_off":"100.5","rounding":"floor",)"
                       R"("valid_from":"2026-01-01","valid_until":"2026-12-31"}]})") != "");
    CHECK(member_error(R"({"id":"m1","coupons":[{"id":"c","percent_off":"100","rounding":"floor",)"
                       R"("valid_from":"2026-01-01","valid_until":"2026-12-31"}]})") == "");

    const auto program = test::program(test::header() + "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    loyalty::Member member = loyalty::member_from_json(
        R"({"id":"m1","coupons":[{"id":"yen","amount_off":"500","currency":"JPY","valid_from":"2026-01-01","valid_until":"2026-12-31"},)"
        R"({"id":"usd","amount_off":"5.00","currency":"USD","valid_from":"2026-01-01","valid_until":"2026-12-31"}]})");
    auto tx = test::purchase("t1", "2026-03-02T10:15:00-05:00", {test::item("A", "x", "20.00")});
    tx.coupons = {"usd", "yen"};
    CHECK(evaluation_error(program, member, tx) == std::pair<std::string, std::string>{"T033", "coupons[1]"});
    tx.coupons = {"usd"};
    CHECK(evaluation_error(program, member, tx).first.empty());
    // Through the C++ API a percentage over 100 is refused when presented.
    member.coupons.at("usd").benefit = loyalty::CouponBenefit::percent_off;
    member.coupons.at("usd").percent = *loyalty::Decimal::parse("120");
    CHECK(evaluation_error(program, member, tx) == std::pair<std::string, std::string>{"T033", "coupons[0]"});
}

TEST_CASE("ids too long or holding control characters are refused, naming the field", "[refusals]") {
    const auto program = test::program(test::header() + "returns:\n  window_days: 30\nearn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    const std::string long_id(129, 'x');
    const auto with = [&](auto change) {
        auto tx = test::purchase("t1", "2026-03-02T10:15:00-05:00", {test::item("A", "x", "20.00")});
        loyalty::Member member = test::member();
        change(tx, member);
        return evaluation_error(program, member, tx);
    };
    using Error = std::pair<std::string, std::string>;
    CHECK(with([](auto& tx, auto&) { tx.id = "t\n1"; }) == Error{"T001", "id"});
    CHECK(with([&](auto& tx, auto& member) { tx.member_id = member.id = long_id; }) == Error{"T002", "member"});
    CHECK(with([](auto& tx, auto& member) { tx.member_id = member.id = "m\x01"; }) == Error{"T002", "member"});
    CHECK(with([&](auto& tx, auto&) { tx.member_id = std::string(128, 'm'); }) == Error{"T003", "member"});
    CHECK(with([](auto& tx, auto&) { tx.items[0].sku = "A\x1b[31m"; }) == Error{"T001", "items[0]"});
    CHECK(with([](auto& tx, auto&) { tx.channel = "app\t"; }) == Error{"T001", "channel"});
    CHECK(with([](auto& tx, auto&) { tx.coupons = {"c\x7f"}; }) == Error{"T001", "coupons[0]"});
    CHECK(with([](auto& tx, auto&) { tx.coupons = std::vector<std::string>(33, "c"); }) == Error{"T005", "coupons"});
    CHECK(with([](auto& tx, auto&) { tx.attributes["bad\nname"] = "v"; }) == Error{"T010", "attributes.bad\nname"});
    CHECK(with([&](auto& tx, auto&) {
              tx.kind = loyalty::TransactionKind::product_return;
              tx.original_transaction_id = long_id;
          }) == Error{"T011", "original_transaction"});
    CHECK(with([](auto& tx, auto&) { tx.id = std::string(128, 'i'); }).first.empty());
    CHECK(member_error(R"({"id":"m\u0007"})").find("id: error[M100]: a member id is 1 to 128 characters") != std::string::npos);
    CHECK(member_error(R"({"id":")" + long_id + R"("})") != "");
}

TEST_CASE("JSON longer than its stated limit is refused unread", "[refusals]") {
    std::string items;
    for (int i = 0; i < 40'000; ++i) items += R"({"sku":"A","unit_price":"1.00"},)";
    const auto [code, field] = transaction_error(purchase_json_head + R"("items":[)" + items + R"({"sku":"A","unit_price":"1.00"}]})");
    CHECK(code == "T100");
}
