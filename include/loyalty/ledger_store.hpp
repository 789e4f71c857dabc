#pragma once
// What a ledger store offers the protocol that writes into it (LedgerWriter): batches committed
// wholly or not at all, what is recorded, and members' states kept at checkpoints. SqliteLedger
// is one; a store on a database server, with many writers, is another.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/program.hpp"
#include "loyalty/program_digest.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty {

/// A ledger that cannot be used as asked: unknown schema version, read-only, disk full, corrupt,
/// or a writer that cannot bring members' states up to date. Code L0xx (docs/errors.md). Nothing
/// was half-written.
class LedgerError : public Error {
public:
    LedgerError(std::string code, const std::string& message) : Error(std::move(code), message) {}
};

/// What the ledger already knows of a transaction id.
enum class RecordedState {
    absent,
    same,       ///< recorded with the same fingerprint: a resend, skip it
    different,  ///< recorded with another payload: an error
};

/// A program as a ledger knows it: by its content.
struct RecordedProgram {
    /// None for a program recorded before ledgers kept digests (schema versions 1 and 2): it is
    /// known by its version alone, and its content cannot be checked.
    std::optional<ProgramDigest> digest;
    /// Empty for a program recorded before ledgers kept digests.
    std::string name;
    std::string version;
};

/// Whether `transaction_id` is of the rows a ledger makes itself, which no host id may take: those
/// beginning "opening:", the opening balances it records.
bool is_ledger_id(std::string_view transaction_id);

/// "'Corner Café Rewards' version 2026.1 (dc61…)": the program as a person reads it.
std::string describe(const RecordedProgram& program);

/// What a transaction that cannot be recorded (`record` throws LedgerError) does to its batch.
enum class LineFailure {
    /// It alone is left out, and the batch's other transactions stay: the store keeps each one
    /// undoable on its own, at a cost per transaction.
    leaves_the_batch,
    /// The batch is to be rolled back: for a caller that then records it again, each transaction
    /// undoable on its own, and pays for that only when a transaction fails.
    fails_the_batch,
};

class LedgerStore {
public:
    virtual ~LedgerStore() = default;

    /// Starts a batch of writes, waiting for other writers. When another writer committed since
    /// this one's last batch, returns true: member states read before are stale.
    virtual bool begin_batch(LineFailure on_line_failure) = 0;
    virtual void commit_batch() = 0;
    virtual void rollback_batch() = 0;

    /// Whether a transaction of `transaction`'s id is recorded, and with its contents: its
    /// fingerprint compared in the version it was recorded with.
    virtual RecordedState recorded_state(const Transaction& transaction) const = 0;
    /// A member's state as of the last checkpoint (or its opening, when later).
    virtual std::optional<Member> member(const std::string& member_id) const = 0;
    /// Inside a batch: appends the transaction under `program`, which evaluated `outcome`, with the
    /// outcome's postings, after the opening balances of the members in `joining` (members the
    /// ledger has not seen that the outcome belongs to), all or nothing: a transaction that cannot
    /// be recorded throws LedgerError and leaves the batch as it was.
    virtual void record(const Program& program, const Transaction& transaction, const Outcome& outcome,
                        const std::vector<const Member*>& joining) = 0;
    /// Inside a batch: writes the states of `changed`, which must be every member whose state
    /// changed since the last checkpoint, and marks every stored state as current.
    virtual void record_checkpoint(const std::vector<const Member*>& changed) = 0;
    /// Calls `visit` with each transaction recorded after the last checkpoint, in recording order,
    /// and the program that recorded it.
    virtual void for_each_transaction_after_checkpoint(
        const std::function<void(const Transaction&, const RecordedProgram& program)>& visit) const = 0;
};

}  // namespace loyalty
