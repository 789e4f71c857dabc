// A member's recent transactions are found by id through a hash, whatever was forgotten, copied
// or read back from JSON.

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

std::string id_of(int n) { return "till-7/2026-03-02/" + std::to_string(n); }

}  // namespace

TEST_CASE("the recent transactions find every id they keep, and none they forgot", "[recent]") {
    const std::size_t bound = loyalty::limits::recent_transactions_max;
    loyalty::RecentTransactions recent;
    CHECK(recent.find("x") == nullptr);
    for (int n = 0; n < 1000; ++n) {
        recent.remember({id_of(n), loyalty::Fingerprint{7, static_cast<std::uint64_t>(n) * 7919, false}});
        REQUIRE(recent.size() >= std::min<std::size_t>(static_cast<std::size_t>(n) + 1, bound));
        REQUIRE(recent.size() <= 2 * bound);
        REQUIRE(recent.back().id == id_of(n));
    }
    // Oldest first, and exactly the latest `size()` ids.
    const int first = 1000 - static_cast<int>(recent.size());
    int expected = first;
    for (const loyalty::AppliedTransaction& applied : recent) CHECK(applied.id == id_of(expected++));
    for (int n = 0; n < 1000; ++n) {
        const loyalty::AppliedTransaction* found = recent.find(id_of(n));
        if (n < first) {
            CHECK(found == nullptr);
        } else {
            REQUIRE(found != nullptr);
            CHECK(found->fingerprint.low == static_cast<std::uint64_t>(n) * 7919);
        }
    }
    CHECK(recent.find(id_of(1000)) == nullptr);
    CHECK(recent.find("") == nullptr);

    // A copy has its own index, which finds its own entries.
    const loyalty::RecentTransactions copy = recent;
    recent.remember({"later", loyalty::Fingerprint{0, 1, false}});
    REQUIRE(copy.find(id_of(999)) != nullptr);
    CHECK(copy.find(id_of(999)) != recent.find(id_of(999)));
    CHECK(copy.find("later") == nullptr);
    CHECK(recent.find("later") != nullptr);
}

TEST_CASE("a member read back from JSON recognises its resent transactions", "[recent]") {
    const loyalty::Program program = test::rules_file("s01-points-threshold.yaml");
    loyalty::Member member = test::member();
    for (int n = 0; n < 300; ++n) {
        const auto purchase = test::purchase(id_of(n), "2026-03-02T10:00:00-05:00", {test::item("A", "x", "1.00")});
        member = loyalty::apply(member, program.evaluate(member, purchase));
    }
    const loyalty::Member read_back = loyalty::member_from_json(loyalty::to_json(member));
    CHECK(loyalty::to_json(read_back) == loyalty::to_json(member));
    const auto resent = test::purchase(id_of(299), "2026-03-02T10:00:00-05:00", {test::item("A", "x", "1.00")});
    CHECK(program.evaluate(read_back, resent).already_applied);
    const auto changed = test::purchase(id_of(299), "2026-03-02T10:00:00-05:00", {test::item("A", "x", "2.00")});
    loyalty::Outcome outcome;
    const auto error = program.evaluate(read_back, changed, outcome);
    REQUIRE(error);
    CHECK(error->code == "T020");
}

TEST_CASE("a fingerprint of version 1 kept in a member's state still recognises its resends", "[recent]") {
    const loyalty::Program program = test::rules_file("s01-points-threshold.yaml");
    const auto purchase = test::purchase("p1", "2026-03-02T10:00:00-05:00", {test::item("A", "x", "1.00")});
    loyalty::Member member = test::member();
    member.recent_transactions.remember({"p1", loyalty::legacy_fingerprint(purchase)});
    const loyalty::Member read_back = loyalty::member_from_json(loyalty::to_json(member));
    REQUIRE(read_back.recent_transactions.find("p1") != nullptr);
    CHECK(read_back.recent_transactions.find("p1")->fingerprint.legacy);
    CHECK(program.evaluate(read_back, purchase).already_applied);
    auto changed = purchase;
    changed.items[0].quantity = 2;
    loyalty::Outcome outcome;
    const auto error = program.evaluate(read_back, changed, outcome);
    REQUIRE(error);
    CHECK(error->code == "T020");
    // Taken now, a fingerprint is of version 2, 128 bits.
    CHECK_FALSE(loyalty::fingerprint(purchase).legacy);
    CHECK(loyalty::fingerprint_text(loyalty::fingerprint(purchase)).size() == 32);
}
