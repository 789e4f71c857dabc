#include "eval/earn_caps.hpp"

#include <algorithm>
#include <cstdint>

#include "core/wide_integer.hpp"
#include "explain/wording.hpp"

namespace loyalty::detail {
namespace {

/// The buyer's own points in the plan are what caps limit; a referrer's are not the buyer's.
bool capped(const PlannedEarn& planned) { return planned.what == PlannedEarn::What::points && planned.points > 0; }

WideInteger capped_total(const std::vector<PlannedEarn>& plan) {
    WideInteger total = 0;
    for (const PlannedEarn& planned : plan) {
        if (capped(planned)) total += planned.points;
    }
    return total;
}

/// Trims the capped entries, the latest first, by `over` points in all.
void trim(std::vector<PlannedEarn>& plan, std::int64_t over) {
    for (std::size_t i = plan.size(); i-- > 0 && over > 0;) {
        if (!capped(plan[i])) continue;
        const std::int64_t taken = std::min(plan[i].points, over);
        plan[i].points -= taken;
        over -= taken;
    }
}

}  // namespace

std::int64_t apply_caps(Evaluation& evaluation) {
    std::vector<PlannedEarn>& plan = evaluation.buffers.planned_earns;
    for (std::size_t c = 0; c < evaluation.program.caps.size(); ++c) {
        const EarnCap& cap = evaluation.program.caps[c];
        const std::optional<std::int64_t> counted =
            cap.period ? cap.period->value_on(evaluation.member.counters, evaluation.today) : std::int64_t{0};
        if (!counted) {
            evaluation.refuse("T030", "", "the points counted toward " + cap.id + " exceed the limit of " +
                                              std::to_string(Points::value_max));
            return 0;
        }
        const std::int64_t used = *counted;
        const std::int64_t room = std::max<std::int64_t>(cap.points_max - used, 0);
        // A plan of many rules may pass 10^15 before a cap trims it: only int64 bounds it here.
        const std::int64_t total = evaluation.narrow(capped_total(plan), INT64_MAX, "points earned");
        if (evaluation.refused()) return 0;
        if (total <= room) {
            evaluation.trace(cap.id, false, [&] {
                return points_phrase(total) + " earned, within " + points_phrase(room) + " left of the cap";
            });
            continue;
        }
        const auto at_most = [&] { return points_phrase(cap.points_max) + " " + std::string(cap_period_phrase(cap)); };
        const auto already = [&] { return cap.period ? ", " + points_phrase(used) + " already earned" : ""; };
        if (cap.reject) {
            evaluation.outcome.notices.push_back(
                {"N007", "no points earned: the " + points_phrase(total) +
                             " this transaction would earn pass " + cap.description + " (at most " + at_most() +
                             already() + ")"});
            trim(plan, total);
            evaluation.trace(cap.id, true, [&] { return evaluation.outcome.notices.back().message; });
            continue;
        }
        const std::int64_t over = total - room;
        evaluation.trace(cap.id, true, [&] { return points_phrase(over) + " over " + cap.description + " not awarded"; });
        trim(plan, over);
        // The latest entry the cap left points in says what the cap did.
        for (std::size_t i = plan.size(); i-- > 0;) {
            if (!capped(plan[i])) continue;
            evaluation.buffers.cap_notes.push_back({i, c, used, over});
            break;
        }
        if (room == 0) {
            evaluation.outcome.notices.push_back(
                {"N008", "no points earned: " + cap.description + " (at most " + at_most() + ") is reached" + already()});
        }
    }
    return evaluation.narrow(capped_total(plan), INT64_MAX, "points earned");
}

void count_toward_caps(Evaluation& evaluation, std::int64_t awarded) {
    if (awarded <= 0) return;
    for (const EarnCap& cap : evaluation.program.caps) {
        if (cap.period) evaluation.change(StateChange::Kind::count, cap.id, cap.period->bucket_of(evaluation.today), awarded);
    }
}

}  // namespace loyalty::detail
