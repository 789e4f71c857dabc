// The SQLite ledger through its C++ calls, where a host's retries take it: a batch rolled back
// leaves the next to write as the file says.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <loyalty/ledger_writer.hpp>
#include <loyalty/sqlite_ledger.hpp>

#include "test_support.hpp"

namespace {

/// `count` purchases, each of one of 50 members, an hour apart, from `first` on.
std::vector<loyalty::Transaction> purchases(std::size_t first, std::size_t count) {
    std::vector<loyalty::Transaction> batch;
    for (std::size_t n = first; n < first + count; ++n) {
        const std::string day = loyalty::Date::parse("2026-01-01")->add_days(static_cast<int>(n / 24))->to_string();
        const std::string hour = std::to_string(10 + n % 10);
        batch.push_back(test::purchase("p" + std::to_string(n), day + "T" + hour + ":00:00-05:00",
                                       {test::item("LATTE", "coffee", "4.50", 1 + static_cast<std::int64_t>(n % 3))}, "store",
                                       "m" + std::to_string(n % 50)));
    }
    return batch;
}

}  // namespace

TEST_CASE("a batch rolled back after training the payloads' dictionary leaves the next to write with the file's",
          "[sqlite_ledger]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "loyalty-sqlite-ledger-test.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    {
        loyalty::SqliteLedger ledger = loyalty::SqliteLedger::open(path.string(), true);
        loyalty::LedgerWriter writer(ledger, program);
        for (std::size_t first = 0; first < 5'000; first += 1'000) writer.record_batch(purchases(first, 1'000));
        // 5,000 transactions recorded: the next batch trains a dictionary, and this one is
        // rolled back, with it, as a host's batch is when its commit cannot be made.
        ledger.begin_batch();
        ledger.rollback_batch();
        const auto results = writer.record_batch(purchases(5'000, 1'000));
        REQUIRE(results.size() == 1'000);
        for (const auto& result : results) CHECK(result.status == loyalty::RecordResult::Status::recorded);
        writer.finish();
        loyalty::VerifyOptions deep;
        deep.deep = true;
        const loyalty::LedgerVerification verification = ledger.verify(deep);
        for (const auto& problem : verification.problems) INFO(problem.code + " " + problem.row + ": " + problem.message);
        CHECK(verification.sound());
        CHECK(verification.transactions_evaluated == 6'000);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("the process is tuned for throughput only before SQLite is in use", "[sqlite_ledger]") {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "loyalty-sqlite-tune-test.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    {
        const loyalty::SqliteLedger ledger = loyalty::SqliteLedger::open(path.string(), true);
        // SQLite is in use now: its settings of the process can no longer change, and saying so
        // leaves the open ledger as it was.
        CHECK_FALSE(loyalty::SqliteLedger::tune_process_for_throughput());
        CHECK(ledger.chain_head().empty());
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
