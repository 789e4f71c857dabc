#include "cli/ledger_summary.hpp"

#include <fmt/format.h>

namespace loyalty::cli {
namespace {

/// Every member's balance is listed up to this many members.
constexpr std::int64_t members_listed_max = 20;

}  // namespace

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
    if (summary.members <= members_listed_max) {
        fmt::print("balances\n");
        for (const Member& member : ledger.members(static_cast<std::size_t>(members_listed_max))) {
            fmt::print("  {:<14}{:<8}{:>10} points\n", member.id, member.tier.empty() ? "-" : member.tier, member.points().value);
        }
    }
}

nlohmann::json ledger_summary_json(const LedgerSummary& summary) {
    return {{"transactions", summary.transactions},
            {"members", summary.members},
            {"points_issued", summary.points_issued},
            {"points_burned", summary.points_burned},
            {"points_expired", summary.points_expired},
            {"points_outstanding", summary.points_outstanding},
            {"coupons_issued", summary.coupons_issued},
            {"coupons_used", summary.coupons_used},
            {"rebates_paid", summary.rebates_paid},
            {"transactions_after_checkpoint", summary.transactions_after_checkpoint}};
}

}  // namespace loyalty::cli
