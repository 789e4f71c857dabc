// The ledger protocol over a store of the test's own, kept in memory: whatever order of batches,
// writers and stops, the ledger holds what evaluating the history once, in order, gives.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <mutex>

#include <loyalty/ledger_writer.hpp>

#include "test_support.hpp"

namespace {

using loyalty::Member;
using loyalty::RecordResult;
using loyalty::Transaction;

/// What the store holds, shared by the connections of several writers, on any thread: a batch
/// holds `writing` from its beginning to its end, as a database's write lock is held, and every
/// read or commit of the rows holds `reading`.
struct StoredLedger {
    std::mutex writing;
    std::mutex reading;
    struct Row {
        Transaction transaction;
        loyalty::Fingerprint fingerprint;
        loyalty::RecordedProgram program;
        std::vector<loyalty::Posting> postings;
    };
    std::vector<Row> rows;
    std::map<std::string, Member> states;
    std::size_t checkpoint = 0;
    std::int64_t batches = 0;

    StoredLedger() = default;
    /// The rows alone: a batch works on a copy of them.
    StoredLedger(const StoredLedger& other)
        : rows(other.rows), states(other.states), checkpoint(other.checkpoint), batches(other.batches) {}
    StoredLedger& operator=(StoredLedger&& other) noexcept {
        rows = std::move(other.rows);
        states = std::move(other.states);
        checkpoint = other.checkpoint;
        batches = other.batches;
        return *this;
    }
};

/// One writer's connection: a batch works on a copy of the ledger, which commit makes the ledger.
class MemoryStore final : public loyalty::LedgerStore {
public:
    explicit MemoryStore(std::shared_ptr<StoredLedger> ledger) : ledger_(std::move(ledger)) {}

    bool begin_batch() override {
        REQUIRE_FALSE(batch_);
        write_lock_ = std::unique_lock<std::mutex>(ledger_->writing);
        const std::lock_guard<std::mutex> guard(ledger_->reading);
        batch_ = std::make_unique<StoredLedger>(*ledger_);
        const bool changed = seen_ != -1 && ledger_->batches != seen_;
        seen_ = ledger_->batches;
        return changed;
    }
    void commit_batch() override {
        REQUIRE(batch_);
        ++batch_->batches;
        {
            const std::lock_guard<std::mutex> guard(ledger_->reading);
            *ledger_ = std::move(*batch_);
            seen_ = ledger_->batches;
        }
        batch_.reset();
        write_lock_.unlock();
    }
    void rollback_batch() override {
        batch_.reset();
        if (write_lock_.owns_lock()) write_lock_.unlock();
    }

    loyalty::RecordedState recorded_state(const Transaction& transaction) const override {
        const auto guard = read_lock();
        for (const auto& row : current().rows) {
            if (row.transaction.id == transaction.id) {
                return loyalty::fingerprint_matches(row.fingerprint, transaction) ? loyalty::RecordedState::same
                                                                                  : loyalty::RecordedState::different;
            }
        }
        return loyalty::RecordedState::absent;
    }
    std::optional<Member> member(const std::string& id) const override {
        const auto guard = read_lock();
        const auto found = current().states.find(id);
        return found == current().states.end() ? std::nullopt : std::optional<Member>(found->second);
    }
    void record(const loyalty::Program& program, const Transaction& transaction, const loyalty::Outcome& outcome,
                const std::vector<const Member*>& joining) override {
        REQUIRE(batch_);
        REQUIRE(outcome.program_digest == program.digest());
        if (transaction.id == fails_on) throw loyalty::LedgerError("L009", "the store cannot record it");
        for (const Member* member : joining) batch_->states[member->id] = *member;
        batch_->rows.push_back({transaction, outcome.transaction_fingerprint,
                                {program.digest(), program.name(), program.version()}, outcome.postings()});
    }
    void record_checkpoint(const std::vector<const Member*>& changed) override {
        REQUIRE(batch_);
        for (const Member* member : changed) batch_->states[member->id] = *member;
        batch_->checkpoint = batch_->rows.size();
    }
    void for_each_transaction_after_checkpoint(
        const std::function<void(const Transaction&, const loyalty::RecordedProgram&)>& visit) const override {
        // Inside a batch, which holds the write lock: no commit can come meanwhile.
        REQUIRE(batch_);
        const StoredLedger& ledger = current();
        for (std::size_t i = ledger.checkpoint; i < ledger.rows.size(); ++i) visit(ledger.rows[i].transaction, ledger.rows[i].program);
    }

    /// A transaction id the store refuses to record, as a store refuses one it cannot.
    std::string fails_on;

private:
    const StoredLedger& current() const { return batch_ ? *batch_ : *ledger_; }
    /// Outside a batch, the shared rows are read under their lock; a batch reads its own.
    std::unique_lock<std::mutex> read_lock() const {
        return batch_ ? std::unique_lock<std::mutex>() : std::unique_lock<std::mutex>(ledger_->reading);
    }

    std::shared_ptr<StoredLedger> ledger_;
    std::unique_ptr<StoredLedger> batch_;
    std::unique_lock<std::mutex> write_lock_;
    std::int64_t seen_ = -1;
};

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream file(path);
    REQUIRE(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

struct Sample {
    loyalty::Program program = test::rules_file("corner-cafe.yaml");
    std::map<std::string, Member> seeds;
    std::vector<Transaction> history;

    Sample() {
        const std::string folder = std::string(LOYALTY_SOURCE_DIR) + "/examples/sample/";
        for (const std::string& line : lines_of(folder + "members.jsonl")) {
            Member member = loyalty::member_from_json(line);
            seeds.emplace(member.id, std::move(member));
        }
        for (const std::string& line : lines_of(folder + "purchases.jsonl")) {
            const Transaction transaction = loyalty::transaction_from_json(line);
            // The sample's one transaction in another currency is refused; the rest all record, but
            // for line 29, which sends line 28 again.
            if (transaction.currency == program.currency()) history.push_back(transaction);
        }
    }

    loyalty::LedgerWriterOptions options(std::size_t checkpoint_every = 100'000) const {
        loyalty::LedgerWriterOptions options;
        options.checkpoint_every = checkpoint_every;
        options.joining_state = [this](const std::string& id) -> std::optional<Member> {
            const auto seed = seeds.find(id);
            return seed == seeds.end() ? std::nullopt : std::optional<Member>(seed->second);
        };
        return options;
    }

    /// Every member's state as one evaluation of the history in order gives it, as JSON.
    std::map<std::string, std::string> expected_states() const {
        std::map<std::string, Member> members;
        const auto join = [&](const std::string& id) {
            if (members.count(id) != 0) return;
            Member member;
            member.id = id;
            if (const auto seed = seeds.find(id); seed != seeds.end()) member = seed->second;
            members.emplace(id, member);
        };
        for (const Transaction& transaction : history) {
            join(transaction.member_id);
            loyalty::EvaluationOptions options;
            options.other_member = [&](const std::string& id) -> const Member* {
                const auto found = members.find(id);
                return found == members.end() ? nullptr : &found->second;
            };
            const loyalty::Outcome outcome = program.evaluate(members.at(transaction.member_id), transaction, options);
            for (const std::string& owner : outcome.owners()) {
                join(owner);
                loyalty::apply_in_place(members.at(owner), outcome);
            }
        }
        std::map<std::string, std::string> states;
        for (const auto& [id, member] : members) states.emplace(id, loyalty::to_json(member));
        return states;
    }

    std::vector<Transaction> slice(std::size_t from, std::size_t to) const {
        return {history.begin() + static_cast<std::ptrdiff_t>(from), history.begin() + static_cast<std::ptrdiff_t>(std::min(to, history.size()))};
    }
};

std::map<std::string, std::string> stored_states(const StoredLedger& ledger) {
    std::map<std::string, std::string> states;
    for (const auto& [id, member] : ledger.states) states.emplace(id, loyalty::to_json(member));
    return states;
}

std::size_t count(const std::vector<RecordResult>& results, RecordResult::Status status) {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [&](const auto& r) { return r.status == status; }));
}

}  // namespace

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

namespace {

/// Every transaction of the durable batches, in order, by what became of it.
std::size_t count(const std::vector<loyalty::DurableBatch>& batches, RecordResult::Status status) {
    std::size_t total = 0;
    for (const auto& batch : batches) total += count(batch.results, status);
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
