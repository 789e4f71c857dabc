#pragma once
// What LedgerWriter::submit_batch keeps: the batch the store's thread writes, and the ids of the
// transactions evaluated that the ledger does not hold yet.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "loyalty/ledger_writer.hpp"
#include "store/store_thread.hpp"

namespace loyalty {
namespace detail {

/// A store's fault, not the transaction's: nothing later would fare better.
bool is_fault_of_the_store(const std::string& code);

}  // namespace detail

/// A transaction evaluated and to be recorded: its place in the batch, its outcome, and the
/// members who join the ledger with it, as they were before it.
struct QueuedRecord {
    std::size_t transaction = 0;
    Outcome outcome;
    std::vector<Member> joining;
};

struct LedgerWriter::PipelinedBatch {
    std::vector<Transaction> transactions;
    std::vector<RecordResult> results;
    std::vector<QueuedRecord> records;
    /// When the batch ends with a checkpoint: the members whose states it writes.
    std::optional<std::vector<const Member*>> checkpoint;
};

struct LedgerWriter::Pipeline {
    /// Ids of the transactions evaluated whose batch is not yet committed, with their
    /// fingerprints: the reading store does not see them yet.
    std::unordered_map<std::string, Fingerprint> in_flight;
    /// The batch the thread writes, until it is waited for.
    std::optional<PipelinedBatch> writing;
    /// Set when waiting found the batch failed and recorded it again: the batch evaluated since
    /// saw states that are gone.
    bool recorded_again = false;
    /// Outcomes of batches committed, kept with their memory: a queued transaction's outcome is
    /// swapped with one of them rather than copied. At most `outcomes_kept_max`.
    std::vector<Outcome> spare_outcomes;
    static constexpr std::size_t outcomes_kept_max = 4096;
    detail::StoreThread thread;
};

}  // namespace loyalty
