#pragma once
// The ledger protocol: what a host calls to record transactions into a LedgerStore with every
// guarantee docs/design.md promises. It evaluates each transaction against its member as the
// ledger has it, records it with its postings, applies it to every member it belongs to (the
// buyer, a referrer), writes members' states at checkpoints, and, before anything else, brings
// the states up to date with what was recorded after the last checkpoint, by this writer before
// it was stopped or by another.

#include <cstddef>
#include <functional>
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
    /// evaluate again.
    void finish();

private:
    /// Runs `work` in a batch of the store, after bringing the members up to date, and commits it;
    /// or rolls it back, wholly, when anything throws.
    template <typename Work>
    void in_a_batch(Work work);
    RecordResult record_one(const Transaction& transaction);
    Member* find_member(const std::string& id, bool may_join);
    void apply_outcome(const std::vector<std::string>& owners);
    void catch_up(bool another_writer_wrote);
    void checkpoint();
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
    Outcome outcome_;
};

}  // namespace loyalty
