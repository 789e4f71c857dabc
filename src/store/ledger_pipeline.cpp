// LedgerWriter's pipeline: a batch evaluated on the host's thread while the one before is written
// on the store's.
#include "store/ledger_pipeline.hpp"

namespace loyalty {
namespace {

/// Another writer committed before the batch began: it was evaluated against stale states.
struct Overtaken {};

}  // namespace

std::vector<DurableBatch> LedgerWriter::submit_batch(std::vector<Transaction> transactions) {
    std::vector<DurableBatch> durable;
    if (options_.reading_store == nullptr || options_.stop_at_first_refusal || !caught_up_) {
        // The first batch, or the first after a failure, catches up and is recorded at once.
        durable = drain();
        std::vector<RecordResult> results = record_batch(transactions);
        durable.push_back({std::move(transactions), std::move(results)});
        return durable;
    }
    if (!pipeline_) pipeline_ = std::make_unique<Pipeline>();
    pipeline_->recorded_again = false;
    PipelinedBatch next;
    next.transactions = std::move(transactions);
    next.results = evaluate_for_pipeline(next);
    durable = wait_for_pipeline();
    if (pipeline_->recorded_again) {
        pipeline_->recorded_again = false;
        // The batch before was recorded again, from the ledger: this one was evaluated on states
        // that are gone.
        pipeline_->in_flight.clear();
        std::vector<RecordResult> results = record_batch(next.transactions);
        durable.push_back({std::move(next.transactions), std::move(results)});
        return durable;
    }
    if (checkpoint_is_due()) next.checkpoint = changed_in_id_order();
    const bool checkpoints = next.checkpoint.has_value();
    PipelinedBatch& writing = pipeline_->writing.emplace(std::move(next));
    pipeline_->thread.start([this, &writing] {
        // A line that fails fails the batch, which waiting then records again line by line.
        if (store_.begin_batch(LineFailure::fails_the_batch)) {
            store_.rollback_batch();
            throw Overtaken{};
        }
        try {
            for (const QueuedRecord& record : writing.records) {
                std::vector<const Member*> joining;
                for (const Member& member : record.joining) joining.push_back(&member);
                store_.record(program_, writing.transactions[record.transaction], record.outcome, joining);
            }
            if (writing.checkpoint) store_.record_checkpoint(*writing.checkpoint);
            store_.commit_batch();
        } catch (...) {
            store_.rollback_batch();
            throw;
        }
    });
    // A checkpoint writes the states this thread would change next: it is waited for.
    if (checkpoints) {
        for (DurableBatch& batch : wait_for_pipeline()) durable.push_back(std::move(batch));
    }
    return durable;
}

std::vector<DurableBatch> LedgerWriter::drain() {
    if (!pipeline_) return {};
    return wait_for_pipeline();
}

std::vector<RecordResult> LedgerWriter::evaluate_for_pipeline(PipelinedBatch& batch) {
    std::vector<RecordResult> results;
    results.reserve(batch.transactions.size());
    reads_ = options_.reading_store;
    try {
        for (std::size_t i = 0; i < batch.transactions.size(); ++i) {
            const std::size_t queued = batch.records.size();
            results.push_back(record_one(batch.transactions[i], [&](const Transaction& transaction,
                                                                   const std::vector<const Member*>& joining) {
                QueuedRecord record{i, {}, {}};
                for (const Member* member : joining) record.joining.push_back(*member);
                batch.records.push_back(std::move(record));
                pipeline_->in_flight[transaction.id] = outcome_.transaction_fingerprint;
            }));
            // Applied by now, the outcome goes with its transaction, and the writer evaluates the
            // next into the memory of one committed before.
            if (batch.records.size() > queued) {
                std::vector<Outcome>& spare = pipeline_->spare_outcomes;
                if (!spare.empty()) {
                    batch.records.back().outcome = std::move(spare.back());
                    spare.pop_back();
                }
                std::swap(batch.records.back().outcome, outcome_);
            }
        }
    } catch (...) {
        reads_ = &store_;
        // What this batch applied to members was never recorded.
        caught_up_ = false;
        throw;
    }
    reads_ = &store_;
    return results;
}

std::vector<DurableBatch> LedgerWriter::wait_for_pipeline() {
    if (!pipeline_->writing) return {};
    const std::exception_ptr failure = pipeline_->thread.wait();
    PipelinedBatch done = std::move(*pipeline_->writing);
    pipeline_->writing.reset();
    for (QueuedRecord& record : done.records) {
        pipeline_->in_flight.erase(done.transactions[record.transaction].id);
        if (pipeline_->spare_outcomes.size() < Pipeline::outcomes_kept_max) {
            pipeline_->spare_outcomes.push_back(std::move(record.outcome));
        }
    }
    if (!failure) {
        if (done.checkpoint) checkpoint_recorded();
        std::vector<DurableBatch> durable;
        durable.push_back({std::move(done.transactions), std::move(done.results)});
        return durable;
    }
    // Nothing of the batch was committed, and this writer's members hold it, and maybe the next:
    // they are read again from the ledger.
    caught_up_ = false;
    pipeline_->in_flight.clear();
    try {
        std::rethrow_exception(failure);
    } catch (const Overtaken&) {
        another_writer_seen_ = true;
    } catch (const LedgerError& error) {
        if (detail::is_fault_of_the_store(error.code())) throw;
        // A line the store could not record: recorded again, it is refused in its result.
    }
    std::vector<RecordResult> results = record_batch(done.transactions);
    pipeline_->recorded_again = true;
    std::vector<DurableBatch> durable;
    durable.push_back({std::move(done.transactions), std::move(results)});
    return durable;
}

}  // namespace loyalty
