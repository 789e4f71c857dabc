#pragma once
// What every step of one evaluation reads, and the member's lots as the steps leave them.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compile/compiled_program.hpp"
#include "core/wide_integer.hpp"
#include "eval/evaluation_buffers.hpp"
#include "eval/evaluation_lots.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// Points paying part of a purchase: how many, the minor units they paid, and the soonest expiry
/// among the lots they came from.
struct PointsPayment {
    std::int64_t points = 0;
    std::int64_t value = 0;
    std::optional<Date> soonest_expiry;
};

struct Evaluation {
    const CompiledProgram& program;
    const Member& member;
    const Transaction& transaction;
    /// The transaction's moment and day on the program's wall clock.
    std::int64_t local_seconds;
    Date today;
    Outcome& outcome;
    /// The evaluator state's working memory.
    EvaluationBuffers& buffers;
    /// The member's lots after the deltas so far: expired ones gone, new ones in, spent ones less;
    /// read in place until a step needs them in order.
    EvaluationLots& lots;
    /// The balance below zero after the deltas so far.
    Points below_zero;
    /// Each counter's value before this transaction, by the counter's index; in `buffers`.
    const std::vector<std::int64_t>& counter_values;
    PointsPayment points_payment{};
    /// What the earn rules awarded, once the caps had their say: what a return takes back.
    struct Earned {
        std::int64_t own_points = 0;
        /// The referrer the purchase gave points, if any, and how many.
        const std::string* referrer = nullptr;
        std::int64_t referrer_points = 0;
    } earned{};
    /// The coupons this purchase used, by their place in the transaction's list; in `buffers`.
    std::vector<std::size_t>& coupons_used;
    /// The earliest day a transaction of this member may still come for: the latest day it has
    /// seen, this one included, less the program's allowance for late transactions. What any
    /// such transaction needs is kept; what none can need is forgotten.
    Date horizon = *Date::from_ymd(1970, 1, 1);
    /// What the host asked for; set before any step runs.
    const EvaluationOptions* options = nullptr;
    /// Why the transaction is refused, once a step finds out. The first refusal stands: the steps
    /// after it return at once, and the outcome is discarded.
    std::optional<EvaluationError> refusal;

    /// Refuses the transaction for `code` at `field`. Returns false, for `return refuse(...)`.
    bool refuse(const char* code, std::string field, std::string message);
    bool refused() const { return refusal.has_value(); }
    /// `total + amount` when it lies within ±10^15; past that, a refusal (T030) naming `what`, and 0.
    std::int64_t add(std::int64_t total, std::int64_t amount, const char* what);
    /// A wide result within ±`limit`; otherwise a refusal (T030) naming `what`, and 0.
    std::int64_t narrow(const WideInteger& value, std::int64_t limit, const char* what);

    /// A delta of rule number `rule` (CompiledProgram::rules); `part` tells apart the deltas
    /// one rule makes in one transaction, in its id (Outcome::delta_id), and the caller writes a
    /// part's text.
    Delta delta(DeltaKind kind, std::uint32_t rule, std::int64_t amount, const Reason& reason,
                DeltaPart::Kind part = DeltaPart::Kind::none, std::uint32_t part_number = 0) const;
    /// A reason of `kind` naming the program's item `subject`, with the numbers given.
    static Reason reason(Reason::Kind kind, std::size_t subject = 0, std::array<std::int64_t, 5> numbers = {}) {
        Reason reason;
        reason.kind = kind;
        reason.subject = static_cast<std::uint32_t>(subject);
        reason.numbers = numbers;
        return reason;
    }
    /// Starts the reason's extras at the end of the outcome's reason numbers; add_extra appends
    /// one to the reason last started.
    void start_extras(Reason& reason) const {
        reason.first_extra = static_cast<std::uint32_t>(outcome.reason_numbers.size());
        reason.extra_count = 0;
    }
    void add_extra(Reason& reason, std::int64_t number) const {
        outcome.reason_numbers.push_back(number);
        ++reason.extra_count;
    }
    /// The day a lot was earned, as a reason's extras name it.
    static std::int64_t earned_day(const PointsLot* lot) {
        return lot == nullptr || lot->is_opening_balance() ? Reason::opening_balance : lot->earned_on.days_since_epoch();
    }
    /// Extras of the days the lots of `taken` were earned, from `before`.
    void add_lot_days(Reason& reason, const std::vector<LotChange>& taken, const std::vector<PointsLot>& before) const;
    Delta delta(DeltaKind kind, BuiltInRule rule, std::int64_t amount, const Reason& reason,
                DeltaPart::Kind part = DeltaPart::Kind::none, std::uint32_t part_number = 0) const {
        return delta(kind, static_cast<std::uint32_t>(rule), amount, reason, part, part_number);
    }
    /// When tracing, the sentence of `reason` alone, and the explanation of a delta made.
    std::string sentence(const Reason& reason) const;
    std::string explanation(const Delta& delta) const;
    /// Adds a state change to the outcome, written into the memory of an earlier one of its kind.
    StateChange& change(StateChange::Kind kind, std::string_view id, Date day, std::int64_t amount = 0) const;
    /// Whether `side` of `delta` is the buyer's own points account, spendable or pending.
    static bool is_own_points(const Delta& delta, AccountKind side) {
        return (side == AccountKind::member_points || side == AccountKind::member_pending) && delta.owner == 0;
    }
    /// The owner number of a member other than the buyer, added to the outcome's other members
    /// the first time (the buyer's own id gives 0).
    std::uint32_t other_owner(std::string_view member_id) const;
    /// Whether the member used rule `rule_id` (a level, a rebate) in the period starting `period_start`.
    bool used(std::string_view rule_id, Date period_start) const {
        const auto [first, last] = member.rule_uses.equal_range(rule_id);
        return std::any_of(first, last, [&](const RuleUse& use) { return use.period_start == period_start; });
    }
    /// The spendable points left after the deltas so far.
    std::int64_t points_left() const;
    /// Adds a trace step; `reason` is called only when tracing, so that no text is built otherwise.
    template <typename Reason>
    void trace(const std::string& rule_id, bool fired, Reason&& reason) {
        if (options->trace) outcome.trace.push_back({rule_id, fired, reason()});
    }
    /// Puts the points `delta` credits to the member into `below_zero` and `lots`.
    void credit_member(const Delta& delta);
};

}  // namespace loyalty::detail
