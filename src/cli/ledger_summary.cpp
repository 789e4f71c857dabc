#include "cli/ledger_summary.hpp"

#include <fmt/format.h>

namespace loyalty::cli {
namespace {

/// Every member's balance is listed up to this many members.
constexpr std::int64_t members_listed_max = 20;

}  // namespace

void print_ledger_programs(const std::vector<LedgerProgram>& programs) {
    if (programs.empty()) return;
    fmt::print("programs\n");
    for (const LedgerProgram& program : programs) {
        fmt::print("  {}\n    {} transactions, {} to {}\n", describe(program.program), program.transactions,
                   program.first_transaction, program.last_transaction);
    }
}

void print_ledger_summary(const SqliteLedger& ledger, const LedgerSummary& summary) {
    fmt::print("ledger now\n");
    fmt::print("  {:<28}{:>12}\n", "transactions", summary.transactions);
    fmt::print("  {:<28}{:>12}\n", "members", summary.members);
    fmt::print("  {:<28}{:>12}\n", "points issued", summary.points_issued);
    fmt::print("  {:<28}{:>12}\n", "points burned", summary.points_burned);
    fmt::print("  {:<28}{:>12}\n", "points expired", summary.points_expired);
    fmt::print("  {:<28}{:>12}\n", "coupons issued / used",
               std::to_string(summary.coupons_issued) + " / " + std::to_string(summary.coupons_used));
    std::string rebates;
    for (const std::string& amount : summary.rebates_paid) rebates += (rebates.empty() ? "" : ", ") + amount;
    fmt::print("  {:<28}{:>12}\n", "rebates paid", rebates.empty() ? "none" : rebates);
    fmt::print("  {:<28}{:>12}\n", "outstanding points", summary.points_outstanding);
    // Kept elsewhere, it lets `ledger verify --head` find a tail this file lost.
    fmt::print("  {:<28}{}\n", "chain head", summary.chain_head.empty() ? "(no transactions)" : summary.chain_head);
    print_ledger_programs(summary.programs);
    if (summary.members <= members_listed_max) {
        fmt::print("balances\n");
        for (const Member& member : ledger.members(static_cast<std::size_t>(members_listed_max))) {
            fmt::print("  {:<14}{:<8}{:>10} points\n", member.id, member.tier.empty() ? "-" : member.tier, member.points().value);
        }
    }
}

nlohmann::json ledger_summary_json(const LedgerSummary& summary) {
    nlohmann::json programs = nlohmann::json::array();
    for (const LedgerProgram& program : summary.programs) {
        programs.push_back({{"digest", program.program.digest ? nlohmann::json(program.program.digest->to_hex()) : nlohmann::json()},
                            {"name", program.program.name},
                            {"version", program.program.version},
                            {"transactions", program.transactions},
                            {"first_transaction", program.first_transaction},
                            {"last_transaction", program.last_transaction}});
    }
    return {{"transactions", summary.transactions},
            {"members", summary.members},
            {"points_issued", summary.points_issued},
            {"points_burned", summary.points_burned},
            {"points_expired", summary.points_expired},
            {"points_outstanding", summary.points_outstanding},
            {"coupons_issued", summary.coupons_issued},
            {"coupons_used", summary.coupons_used},
            {"rebates_paid", summary.rebates_paid},
            {"transactions_after_checkpoint", summary.transactions_after_checkpoint},
            {"programs", programs},
            {"chain_head", summary.chain_head}};
}

}  // namespace loyalty::cli
