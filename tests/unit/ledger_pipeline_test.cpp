// LedgerWriter::submit_batch: a batch evaluated while the store writes the one before, over the
// tests' store in memory, shared by threads as a database is.

#include "memory_ledger_store.hpp"

using loyalty::RecordResult;
using test::count;
using test::MemoryStore;
using test::Sample;
using test::stored_states;
using test::StoredLedger;

namespace {

/// Every transaction of the durable batches, in order, by what became of it.
std::size_t count(const std::vector<loyalty::DurableBatch>& batches, RecordResult::Status status) {
    std::size_t total = 0;
    for (const auto& batch : batches) total += test::count(batch.results, status);
    return total;
}

void append(std::vector<loyalty::DurableBatch>& to, std::vector<loyalty::DurableBatch> batches) {
    for (auto& batch : batches) to.push_back(std::move(batch));
}

}  // namespace

TEST_CASE("a pipelined writer reports each batch once durable, and records what record_batch does", "[ledger_writer]") {
    const Sample sample;
    const auto expected = sample.expected_states();
    for (const std::size_t batch : {std::size_t{1}, std::size_t{4}, std::size_t{7}, std::size_t{46}}) {
        for (const std::size_t checkpoint_every : {std::size_t{5}, std::size_t{100'000}}) {
            auto ledger = std::make_shared<StoredLedger>();
            MemoryStore store(ledger), reading(ledger);
            loyalty::LedgerWriterOptions options = sample.options(checkpoint_every);
            options.reading_store = &reading;
            loyalty::LedgerWriter writer(store, sample.program, options);
            std::vector<loyalty::DurableBatch> durable;
            for (std::size_t from = 0; from < sample.history.size(); from += batch) {
                append(durable, writer.submit_batch(sample.slice(from, from + batch)));
                // Whatever was reported is in the ledger.
                std::size_t reported = 0;
                for (const auto& done : durable) reported += done.transactions.size();
                const std::lock_guard<std::mutex> guard(ledger->reading);
                CHECK(ledger->rows.size() >= reported - (reported > 28 ? 1 : 0));
            }
            append(durable, writer.drain());
            writer.finish();
            // In order, each batch as given.
            std::vector<std::string> ids;
            for (const auto& done : durable) {
                REQUIRE(done.results.size() == done.transactions.size());
                for (const auto& transaction : done.transactions) ids.push_back(transaction.id);
            }
            std::vector<std::string> given;
            for (const auto& transaction : sample.history) given.push_back(transaction.id);
            CHECK(ids == given);
            CHECK(count(durable, RecordResult::Status::recorded) == 46);
            CHECK(count(durable, RecordResult::Status::already_recorded) == 1);
            CHECK(ledger->rows.size() == 46);
            CHECK(stored_states(*ledger) == expected);
        }
    }
}

TEST_CASE("a pipelined batch another writer overtook, or that the store could not record, is recorded again",
          "[ledger_writer]") {
    const Sample sample;
    auto ledger = std::make_shared<StoredLedger>();
    MemoryStore store(ledger), reading(ledger), other_store(ledger);
    loyalty::LedgerWriterOptions options = sample.options();
    options.reading_store = &reading;
    loyalty::LedgerWriter writer(store, sample.program, options);
    loyalty::LedgerWriter other(other_store, sample.program, sample.options());
    std::vector<loyalty::DurableBatch> durable;
    append(durable, writer.submit_batch(sample.slice(0, 10)));
    append(durable, writer.submit_batch(sample.slice(10, 15)));
    // Another writer commits while the pipeline's batch may still be written: the pipeline's next
    // batch is evaluated on states that do not hold it, and is recorded again once seen.
    append(durable, writer.drain());
    CHECK(count(other.record_batch(sample.slice(15, 25)), RecordResult::Status::recorded) == 10);
    other.finish();
    append(durable, writer.submit_batch(sample.slice(25, 35)));
    store.fails_on = sample.history[37].id;
    append(durable, writer.submit_batch(sample.slice(35, 40)));
    append(durable, writer.submit_batch(sample.slice(40, 47)));
    append(durable, writer.drain());
    writer.finish();
    CHECK(count(durable, RecordResult::Status::refused) == 1);
    bool refused_in_its_place = false;
    for (const auto& done : durable) {
        for (std::size_t i = 0; i < done.results.size(); ++i) {
            if (done.results[i].status != RecordResult::Status::refused) continue;
            refused_in_its_place = done.transactions[i].id == sample.history[37].id && done.results[i].code == "L009";
        }
    }
    CHECK(refused_in_its_place);
    CHECK(count(durable, RecordResult::Status::recorded) == 46 - 10 - 1);

    // The ledger is one run's of the history without the transaction the store refused.
    Sample without = sample;
    without.history.erase(without.history.begin() + 37);
    CHECK(ledger->rows.size() == 45);
    CHECK(stored_states(*ledger) == without.expected_states());
}
