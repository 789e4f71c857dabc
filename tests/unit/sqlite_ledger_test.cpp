// The SQLite ledger through its C++ calls, where a host's retries take it: a batch rolled back
// leaves the next to write as the file says.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <sqlite3.h>

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

/// One number the ledger file answers `sql` with.
std::int64_t count_in(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(path.string().c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const std::int64_t value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return value;
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
        ledger.begin_batch(loyalty::LineFailure::leaves_the_batch);
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

TEST_CASE("a line that fails halfway through its rows in a pipelined batch is refused, and leaves no row behind",
          "[sqlite_ledger]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "loyalty-sqlite-pipeline-test.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    const std::vector<std::string> refused_ids = {"p1234", "p2999"};
    {
        loyalty::SqliteLedger ledger = loyalty::SqliteLedger::open(path.string(), true);
        // The store refuses these transactions' deltas, after their transaction rows are written:
        // a line whose writing fails part of the way.
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open_v2(path.string().c_str(), &database, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(database,
                             "CREATE TRIGGER refuse_some BEFORE INSERT ON deltas WHEN (SELECT id FROM transactions WHERE "
                             "sequence = NEW.transaction_sequence) IN ('p1234', 'p2999') BEGIN SELECT RAISE(ABORT, "
                             "'refused for the test'); END",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(database);
        loyalty::SqliteLedger reading = loyalty::SqliteLedger::open(path.string(), false);
        loyalty::LedgerWriterOptions options;
        options.reading_store = &reading;
        loyalty::LedgerWriter writer(ledger, program, options);
        std::vector<loyalty::DurableBatch> durable;
        const auto keep = [&](std::vector<loyalty::DurableBatch> batches) {
            for (auto& batch : batches) durable.push_back(std::move(batch));
        };
        for (std::size_t first = 0; first < 4'000; first += 500) keep(writer.submit_batch(purchases(first, 500)));
        keep(writer.drain());
        writer.finish();
        std::size_t recorded = 0;
        std::vector<std::string> refused;
        for (const auto& batch : durable) {
            for (std::size_t i = 0; i < batch.results.size(); ++i) {
                switch (batch.results[i].status) {
                    case loyalty::RecordResult::Status::recorded: ++recorded; break;
                    case loyalty::RecordResult::Status::already_recorded: break;
                    case loyalty::RecordResult::Status::refused:
                        CHECK(batch.results[i].code == "L009");
                        refused.push_back(batch.transactions[i].id);
                        break;
                }
            }
        }
        CHECK(refused == refused_ids);
        CHECK(recorded == 4'000 - refused_ids.size());
    }
    // Nothing of the refused lines, and every other line whole: as many deltas as it says.
    CHECK(count_in(path, "SELECT count(*) FROM transactions WHERE id IN ('p1234', 'p2999')") == 0);
    CHECK(count_in(path, "SELECT count(*) FROM transactions WHERE kind != 'opening'") == 4'000 - 2);
    CHECK(count_in(path, "SELECT count(*) FROM transactions t WHERE delta_count != "
                         "(SELECT count(*) FROM deltas d WHERE d.transaction_sequence = t.sequence)") == 0);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
