#include "cli/outcome_table.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace loyalty::cli {

void print_outcome(std::ostream& out, const Program& program, const Transaction& transaction, const Outcome& outcome) {
    fmt::print(out, "{}  {}  {} {}{}\n", transaction.id, transaction.at.to_string(), to_string(transaction.kind),
               transaction.member_id, transaction.channel.empty() ? "" : "  (" + transaction.channel + ")");
    if (outcome.already_applied) {
        fmt::print(out, "    already applied: nothing changes\n");
        return;
    }
    if (outcome.deltas.empty()) fmt::print(out, "    no deltas\n");
    std::string explanation;
    for (std::size_t position = 0; position < outcome.deltas.size(); ++position) {
        const Delta& delta = outcome.deltas[position];
        explanation.clear();
        if (auto error = program.append_explanation(explanation, outcome, position)) {
            explanation = "(no explanation: " + error->code + " " + error->message + ")";
        }
        // Signed as the member sees it: what comes to one of its accounts is +, what leaves is −.
        const bool to_member = is_member_account(delta.credit);
        const std::string unit = outcome.unit(delta);
        const auto currency = Currency::find(unit);
        const std::string amount = currency ? Money(delta.amount, *currency).amount_text() : std::to_string(delta.amount);
        fmt::print(out, "    {:>8} {:<7} {:<18} {}\n", (to_member ? "+" : "-") + amount, unit, outcome.rule_id(delta),
                   explanation);
    }
    for (const Notice& notice : outcome.notices) fmt::print(out, "    notice {}: {}\n", notice.code, notice.message);
    for (const TraceStep& step : outcome.trace) {
        fmt::print(out, "    {:<9} {:<18} {}\n", step.fired ? "fired" : "not fired", step.rule_id, step.reason);
    }
}

}  // namespace loyalty::cli
