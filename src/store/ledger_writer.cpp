#include "loyalty/ledger_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/ledger_pipeline.hpp"

namespace loyalty {

std::string describe(const RecordedProgram& program) {
    if (!program.digest) return "program version " + program.version + " (recorded before ledgers kept program digests)";
    return "'" + program.name + "' version " + program.version + " (" + program.digest->to_hex() + ")";
}

bool is_ledger_id(std::string_view transaction_id) { return transaction_id.rfind("opening:", 0) == 0; }

bool detail::is_fault_of_the_store(const std::string& code) {
    return code == "L003" || code == "L004" || code == "L005" || code == "L006";
}

namespace {

RecordResult refused(std::string code, std::string message) {
    RecordResult result;
    result.status = RecordResult::Status::refused;
    result.code = std::move(code);
    result.message = std::move(message);
    return result;
}

RecordResult already_recorded() {
    RecordResult result;
    result.status = RecordResult::Status::already_recorded;
    return result;
}

}  // namespace

LedgerWriter::LedgerWriter(LedgerStore& store, const Program& program, LedgerWriterOptions options)
    : store_(store), program_(program), options_(std::move(options)), reads_(&store_) {}

// A batch handed to the store's thread is committed, or rolled back, before the writer goes.
LedgerWriter::~LedgerWriter() {
    if (pipeline_ && pipeline_->writing) pipeline_->thread.wait();
}

template <typename Work>
void LedgerWriter::in_a_batch(Work work) {
    // Another writer committed meanwhile: what this one holds of members may be stale.
    const bool another_writer_wrote = store_.begin_batch(LineFailure::leaves_the_batch) || another_writer_seen_;
    try {
        if (!caught_up_ || another_writer_wrote) catch_up(another_writer_wrote);
        another_writer_seen_ = false;
        work();
        store_.commit_batch();
    } catch (...) {
        store_.rollback_batch();
        // The batch is gone, and with it whatever this writer applied of it: start from the store.
        caught_up_ = false;
        throw;
    }
}

std::vector<RecordResult> LedgerWriter::record_batch(const std::vector<Transaction>& transactions) {
    std::vector<RecordResult> results;
    results.reserve(transactions.size());
    in_a_batch([&] {
        const Recorder into_the_store = [this](const Transaction& transaction, const std::vector<const Member*>& joining) {
            store_.record(program_, transaction, outcome_, joining);
        };
        for (const Transaction& transaction : transactions) {
            results.push_back(record_one(transaction, into_the_store));
            if (options_.stop_at_first_refusal && results.back().status == RecordResult::Status::refused) break;
        }
        if (checkpoint_is_due()) checkpoint();
    });
    return results;
}

void LedgerWriter::finish() {
    drain();
    in_a_batch([&] { checkpoint(); });
}

RecordResult LedgerWriter::record_one(const Transaction& transaction, const Recorder& record) {
    if (is_ledger_id(transaction.id)) {
        return refused("T014", "ids beginning 'opening:' are the ledger's own, for the opening balances it records");
    }
    // The ledger first: a member's state moves on, and a transaction recorded long ago (by this
    // writer before it was stopped, or by another running ahead) must be recognised by its id,
    // not judged again against today's state.
    switch (recorded_state(transaction)) {
        case RecordedState::different: return refused("T020", "the ledger has this id with different contents");
        case RecordedState::same: return already_recorded();
        case RecordedState::absent: break;
    }
    // A return needs the member who bought; anyone else may join on their first transaction.
    Member* member = find_member(transaction.member_id, transaction.kind != TransactionKind::product_return);
    if (member == nullptr) return refused("T012", "member '" + transaction.member_id + "' is unknown to the ledger");
    if (const auto error = program_.evaluate(*member, transaction, state_, outcome_, options_with_members())) {
        return refused(error->code, (error->field.empty() ? "" : error->field + ": ") + error->message);
    }
    if (outcome_.already_applied) return already_recorded();
    // Members the outcome belongs to that the ledger has not seen join it with this transaction.
    const std::vector<std::string> owners = outcome_.owners();
    std::vector<const Member*> joining;
    for (const std::string& owner : owners) {
        Member* owned = find_member(owner, true);
        if (joining_.count(owner) != 0) joining.push_back(owned);
    }
    try {
        record(transaction, joining);
    } catch (const LedgerError& error) {
        if (detail::is_fault_of_the_store(error.code())) throw;
        return refused(error.code(), error.what());
    }
    for (const Member* joined : joining) joining_.erase(joined->id);
    ++recorded_since_checkpoint_;
    apply_outcome(owners);
    RecordResult result;
    if (options_.keep_outcomes) result.outcome = outcome_;
    return result;
}

/// What the ledger holds of the id, and of the batches a pipeline has not committed yet.
RecordedState LedgerWriter::recorded_state(const Transaction& transaction) const {
    if (pipeline_) {
        if (const auto queued = pipeline_->in_flight.find(transaction.id); queued != pipeline_->in_flight.end()) {
            return fingerprint_matches(queued->second, transaction) ? RecordedState::same : RecordedState::different;
        }
    }
    return reads_->recorded_state(transaction);
}

/// Evaluation reads the other members it needs (a referrer whose points a return takes back) as
/// the ledger has them.
EvaluationOptions LedgerWriter::options_with_members() {
    EvaluationOptions options;
    options.other_member = [this](const std::string& id) -> const Member* { return find_member(id, false); };
    return options;
}

/// Folds `outcome_` into the state held here of each of its `owners`, each getting only its own
/// effects; the store has them at the next checkpoint.
void LedgerWriter::apply_outcome(const std::vector<std::string>& owners) {
    for (const std::string& owner : owners) {
        Member* member = find_member(owner, true);
        // The outcome was evaluated against this very state: it always applies.
        if (auto error = apply_in_place(*member, outcome_, state_)) {
            throw std::logic_error("loyalty: an outcome the writer evaluated does not apply: " + error->message);
        }
        changed_.insert(member);
    }
}

/// Brings the members' states held here to the end of the ledger: the stored states, and the
/// transactions recorded after the last checkpoint evaluated again in order, under the program
/// that recorded them. Refusals and resends were never recorded, so every one of them must
/// evaluate again as it did.
void LedgerWriter::catch_up(bool another_writer_wrote) {
    members_.clear();
    joining_.clear();
    changed_.clear();
    recorded_since_checkpoint_ = 0;
    store_.for_each_transaction_after_checkpoint([&](const Transaction& transaction, const RecordedProgram& recorded) {
        const auto cannot = [&](const std::string& why) {
            return LedgerError("L007", "transaction '" + transaction.id + "', recorded after the ledger's last "
                               "checkpoint, " + why + ": replay with the program that recorded it");
        };
        // By content: a rule edited under the same version is another program. A ledger upgraded
        // from before digests knows its programs by version alone.
        if (recorded.digest ? *recorded.digest != program_.digest() : recorded.version != program_.version()) {
            throw cannot("was recorded by " + describe(recorded) + ", not by this one, '" + program_.name() +
                         "' version " + program_.version() + " (" + program_.digest().to_hex() + ")");
        }
        Member* member = find_member(transaction.member_id, false);
        if (member == nullptr) throw cannot("names a member the ledger does not have");
        const auto error = program_.evaluate(*member, transaction, state_, outcome_, options_with_members());
        if (error || outcome_.already_applied) {
            throw cannot("does not evaluate again as it did" + (error ? " (" + error->message + ")" : std::string()));
        }
        apply_outcome(outcome_.owners());
        ++recorded_since_checkpoint_;
    });
    caught_up_ = true;
    // While another writer writes too, each commits its states: neither then has to evaluate the
    // other's batches again.
    checkpoint_due_ = another_writer_wrote || recorded_since_checkpoint_ > 0;
}

/// Inside a batch: the states of every member changed since the last checkpoint.
void LedgerWriter::checkpoint() {
    store_.record_checkpoint(changed_in_id_order());
    checkpoint_recorded();
}

bool LedgerWriter::checkpoint_is_due() const {
    return checkpoint_due_ || recorded_since_checkpoint_ >= options_.checkpoint_every;
}

std::vector<const Member*> LedgerWriter::changed_in_id_order() const {
    std::vector<const Member*> changed(changed_.begin(), changed_.end());
    std::sort(changed.begin(), changed.end(), [](const Member* a, const Member* b) { return a->id < b->id; });
    return changed;
}

void LedgerWriter::checkpoint_recorded() {
    changed_.clear();
    recorded_since_checkpoint_ = 0;
    checkpoint_due_ = false;
}

/// The member as the ledger has it. One new to the ledger may join it, when `may_join`, with the
/// state `joining_state` gives it, if any: it is recorded with its first transaction that is, so
/// that a member whose every transaction is refused is not recorded at all.
Member* LedgerWriter::find_member(const std::string& id, bool may_join) {
    if (const auto cached = members_.find(id); cached != members_.end()) {
        return may_join || joining_.count(id) == 0 ? &cached->second : nullptr;
    }
    if (auto stored = reads_->member(id)) return &members_.emplace(id, std::move(*stored)).first->second;
    if (!may_join) return nullptr;
    Member member;
    member.id = id;
    if (options_.joining_state) {
        if (auto seed = options_.joining_state(id)) member = std::move(*seed);
    }
    joining_.insert(id);
    return &members_.emplace(id, std::move(member)).first->second;
}

}  // namespace loyalty
