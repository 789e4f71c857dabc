#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const char* purchase_json = R"({"id":"t1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase",)"
                            R"("channel":"app","currency":"USD","items":[{"sku":"LATTE","category":"coffee",)"
                            R"("unit_price":"4.50","quantity":2,"discount":"0.50","attributes":{"size":"large"}}],)"
                            R"("attributes":{"store":"downtown"}})";

std::string transaction_error(const std::string& json) {
    try {
        loyalty::transaction_from_json(json);
    } catch (const loyalty::TransactionError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a transaction reads from JSON and writes back to the same bytes", "[json]") {
    const auto tx = loyalty::transaction_from_json(purchase_json);
    CHECK(tx.items.at(0).net_amount() == test::money("8.50"));
    CHECK(tx.items.at(0).attributes.at("size") == "large");
    CHECK(tx.attributes.at("store") == "downtown");
    CHECK(loyalty::to_json(tx) == purchase_json);
}

TEST_CASE("shipping tax and a points payment survive JSON and change the fingerprint", "[json]") {
    const std::string order = R"({"id":"o1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase",)"
                              R"("currency":"USD","items":[{"unit_price":"57.00","quantity":1}],"shipping":"5.00",)"
                              R"("tax":"4.56","points_payment":1000})";
    const auto tx = loyalty::transaction_from_json(order);
    CHECK(tx.shipping == test::money("5.00"));
    CHECK(tx.tax == test::money("4.56"));
    CHECK(tx.points_payment == 1000);
    CHECK(loyalty::to_json(tx) == order);
    auto without_payment = tx;
    without_payment.points_payment = 0;
    CHECK(loyalty::fingerprint(tx) != loyalty::fingerprint(without_payment));
}

TEST_CASE("fingerprints stay what ledgers and member states already store", "[json]") {
    // Stored fingerprints recognise resends for as long as a ledger lives: any change to how a
    // transaction is digested must leave these values as they are, in both versions (version 1
    // is what ledgers and states written before version 2 hold).
    struct Pinned {
        const char* json;
        const char* version_1;
        const char* version_2;
    };
    const Pinned pinned[] = {
        {purchase_json, "245db9c074dce899", "ce9197446c5f53649ac751c2c60347cf"},
        {R"({"id":"order-2026-000000123456","member":"customer-0000-1111-2222","at":"1969-07-20T20:17:40+00:00",)"
         R"("kind":"purchase","channel":"store","currency":"JPY","items":[{"sku":"TEA","category":"drinks",)"
         R"("unit_price":"123456789012","quantity":1000000}],"coupons":["c-1","c-2"]})",
         "e85886db06e04364", "1bcae7798b8a53b19a3b95c9ab342bef"},
        {R"({"id":"r1","member":"m1","at":"2026-03-09T09:00:00-05:00","kind":"return","original_transaction":"t1",)"
         R"("currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50","quantity":1}]})",
         "9b2c5111054e4653", "c4ebec2586a9fe77e9041821105ba9c4"},
        {R"({"id":"e1","member":"m1","at":"2026-06-01T00:00:00+14:00","kind":"event","event":"birthday",)"
         R"("currency":"USD","items":[]})",
         "55c5d366062097ff", "680f7462e425d307cafca447cfad655e"},
        {R"({"id":"o1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","currency":"USD",)"
         R"("items":[{"unit_price":"57.00","quantity":1}],"shipping":"5.00","tax":"4.56","points_payment":1000})",
         "a6957827d0af008f", "2d283d70b3759967db56c296fe21ce6e"},
        {R"({"id":"z256","member":"m65536","at":"2026-01-01T00:00:00+00:00","kind":"purchase","currency":"USD",)"
         R"("items":[{"sku":"A","unit_price":"2.56","quantity":65536},{"sku":"B","unit_price":"655.36","quantity":256,)"
         R"("discount":"0.00"}]})",
         "a4f56d89541f5903", "3a86a240db4e0514395b4d463a10d40b"},
    };
    for (const auto& [json, version_1, version_2] : pinned) {
        const loyalty::Transaction transaction = loyalty::transaction_from_json(json);
        CHECK(loyalty::fingerprint_text(loyalty::legacy_fingerprint(transaction)) == version_1);
        CHECK(loyalty::fingerprint_text(loyalty::fingerprint(transaction)) == version_2);
        // Read back, each is compared in its own version.
        for (const char* text : {version_1, version_2}) {
            const auto read = loyalty::fingerprint_from_text(text);
            REQUIRE(read);
            CHECK(loyalty::fingerprint_text(*read) == text);
            CHECK(loyalty::fingerprint_matches(*read, transaction));
        }
    }
    CHECK_FALSE(loyalty::fingerprint_from_text("245db9c074dce89"));
    CHECK_FALSE(loyalty::fingerprint_from_text("245db9c074dce89g"));
}

TEST_CASE("a number too large for JSON is refused like any bad JSON", "[json]") {
    CHECK_THAT(transaction_error(R"({"id":"t9","member":444488E444444})"), Catch::Contains("error[T100]: not valid JSON"));
    CHECK_THROWS_AS(loyalty::member_from_json(R"({"id":"m","points":1E400})"), loyalty::Error);
}

TEST_CASE("bad transaction JSON names the transaction and the field", "[json]") {
    CHECK(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00","kind":"purchase","currency":"USD"})") ==
          "transaction 't9', at: error[T100]: '2026-03-02T10:15:00' is not a time such as "
          "2026-03-02T10:15:00-05:00 (the offset is required)");
    CHECK(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                            R"("items":[{"unit_price":4.5}]})") ==
          "transaction 't9', items[0].unit_price: error[T100]: write amounts as strings such as \"4.50\", so no binary "
          "floating point touches them");
    CHECK_THAT(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                                 R"("items":[{"unit_price":"4.505"}]})"),
               Catch::Contains("items[0].unit_price") && Catch::Contains("at most 2 decimals"));
    CHECK_THAT(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                                 R"("items":[{"unit_price":"1.00","quantity":1.5}]})"),
               Catch::Contains("items[0].quantity"));
    CHECK_THAT(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"refund","currency":"USD"})"),
               Catch::Contains("kind") && Catch::Contains("purchase, return, event"));
    CHECK_THAT(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"XYZ"})"),
               Catch::Contains("currency"));
    CHECK_THAT(transaction_error(R"({"member":"m1"})"), Catch::Contains("id: error[T100]: missing"));
    CHECK(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD",)"
                            R"("items":[{"unit_price":"1.00","quantiy":3}]})") ==
          "transaction 't9', items[0].quantiy: error[T100]: unknown field (did you mean 'quantity'?)");
    CHECK_THAT(transaction_error(R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase",)"
                                 R"("currency":"USD","chanel":"app"})"),
               Catch::Contains("chanel: error[T100]: unknown field (did you mean 'channel'?)"));
    CHECK_THAT(transaction_error("{not json"), Catch::Contains("not valid JSON"));
}

TEST_CASE("the readers' results hold the value, or the error with its code, transaction and field", "[json]") {
    const auto read = loyalty::read_transaction_json(
        R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","currency":"USD","items":[]})");
    REQUIRE(read.ok());
    CHECK(read->id == "t9");
    const auto refused = loyalty::read_transaction_json(
        R"({"id":"t9","member":"m1","at":"2026-03-02T10:15:00Z","kind":"purchase","currency":"USD","items":[{"unit_price":4.5}]})");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "T100");
    CHECK(refused.error().transaction_id == "t9");
    CHECK(refused.error().field == "items[0].unit_price");
    CHECK_THAT(refused.error().message, Catch::StartsWith("write amounts as strings"));
    CHECK(loyalty::read_transaction_json("{not json").error().code == "T100");

    const auto member = loyalty::read_member_json(R"({"id":"m1","tier":"gold"})");
    REQUIRE(member.ok());
    CHECK(member->tier == "gold");
    const auto bad_member = loyalty::read_member_json(R"({"id":"m1","teir":"gold"})");
    REQUIRE_FALSE(bad_member.ok());
    CHECK(bad_member.error().code.rfind("M1", 0) == 0);
    CHECK_THAT(bad_member.error().message, Catch::Contains("teir"));
}

TEST_CASE("member state survives a JSON round trip, history included", "[json]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    auto member = loyalty::member_from_json(R"({"id":"m1","tier":"gold","points":950,"attributes":{"birthday":"1990-02-28"}})");
    member = loyalty::apply(member, program.evaluate(member, loyalty::transaction_from_json(purchase_json)));
    const std::string stored = loyalty::to_json(member);
    const auto restored = loyalty::member_from_json(stored);
    CHECK(loyalty::to_json(restored) == stored);
    CHECK(restored.points() == member.points());
    // The restored member still recognises the transaction it already had.
    CHECK(program.evaluate(restored, loyalty::transaction_from_json(purchase_json)).already_applied);
    CHECK_THROWS_WITH(loyalty::member_from_json(R"({"id":"m1","recent_transactions":[{"id":"x","fingerprint":"zz"}]})"),
                      Catch::Contains("recent_transactions[0].fingerprint"));
}

TEST_CASE("outcomes write as JSON with every delta's accounts and explanation", "[json]") {
    const auto program = test::rules_file("s11-large-order.yaml");
    const auto outcome = program.evaluate(test::member(), test::purchase("t1", "2026-05-04T12:00:00-05:00",
                                                                         {test::item("A", "x", "100.00")}));
    CHECK(loyalty::to_json(outcome, program) ==
          R"({"transaction":"t1","program":{"name":"Large order bonus","version":"1"},"day":"2026-05-04","already_applied":false,)"
          R"("deltas":[)"
          R"({"id":"t1/base@1","kind":"earn","rule":"base","debit":"program:points_issued","credit":"member:m1:points",)"
          R"("unit":"points","amount":100,"explanation":"Points on your purchase: 100 points for 100.00 USD paid at 1 point per 1.00 USD.",)"
          R"("lot":{"earned_on":"2026-05-04"}},)"
          R"({"id":"t1/large-order@1","kind":"earn","rule":"large-order","debit":"program:points_issued",)"
          R"("credit":"member:m1:points","unit":"points","amount":200,"explanation":"Large order bonus for 100.00 or more: 200 points bonus.",)"
          R"("lot":{"earned_on":"2026-05-04"}}],)"
          // A member's first transaction forgets, as of the horizon 7 days back, what no window needs.
          R"("state_changes":[{"kind":"forgotten","id":"","day":"2026-04-27"}]})");
}

TEST_CASE("texts are escaped as JSON requires and must be UTF-8", "[json]") {
    auto tx = test::purchase("t\"1", "2026-03-02T10:00:00-05:00", {test::item("A", "x", "1.00")});
    tx.attributes["note"] = std::string("quote \" backslash \\ newline \n tab \t bell \x07 unit \x1f caf\xc3\xa9");
    const std::string json = loyalty::to_json(tx);
    CHECK_THAT(json, Catch::StartsWith(R"({"id":"t\"1","member":"m1",)"));
    CHECK_THAT(json, Catch::EndsWith(
                         R"("attributes":{"note":"quote \" backslash \\ newline \n tab \t bell \u0007 unit \u001f café"}})"));
    CHECK(loyalty::to_json(loyalty::transaction_from_json(json)) == json);
    tx.attributes["note"] = "\xc3(";
    CHECK_THROWS_AS(loyalty::to_json(tx), std::invalid_argument);
}
