#pragma once
// The ledger protocol: what a host calls to record transactions into a LedgerStore with every
// guarantee docs/design.md promises. It evaluates each transaction against its member as the
// ledger has it, records it with its postings, applies it to every member it belongs to (the
// buyer, a referrer), writes members' states at checkpoints, and, before anything else, brings
// the states up to date with what was recorded after the last checkpoint, by this writer before
// it was stopped or by another.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loyalty/ledger_store.hpp"

namespace loyalty {

struct LedgerWriterOptions {
    /// Members' states are written once at least this many transactions were recorded since the
    /// last checkpoint, at the end of a batch, and by `finish`.
    std::size_t checkpoint_every = 100'000;
    /// The state a member new to the ledger joins with (tier, attributes, an opening balance);
    /// null, or answering nothing, a member joins with an empty state.
    std::function<std::optional<Member>(const std::string& member_id)> joining_state;
    /// A batch ends at its first refused transaction: the ones before it are recorded, the ones
    /// after it are not looked at.
    bool stop_at_first_refusal = false;
    /// Each recorded transaction's result keeps its outcome, for a host that shows explanations.
    bool keep_outcomes = false;
    /// A second handle on the same ledger, which `submit_batch` reads from on the calling thread
    /// while the store writes on a thread of its own: a store whose calls may not be made from
    /// two threads at once needs two connections. Null, `submit_batch` records as `record_batch`.
    const LedgerStore* reading_store = nullptr;
};

/// What became of one transaction of a batch.
struct RecordResult {
    enum class Status {
        recorded,
        already_recorded,  ///< recorded before with the same contents: a resend, nothing changed
        refused,           ///< nothing of it was recorded or applied; `code` and `message` say why
    };
    Status status = Status::recorded;
    std::string code;
    /// Why it was refused, naming the field at fault when there is one.
    std::string message;
    /// With LedgerWriterOptions::keep_outcomes, for a transaction recorded.
    std::optional<Outcome> outcome;
};

/// A batch of `submit_batch` that is durable: its transactions, as given, and what became of each.
struct DurableBatch {
    std::vector<Transaction> transactions;
    std::vector<RecordResult> results;
};

/// One writer per thread, for one program; several writers, in several processes, may share a
/// store: each notices the others' commits and brings its members' states up to date.
class LedgerWriter {
public:
    LedgerWriter(LedgerStore& store, const Program& program, LedgerWriterOptions options = {});
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;

    /// Records `transactions`, in order, in one batch of the store: committed wholly, or, when a
    /// LedgerError of the store or of the catching up (L007) is thrown, not at all. A transaction
    /// that is invalid, or that the store cannot record (L009, L010), is refused in its result and
    /// the others are recorded. One result per transaction looked at, in order.
    std::vector<RecordResult> record_batch(const std::vector<Transaction>& transactions);
    /// Writes the states of every member changed since the last checkpoint, in a batch of its
    /// own: what a host calls when it stops writing, so that the next writer has nothing to
    /// evaluate again. Waits for a batch still being written first.
    void finish();

    /// Records `transactions` as `record_batch` does, on two threads: it evaluates the batch on
    /// this one while the store writes the batch before on its own, and returns the batches that
    /// became durable meanwhile, in order (none, one, or two when this one checkpoints, which it
    /// waits for). A batch is reported only once committed; a batch another writer's commit
    /// overtook, or that the store could not record whole, is recorded again as `record_batch`
    /// would. Throws as `record_batch` does; then the batches not returned are not recorded.
    /// Needs LedgerWriterOptions::reading_store, and records as `record_batch` without it or under
    /// `stop_at_first_refusal`.
    std::vector<DurableBatch> submit_batch(std::vector<Transaction> transactions);
    /// The batch still being written, once durable; nothing when there is none.
    std::vector<DurableBatch> drain();
    ~LedgerWriter();

private:
    struct Pipeline;
    struct PipelinedBatch;
    /// Where a transaction evaluated is recorded: into the store at once, or queued for its thread.
    using Recorder = std::function<void(const Transaction&, const std::vector<const Member*>& joining)>;
    /// Runs `work` in a batch of the store, after bringing the members up to date, and commits it;
    /// or rolls it back, wholly, when anything throws.
    template <typename Work>
    void in_a_batch(Work work);
    RecordResult record_one(const Transaction& transaction, const Recorder& record);
    RecordedState recorded_state(const Transaction& transaction) const;
    /// The batch of the pipeline evaluated, queued, and handed to the store's thread.
    std::vector<RecordResult> evaluate_for_pipeline(PipelinedBatch& batch);
    /// Waits for the batch being written; a batch that failed is recorded again here.
    std::vector<DurableBatch> wait_for_pipeline();
    Member* find_member(const std::string& id, bool may_join);
    void apply_outcome(const std::vector<std::string>& owners);
    void catch_up(bool another_writer_wrote);
    void checkpoint();
    bool checkpoint_is_due() const;
    /// The members changed since the last checkpoint, in id order: the same history writes the
    /// same file.
    std::vector<const Member*> changed_in_id_order() const;
    /// Once a checkpoint is committed: nothing is changed since.
    void checkpoint_recorded();
    EvaluationOptions options_with_members();

    LedgerStore& store_;
    const Program& program_;
    LedgerWriterOptions options_;
    bool caught_up_ = false;
    /// Members as the ledger has them, brought up to date by this writer.
    std::unordered_map<std::string, Member> members_;
    /// Members of `members_` the ledger does not have yet: they join with their first recorded transaction.
    std::unordered_set<std::string> joining_;
    /// Members of `members_` whose state changed since the ledger's last checkpoint.
    std::unordered_set<const Member*> changed_;
    std::size_t recorded_since_checkpoint_ = 0;
    bool checkpoint_due_ = false;
    /// Set when another writer committed in between: the catch-up then checkpoints.
    bool another_writer_seen_ = false;
    /// One evaluator state and one outcome for every evaluation of this writer, on its thread.
    EvaluatorState state_;
    Outcome outcome_;
    /// Reads go here: the store, or while a pipeline evaluates, LedgerWriterOptions::reading_store.
    const LedgerStore* reads_;
    std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace loyalty
