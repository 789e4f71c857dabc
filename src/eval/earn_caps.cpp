#include "eval/earn_caps.hpp"

#include <algorithm>
#include <functional>

#include "core/wide_integer.hpp"
#include "eval/wording.hpp"

namespace loyalty::detail {
namespace {

std::string_view period_phrase(const EarnCap& cap) {
    if (!cap.period) return "per transaction";
    switch (cap.period->period) {
        case CounterPeriod::calendar_month: return "per calendar month";
        case CounterPeriod::calendar_year: return "per calendar year";
        default: return "per day";
    }
}

/// Trims the deltas `capped` accepts, the latest first, by `over` points in all. Earn deltas are
/// made with more than 0 points: one left with 0 is one a cap emptied.
void trim(std::vector<Delta>& deltas, std::size_t first, std::int64_t over,
          const std::function<bool(const Delta&)>& capped) {
    for (std::size_t i = deltas.size(); i-- > first && over > 0;) {
        if (!capped(deltas[i])) continue;
        const std::int64_t taken = std::min(deltas[i].amount, over);
        deltas[i].amount -= taken;
        over -= taken;
    }
}

bool emptied(const Delta& delta) { return delta.kind == DeltaKind::earn && delta.amount == 0; }

}  // namespace

void apply_caps(Evaluation& evaluation, std::size_t first_earn) {
    auto& deltas = evaluation.outcome.deltas;
    const std::function<bool(const Delta&)> capped = [&](const Delta& delta) {
        return delta.kind == DeltaKind::earn && evaluation.is_own_points(delta.credit) && delta.amount > 0;
    };
    const auto earned = [&] {
        WideInteger total = 0;
        for (std::size_t i = first_earn; i < deltas.size(); ++i) {
            if (capped(deltas[i])) total += deltas[i].amount;
        }
        return total;
    };
    for (const EarnCap& cap : evaluation.program.caps) {
        const std::int64_t used = cap.period ? cap.period->value_on(evaluation.member.counters, evaluation.today) : 0;
        const std::int64_t room = std::max<std::int64_t>(cap.points_max - used, 0);
        const WideInteger total = earned();
        if (total <= room) {
            evaluation.trace(cap.id, false, [&] {
                return points_phrase(static_cast<std::int64_t>(total)) + " earned, within " + points_phrase(room) + " left of the cap";
            });
            continue;
        }
        const auto at_most = [&] { return points_phrase(cap.points_max) + " " + std::string(period_phrase(cap)); };
        const auto already = [&] { return cap.period ? ", " + points_phrase(used) + " already earned" : ""; };
        if (cap.reject) {
            evaluation.outcome.notices.push_back(
                {"N007", "no points earned: the " + points_phrase(static_cast<std::int64_t>(total)) +
                             " this transaction would earn pass " + cap.description + " (at most " + at_most() +
                             already() + ")"});
            trim(deltas, first_earn, static_cast<std::int64_t>(total), capped);
            evaluation.trace(cap.id, true, [&] { return evaluation.outcome.notices.back().message; });
            continue;
        }
        const auto over = static_cast<std::int64_t>(total - room);
        evaluation.trace(cap.id, true, [&] { return points_phrase(over) + " over " + cap.description + " not awarded"; });
        trim(deltas, first_earn, over, capped);
        for (std::size_t i = deltas.size(); i-- > first_earn;) {
            if (!capped(deltas[i])) continue;
            std::string& explanation = deltas[i].explanation;
            explanation += " Limited by ";
            explanation += cap.description;
            explanation += " to ";
            append_points_phrase(explanation, cap.points_max);
            explanation += ' ';
            explanation += period_phrase(cap);
            if (cap.period) {
                explanation += " (";
                append_points_phrase(explanation, used);
                explanation += " already earned)";
            }
            explanation += ": ";
            append_points_phrase(explanation, over);
            explanation += " over the cap not awarded.";
            break;
        }
        if (room == 0) {
            evaluation.outcome.notices.push_back(
                {"N008", "no points earned: " + cap.description + " (at most " + at_most() + ") is reached" + already()});
        }
    }
    // A once-limited rule whose points a cap took entirely stays unused.
    const auto earn_deltas = deltas.begin() + static_cast<std::ptrdiff_t>(first_earn);
    for (auto delta = earn_deltas; delta != deltas.end(); ++delta) {
        if (!emptied(*delta)) continue;
        const std::string& rule = delta->rule_id;
        const bool still_earns = std::any_of(earn_deltas, deltas.end(),
                                             [&](const Delta& d) { return d.rule_id == rule && d.amount > 0; });
        if (still_earns) continue;
        auto& changes = evaluation.outcome.state_changes;
        changes.erase(std::remove_if(changes.begin(), changes.end(),
                                     [&](const StateChange& c) { return c.kind == StateChange::Kind::use_rule && c.id == rule; }),
                      changes.end());
    }
    evaluation.buffers.drop_deltas_if(deltas, first_earn, emptied);
    const auto awarded = static_cast<std::int64_t>(earned());
    for (const EarnCap& cap : evaluation.program.caps) {
        if (cap.period && awarded > 0) {
            evaluation.change(StateChange::Kind::count, cap.id, cap.period->bucket_of(evaluation.today), awarded);
        }
    }
}

}  // namespace loyalty::detail
