// The ledger protocol over a store of the test's own, kept in memory: whatever order of batches,
// writers and stops, the ledger holds what evaluating the history once, in order, gives.

#include "memory_ledger_store.hpp"

using loyalty::Member;
using loyalty::RecordResult;
using loyalty::Transaction;
using test::count;
using test::MemoryStore;
using test::Sample;
using test::stored_states;
using test::StoredLedger;

TEST_CASE("a writer records a history in batches into the states one evaluation in order gives", "[ledger_writer]") {
    const Sample sample;
    REQUIRE(sample.history.size() == 47);
    const auto expected = sample.expected_states();
    for (const std::size_t batch : {std::size_t{1}, std::size_t{4}, std::size_t{7}, std::size_t{46}}) {
        auto ledger = std::make_shared<StoredLedger>();
        MemoryStore store(ledger);
        loyalty::LedgerWriter writer(store, sample.program, sample.options(5));
        std::size_t recorded = 0;
        for (std::size_t from = 0; from < sample.history.size(); from += batch) {
            recorded += count(writer.record_batch(sample.slice(from, from + batch)), RecordResult::Status::recorded);
        }
        writer.finish();
        CHECK(recorded == 46);
        CHECK(ledger->rows.size() == 46);
        CHECK(ledger->checkpoint == 46);
        CHECK(stored_states(*ledger) == expected);

        // The same history again changes nothing: every transaction is recorded already.
        loyalty::LedgerWriter again(store, sample.program, sample.options());
        const auto results = again.record_batch(sample.history);
        CHECK(count(results, RecordResult::Status::already_recorded) == 47);
        again.finish();
        CHECK(ledger->rows.size() == 46);
        CHECK(stored_states(*ledger) == expected);
    }
}

TEST_CASE("a writer stopped before its checkpoint is caught up by the next one", "[ledger_writer]") {
    const Sample sample;
    const std::size_t resend = 28;
    REQUIRE(sample.history[resend].id == sample.history[resend - 1].id);
    const auto expected = sample.expected_states();
    for (const std::size_t stop_after : {std::size_t{3}, std::size_t{11}, std::size_t{30}, std::size_t{45}}) {
        auto ledger = std::make_shared<StoredLedger>();
        {
            MemoryStore store(ledger);
            loyalty::LedgerWriter stopped(store, sample.program, sample.options());
            stopped.record_batch(sample.slice(0, stop_after));
            // Stopped here: no finish, so the stored states are the openings' alone.
        }
        CHECK(ledger->checkpoint == 0);
        MemoryStore store(ledger);
        loyalty::LedgerWriter resumed(store, sample.program, sample.options());
        const auto results = resumed.record_batch(sample.history);
        // The resend of line 28 is recognised whichever writer meets it.
        const std::size_t already = stop_after + (stop_after <= resend ? 1 : 0);
        CHECK(count(results, RecordResult::Status::already_recorded) == already);
        CHECK(count(results, RecordResult::Status::recorded) == 47 - already);
        resumed.finish();
        CHECK(stored_states(*ledger) == expected);
    }
}

TEST_CASE("two writers taking turns on one store give the ledger of one", "[ledger_writer]") {
    const Sample sample;
    auto ledger = std::make_shared<StoredLedger>();
    MemoryStore first_store(ledger), second_store(ledger);
    loyalty::LedgerWriter first(first_store, sample.program, sample.options());
    loyalty::LedgerWriter second(second_store, sample.program, sample.options());
    for (std::size_t from = 0; from < sample.history.size(); from += 5) {
        loyalty::LedgerWriter& writer = (from / 5) % 2 == 0 ? first : second;
        const auto results = writer.record_batch(sample.slice(from, from + 5));
        CHECK(count(results, RecordResult::Status::recorded) + count(results, RecordResult::Status::already_recorded) ==
              results.size());
    }
    first.finish();
    second.finish();
    CHECK(ledger->rows.size() == 46);
    CHECK(stored_states(*ledger) == sample.expected_states());
}

TEST_CASE("a writer refuses to catch up a tail another program recorded, and writes nothing", "[ledger_writer]") {
    const Sample sample;
    auto ledger = std::make_shared<StoredLedger>();
    {
        MemoryStore store(ledger);
        loyalty::LedgerWriter stopped(store, sample.program, sample.options());
        stopped.record_batch(sample.slice(0, 10));
    }
    // The same version string, another content.
    std::ifstream file(std::string(LOYALTY_SOURCE_DIR) + "/rules/corner-cafe.yaml");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const std::size_t rate = text.find("      points: 1\n");
    REQUIRE(rate != std::string::npos);
    text.replace(rate, 16, "      points: 2\n");
    const loyalty::Program edited = loyalty::Program::from_string(text, "corner-cafe.yaml");
    REQUIRE(edited.version() == sample.program.version());

    const StoredLedger before = *ledger;
    MemoryStore store(ledger);
    loyalty::LedgerWriter writer(store, edited, sample.options());
    try {
        writer.record_batch(sample.slice(10, 20));
        FAIL("the tail was caught up under another program");
    } catch (const loyalty::LedgerError& error) {
        CHECK(error.code() == "L007");
        CHECK_THAT(error.what(), Catch::Contains("was recorded by 'Corner Café Rewards' version 2026.1 (" +
                                                 sample.program.digest().to_hex() + "), not by this one"));
    }
    CHECK(ledger->rows.size() == before.rows.size());
    CHECK(ledger->batches == before.batches);
    CHECK(stored_states(*ledger) == stored_states(before));
}

TEST_CASE("a refused transaction records nothing, and the batch's others are recorded", "[ledger_writer]") {
    const Sample sample;
    auto ledger = std::make_shared<StoredLedger>();
    MemoryStore store(ledger);
    store.fails_on = sample.history[2].id;
    std::vector<Transaction> batch = sample.slice(0, 6);
    batch[4].id = "opening:bruno";
    loyalty::LedgerWriter writer(store, sample.program, sample.options());
    const auto results = writer.record_batch(batch);
    REQUIRE(results.size() == 6);
    CHECK(results[2].status == RecordResult::Status::refused);
    CHECK(results[2].code == "L009");
    CHECK(results[4].code == "T014");
    CHECK(count(results, RecordResult::Status::recorded) == 4);
    CHECK(ledger->rows.size() == 4);

    // Stopping at the first refusal: the one before it is recorded, nothing after it is looked at.
    auto stopping_ledger = std::make_shared<StoredLedger>();
    MemoryStore stopping_store(stopping_ledger);
    stopping_store.fails_on = sample.history[1].id;
    loyalty::LedgerWriterOptions options = sample.options();
    options.stop_at_first_refusal = true;
    options.keep_outcomes = true;
    loyalty::LedgerWriter stopping(stopping_store, sample.program, options);
    const auto stopped = stopping.record_batch(sample.slice(0, 6));
    REQUIRE(stopped.size() == 2);
    CHECK(stopped[0].status == RecordResult::Status::recorded);
    REQUIRE(stopped[0].outcome);
    CHECK(stopped[0].outcome->transaction_id == sample.history[0].id);
    CHECK(stopped[1].status == RecordResult::Status::refused);
    CHECK(stopping_ledger->rows.size() == 1);
}
