#pragma once
// An append-only ledger of postings and member states in one SQLite file.
// Link loyalty::sqlite_ledger; the core library does not depend on SQLite.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/ledger_store.hpp"

namespace loyalty {

namespace detail {
struct ChainRow;
}

/// One posting, with what a support agent needs to read it. The ledger stores deltas; each is
/// two postings, its debit (−amount) and then its credit (+amount).
struct LedgerPosting {
    /// The transaction's place in the ledger, and the posting's in the transaction, from 1.
    std::int64_t transaction_sequence = 0;
    std::int64_t posting = 0;
    std::string transaction_id;
    std::string at;
    std::string delta_id;
    std::string kind;
    std::string rule_id;
    std::string account;
    std::string unit;
    std::int64_t amount = 0;
    std::string explanation;
};

/// Which transactions a program recorded.
struct LedgerProgram {
    RecordedProgram program;
    std::int64_t transactions = 0;
    /// The ids of the first and the last, in recording order.
    std::string first_transaction;
    std::string last_transaction;
};

/// One problem `verify` found: its code (V0xx, docs/errors.md), the row it is in
/// ("transactions row 17 ('T0017')", "members row 'carla'", "schema"), and what is wrong.
struct LedgerProblem {
    std::string code;
    std::string row;
    std::string message;
};

struct VerifyOptions {
    /// Evaluate every recorded transaction again, from its payload, under the program that
    /// recorded it, and compare every posting and every stored member state.
    bool deep = false;
    /// A chain head (64 hex digits) kept elsewhere, for instance printed by a replay: it must be
    /// the link of a transaction of this ledger, or the transactions up to it were lost.
    std::string head;
    /// Problems listed per code, at most; the rest are counted.
    std::size_t problems_listed_per_code = 100;
};

struct LedgerVerification {
    std::vector<LedgerProblem> problems;
    /// Problems found beyond VerifyOptions::problems_listed_per_code.
    std::int64_t problems_not_listed = 0;
    /// The last transaction's chain link; empty for a ledger without transactions.
    std::string chain_head;
    /// With VerifyOptions::head found: the transactions recorded after it (0 when it is the head).
    std::optional<std::int64_t> transactions_after_head;
    /// With VerifyOptions::deep: the transactions evaluated again.
    std::int64_t transactions_evaluated = 0;
    bool sound() const { return problems.empty() && problems_not_listed == 0; }
};

struct LedgerSummary {
    std::int64_t transactions = 0;
    std::int64_t members = 0;
    /// Points earned or carried in as opening balances, less what returns took back.
    std::int64_t points_issued = 0;
    /// Points spent on rewards and payments, less what returns gave back.
    std::int64_t points_burned = 0;
    std::int64_t points_expired = 0;
    std::int64_t coupons_issued = 0;
    std::int64_t coupons_used = 0;
    /// Rebates paid, as "12.50 USD", one per currency; empty when none.
    std::vector<std::string> rebates_paid;
    /// Points members hold, spendable and pending, less what they owe, from the postings (current
    /// whatever the checkpoint): the program's outstanding liability. Always issued − burned −
    /// expired.
    std::int64_t points_outstanding = 0;
    /// Transactions recorded after the last checkpoint: their effect on members' states is
    /// stored by the next writer's checkpoint. 0 after a replay that ran to its end.
    std::int64_t transactions_after_checkpoint = 0;
    /// Every program that recorded transactions, in the order each first did.
    std::vector<LedgerProgram> programs;
    /// The last transaction's chain link (see `verify`); empty for a ledger without transactions.
    std::string chain_head;
};

/// The ledger file. Writes happen in batches: `begin_batch`, any number of `record`, then
/// `commit_batch`; a batch is committed wholly or not at all, so a crash at any moment and a
/// re-run give the ledger of an uninterrupted run. Postings are never updated or deleted.
///
/// Members' states are written at checkpoints, not with every transaction: a state is many
/// times the size of a transaction's postings. At a checkpoint every stored state is the
/// member's state after every transaction recorded so far; the transactions recorded since the
/// last checkpoint are what a writer evaluates again, in order and under the same program, to
/// bring the stored states up to date (evaluation is deterministic, so this gives the states an
/// uninterrupted run would have had).
/// One SqliteLedger per thread; several processes may share a file (writes are serialised).
class SqliteLedger final : public LedgerStore {
public:
    /// The schema version this library reads and writes (docs/design.md).
    static constexpr const char* schema_version = "4";

    /// Opens or creates the file. Throws LedgerError (L001 cannot open, L002 unknown schema
    /// version, L003 read-only when `writable`). A ledger of schema version 1, 2 or 3 is upgraded
    /// to version 4 in place when opened `writable`, and refused with L002 when not.
    static SqliteLedger open(const std::string& path, bool writable);
    /// Turns SQLite's memory statistics off for the whole process: they take one global mutex on
    /// every allocation, which a writer's two threads contend for (about 8 % of a replay). A
    /// setting of the process, not of a ledger: a program that owns its process (the `loyalty`
    /// command does) calls it once, from one thread, before anything in the process uses SQLite.
    /// Returns false, changing nothing, once SQLite is in use.
    static bool tune_process_for_throughput() noexcept;
    ~SqliteLedger() override;
    SqliteLedger(SqliteLedger&&) noexcept;
    SqliteLedger& operator=(SqliteLedger&&) noexcept;

    /// Starts a batch of writes, waiting for other writers. When another process committed since
    /// this one's last batch, returns true: member states read before are stale.
    /// With LineFailure::leaves_the_batch each `record` is a savepoint of its own.
    bool begin_batch(LineFailure on_line_failure) override;
    void commit_batch() override;
    void rollback_batch() override;

    RecordedState recorded_state(const Transaction& transaction) const override;
    /// A recorded transaction, as it was recorded.
    std::optional<Transaction> transaction(const std::string& transaction_id) const;
    /// The recorded returns that name `purchase_id`, in recording order.
    std::vector<Transaction> returns_of(const std::string& purchase_id) const;
    /// A member's state as of the last checkpoint (or its opening, when later).
    std::optional<Member> member(const std::string& member_id) const override;
    /// Members in id order, at most `count` of them, as of the last checkpoint.
    std::vector<Member> members(std::size_t count) const;
    /// Every member in id order, as of the last checkpoint, one at a time: memory stays bounded
    /// however many there are. `visit` must not write to this ledger.
    void for_each_member(const std::function<void(const Member&)>& visit) const;

    /// Appends the transaction, under `program`, which evaluated `outcome`, and the outcome's
    /// postings, after the opening balances of the members in `joining` (members the ledger has
    /// not seen that the outcome belongs to), all or nothing: a line that cannot be recorded throws
    /// LedgerError and leaves the batch as it was, so that the batch's other lines still commit.
    /// Inside a batch. The states of the members the outcome changed are written by the next
    /// `record_checkpoint`. The ledger keeps each program it has not seen, with its rule file's
    /// text, the first time it records under it. A transaction id the ledger keeps for itself
    /// (`is_ledger_id`) is refused with L010; an outcome another program evaluated, with L011.
    void record(const Program& program, const Transaction& transaction, const Outcome& outcome,
                const std::vector<const Member*>& joining = {}) override;
    /// Writes the states of `changed`, which must be every member whose state changed since the
    /// last checkpoint, and marks every stored state as current. Inside a batch, committed with it.
    void record_checkpoint(const std::vector<const Member*>& changed) override;
    /// Calls `visit` with each transaction recorded after the last checkpoint, in recording order,
    /// and the program that recorded it: what a writer evaluates again against the stored states,
    /// under that same program, before it records anything more.
    void for_each_transaction_after_checkpoint(
        const std::function<void(const Transaction&, const RecordedProgram& program)>& visit) const override;
    /// Brings a member the ledger has not seen, with the balance it already had, into the ledger:
    /// an `opening` posting from program:points_issued, so balances stay the fold of postings.
    /// Its state is stored at once. `record` does it for the members joining with a transaction.
    void record_opening_balance(const Member& member);

    /// An audit of the whole file (docs/reliability.md lists what it finds, and what only `deep`
    /// or a `head` finds): SQLite's integrity check, the schema and its triggers as created,
    /// references between transactions, postings, programs and members, the type and unit of
    /// every value, every transaction against its payload and balanced, every program against its
    /// digest, every member's state against its postings, and the chain of links over the
    /// transactions in order.
    LedgerVerification verify(const VerifyOptions& options = {}) const;
    /// The last transaction's chain link; empty for a ledger without transactions.
    std::string chain_head() const;
    std::vector<LedgerPosting> history(const std::string& member_id) const;
    /// Every posting in order, for comparing ledgers.
    std::vector<LedgerPosting> postings() const;
    LedgerSummary summary() const;
    /// LedgerSummary::transactions_after_checkpoint alone, without the summary's scans.
    std::int64_t transactions_after_checkpoint() const;

private:
    struct Connection;
    explicit SqliteLedger(std::unique_ptr<Connection> connection);
    /// The sequence of the last transaction the stored states hold.
    std::int64_t checkpoint() const;
    void store_state(const Member& member);
    /// The transaction's row and its outcome's postings.
    void record_postings(const Program& program, const Transaction& transaction, const Outcome& outcome,
                         std::int64_t program_row);
    /// Appends a transaction row with its postings, linked to the chain's head, which it becomes.
    void insert_row(const detail::ChainRow& row, std::int64_t program);
    /// The programs row of `program`, added when the ledger has not seen it.
    std::int64_t program_row(const Program& program);
    std::unique_ptr<Connection> connection_;
};

}  // namespace loyalty
