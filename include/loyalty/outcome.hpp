#pragma once
// What one evaluation produced: the ledger deltas of one transaction.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/evaluation_error.hpp"
#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"
#include "loyalty/points.hpp"
#include "loyalty/program_digest.hpp"
#include "loyalty/rule_table.hpp"
#include "loyalty/state_change.hpp"

namespace loyalty {

class EvaluatorState;

/// Something the member should know that moved nothing: a coupon that could not be used, and why.
struct Notice {
    /// N0xx, documented in docs/errors.md.
    std::string code;
    std::string message;
};

/// How one rule went, in an outcome evaluated with a trace.
struct TraceStep {
    /// The rule, cap or redemption.
    std::string rule_id;
    bool fired = false;
    /// Fired: what it gave. Not fired: why not, with the values it saw ("tx.total >= 100.00 is
    /// not met: tx.total is 99.99").
    std::string reason;
};

/// What an evaluation does beyond the deltas.
struct EvaluationOptions {
    EvaluationOptions() = default;
    /// `EvaluationOptions{true}`: with a trace.
    explicit EvaluationOptions(bool with_trace) : trace(with_trace) {}

    /// Fill Outcome::trace. Off, no trace text is built at all.
    bool trace = false;
    /// How the evaluation reads the state of a member other than the buyer: a return that takes
    /// back the points its purchase gave a referrer needs the referrer's lots. Null, or answering
    /// null, such a return is refused (T054). Called from the evaluating thread only, and only
    /// for members the outcome then owns effects of.
    std::function<const Member*(const std::string& member_id)> other_member;
};

/// The result of evaluating one transaction: a plain value, which copies what it holds. The
/// working memory of the evaluation is the EvaluatorState's, not the outcome's; an outcome
/// reused for the next evaluation keeps the memory of its vectors.
struct Outcome {
    std::string transaction_id;
    /// The member whose transaction it is.
    std::string member_id;
    Fingerprint transaction_fingerprint;
    std::string program_name;
    std::string program_version;
    /// The content of the program that evaluated it: a ledger records it with the transaction.
    ProgramDigest program_digest;
    /// The member had this transaction already; there are no deltas and nothing to apply.
    bool already_applied = false;
    std::vector<Delta> deltas;
    /// The parts of the deltas' reasons that vary in number (Reason::first_extra, first_cap_note).
    std::vector<std::int64_t> reason_numbers;
    std::vector<Notice> notices;
    std::vector<StateChange> state_changes;
    /// With EvaluationOptions::trace: every rule this transaction could trigger, in the order
    /// considered, whether it fired, and why or why not.
    std::vector<TraceStep> trace;
    /// The transaction's day on the program's wall clock.
    Date day = *Date::from_ymd(1970, 1, 1);
    /// The members other than the buyer that some of its effects belong to (a referrer), each
    /// once, in the order the evaluation came to them: an effect's owner k > 0 is `other_members[k − 1]`.
    std::vector<std::string> other_members;
    /// The rules of the program that evaluated it, shared with that program and immutable: a
    /// delta names its rule by its place in them (Delta::rule).
    std::shared_ptr<const RuleTable> rules;

    /// The id of the rule that made `delta`: "base", "returns"; empty for a number the outcome's
    /// rules do not have.
    std::string_view rule_id(const Delta& delta) const {
        return rules && delta.rule < rules->ids.size() ? std::string_view(rules->ids[delta.rule]) : std::string_view();
    }
    /// What `delta` moves, from its kind: "points", "coupons", the program's currency code,
    /// "badge:NAME", "benefit:NAME" or "tier:NAME".
    std::string unit(const Delta& delta) const;
    /// The id of the member an effect's owner number names: `member_id` for 0; empty for a
    /// number the outcome lacks.
    const std::string& owner_id(std::uint32_t owner) const;
    /// The owner number of `member`, if the outcome names it.
    std::optional<std::uint32_t> owner_number(std::string_view member) const;
    /// One side of `delta` as a whole account: a member's account is the delta's owner's.
    Account account(const Delta& delta, AccountKind side) const;
    /// The delta's two postings: debit −amount, credit +amount.
    std::vector<Posting> postings(const Delta& delta) const;
    /// The sum of the postings to `of_member`'s points account; ArithmeticError past
    /// ±Points::value_max.
    Points points_change(const std::string& of_member) const;
    /// Every member the outcome belongs to, the buyer first, each once: the members a host applies
    /// it to. Empty for an outcome already applied.
    std::vector<std::string> owners() const;
    /// Every posting of every delta.
    std::vector<Posting> postings() const;
    /// The id of `delta`, one of this outcome's: "<transaction id>/<rule id>[:<part>]@<program
    /// version>", the same every time it is evaluated. The id of a lot it makes and of a coupon
    /// it gives.
    std::string delta_id(const Delta& delta) const;
    /// The same, appended to `text`: with a string a host reuses, nothing is allocated once it
    /// has room.
    void append_delta_id(std::string& text, const Delta& delta) const;
};

/// The member's next state: the effects the outcome's owner field gives this member folded in,
/// and nothing else: applied to a referrer, an outcome folds in the referrer's bonus and none of
/// the buyer's counters or rule uses. The transaction is remembered by every member it belongs
/// to. Applying an outcome the member already has, or one that owns nothing of this member,
/// changes nothing; an outcome whose transaction id the member has with another fingerprint
/// throws TransactionError (T020). Pure: `member` is not modified.
Member apply(const Member& member, const Outcome& outcome);

/// The same as `apply`, updating `member` itself, for a host that keeps its members in memory:
/// nothing is copied. An outcome the member already has changes nothing, and T020 is thrown
/// before anything changes; any other exception means an outcome that `evaluate` did not make
/// for this member, and leaves `member` to be reloaded.
void apply_in_place(Member& member, const Outcome& outcome);
/// The same without exceptions, keeping in `state` the memory of what the member drops (purchase
/// records, coupons and rule uses no window needs, lots spent) for what the next outcomes add:
/// with the state a host evaluates with on its thread, applying allocates nothing in steady
/// state. Returns T020, before anything changes, for an outcome whose transaction id the member
/// has with another fingerprint; T099 for an outcome `evaluate` did not make for this member,
/// which leaves `member` to be reloaded.
[[nodiscard]] std::optional<EvaluationError> apply_in_place(Member& member, const Outcome& outcome,
                                                            EvaluatorState& state) noexcept;

}  // namespace loyalty
