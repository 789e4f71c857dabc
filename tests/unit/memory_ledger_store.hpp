#pragma once
// A ledger store of the tests' own, kept in memory, and the sample history the writer's tests
// record into it: what a store of a host's own needs, in a page.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <loyalty/ledger_writer.hpp>

#include "test_support.hpp"

namespace test {

using loyalty::Member;
using loyalty::RecordResult;
using loyalty::Transaction;

/// A broken promise of the store's caller. Thrown, not a Catch assertion: a pipelined writer calls
/// the store from a thread of its own, where Catch cannot count; the writer hands it on.
inline void expect(bool holds, const char* promise) {
    if (!holds) throw std::logic_error(std::string("the store's caller broke a promise: ") + promise);
}

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

    // A line that fails changes nothing here either way: `record` checks before it writes.
    bool begin_batch(loyalty::LineFailure) override {
        expect(!batch_, "no batch begins inside another");
        write_lock_ = std::unique_lock<std::mutex>(ledger_->writing);
        const std::lock_guard<std::mutex> guard(ledger_->reading);
        batch_ = std::make_unique<StoredLedger>(*ledger_);
        const bool changed = seen_ != -1 && ledger_->batches != seen_;
        seen_ = ledger_->batches;
        return changed;
    }
    void commit_batch() override {
        expect(batch_ != nullptr, "a commit ends a batch");
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
        expect(batch_ != nullptr, "a transaction is recorded inside a batch");
        expect(outcome.program_digest == program.digest(), "the program recorded under evaluated the outcome");
        if (transaction.id == fails_on) throw loyalty::LedgerError("L009", "the store cannot record it");
        for (const Member* member : joining) batch_->states[member->id] = *member;
        batch_->rows.push_back({transaction, outcome.transaction_fingerprint,
                                {program.digest(), program.name(), program.version()}, outcome.postings()});
    }
    void record_checkpoint(const std::vector<const Member*>& changed) override {
        expect(batch_ != nullptr, "a checkpoint is written inside a batch");
        for (const Member* member : changed) batch_->states[member->id] = *member;
        batch_->checkpoint = batch_->rows.size();
    }
    void for_each_transaction_after_checkpoint(
        const std::function<void(const Transaction&, const loyalty::RecordedProgram&)>& visit) const override {
        // Inside a batch, which holds the write lock: no commit can come meanwhile.
        expect(batch_ != nullptr, "the transactions after the checkpoint are read inside a batch");
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

inline std::vector<std::string> lines_of(const std::string& path) {
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

inline std::map<std::string, std::string> stored_states(const StoredLedger& ledger) {
    std::map<std::string, std::string> states;
    for (const auto& [id, member] : ledger.states) states.emplace(id, loyalty::to_json(member));
    return states;
}

inline std::size_t count(const std::vector<RecordResult>& results, RecordResult::Status status) {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [&](const auto& r) { return r.status == status; }));
}

}  // namespace test
