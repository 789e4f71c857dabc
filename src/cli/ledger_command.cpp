#include <iostream>
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/ledger_summary.hpp"
#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::cli {
namespace {

struct LedgerOptions {
    std::string file;
    std::string member;
    bool json = false;
};

nlohmann::ordered_json posting_json(const LedgerPosting& posting) {
    return {{"sequence", posting.sequence}, {"transaction", posting.transaction_id}, {"at", posting.at},
            {"delta", posting.delta_id},    {"kind", posting.kind},                  {"rule", posting.rule_id},
            {"account", posting.account},   {"unit", posting.unit},                  {"amount", posting.amount},
            {"explanation", posting.explanation}};
}

/// After a replay that was stopped, stored states are those of its last checkpoint.
void print_states_behind(std::int64_t transactions_after_checkpoint) {
    if (transactions_after_checkpoint == 0) return;
    fmt::print("Members' states (their lots, coupons and tiers) are as of the ledger's last checkpoint: the {} "
               "transactions recorded after it are folded into them when a replay resumes. Balances are the "
               "postings', always current.\n",
               transactions_after_checkpoint);
}

int verify(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    const auto problems = ledger.verify();
    for (const std::string& problem : problems) std::cout << "problem: " << problem << "\n";
    const LedgerSummary summary = ledger.summary();
    if (problems.empty()) {
        fmt::print("{}: sound. {} transactions balance, and the balances of {} members are the sum of their "
                   "postings.\n",
                   options.file, summary.transactions, summary.members);
        print_states_behind(summary.transactions_after_checkpoint);
        return 0;
    }
    fmt::print("{}: {} problems\n", options.file, problems.size());
    return 1;
}

int balance(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    const auto member = ledger.member(options.member);
    if (!member) {
        std::cerr << "error: member '" << options.member << "' is not in " << options.file << "\n";
        return 1;
    }
    fmt::print("member {}\n", member->id);
    fmt::print("  {:<14}{}\n", "tier", member->tier.empty() ? "(none)" : member->tier);
    if (member->tier_kept_until) fmt::print("  {:<14}{}\n", "tier kept to", member->tier_kept_until->to_string());
    // Balances from the postings, which are always current; the stored state, with its lots and
    // coupons, is as of the last checkpoint. Store credit is in the currency the postings name.
    std::int64_t spendable = 0, pending = 0, owed = 0;
    std::map<std::string, std::int64_t> credit;
    const auto is = [&](const LedgerPosting& posting, AccountKind kind) { return posting.account == Account{kind, member->id}.to_string(); };
    for (const LedgerPosting& posting : ledger.history(member->id)) {
        if (is(posting, AccountKind::member_points)) spendable += posting.amount;
        if (is(posting, AccountKind::member_pending)) pending += posting.amount;
        if (is(posting, AccountKind::member_owed)) owed -= posting.amount;
        if (is(posting, AccountKind::member_credit)) credit[posting.unit] += posting.amount;
    }
    fmt::print("  {:<14}{} points\n", "spendable", spendable);
    if (pending != 0) fmt::print("  {:<14}{} points\n", "pending", pending);
    if (owed != 0) fmt::print("  {:<14}{} points\n", "owed", owed);
    for (const auto& [unit, minor_units] : credit) {
        const auto currency = Currency::find(unit);
        fmt::print("  {:<14}{}\n", "store credit", currency ? Money(minor_units, *currency).to_string() : std::to_string(minor_units));
    }
    for (const PointsLot& lot : member->lots) {
        fmt::print("    lot {:<32}{:>8} points, earned {}, {}\n", lot.id, lot.points.value,
                   lot.id == "opening" ? "before this ledger" : lot.earned_on.to_string(),
                   (lot.expires_on ? "expire on " + lot.expires_on->to_string() : "never expire") +
                       (lot.pending_until ? ", pending until " + lot.pending_until->to_string() : ""));
    }
    for (const Coupon* coupon : member->coupons_by_id()) {
        fmt::print("    coupon {:<29} {}, valid {} through {}{}\n", coupon->id, coupon->description,
                   coupon->valid_from.to_string(), coupon->valid_until.to_string(),
                   coupon->used_by.empty() ? "" : ", used by " + coupon->used_by);
    }
    for (const auto& [name, value] : member->attributes) fmt::print("  {:<14}{}\n", name, value);
    if (!member->recent_transactions.empty()) {
        fmt::print("  {:<14}{}\n", "latest", member->recent_transactions.back().id);
    }
    print_states_behind(ledger.transactions_after_checkpoint());
    return 0;
}

int history(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    const auto postings = ledger.history(options.member);
    if (postings.empty() && !ledger.member(options.member)) {
        std::cerr << "error: member '" << options.member << "' is not in " << options.file << "\n";
        return 1;
    }
    std::int64_t balance = 0;
    for (const LedgerPosting& posting : postings) {
        if (options.json) {
            std::cout << posting_json(posting).dump() << "\n";
            continue;
        }
        // The running balance is the spendable one: pending and owed points are other accounts.
        const std::string spendable = "member:" + options.member + ":points";
        if (posting.account == spendable) balance += posting.amount;
        const auto currency = Currency::find(posting.unit);
        const std::string amount = currency ? Money(posting.amount, *currency).amount_text() : std::to_string(posting.amount);
        fmt::print("{:<25} {:<14} {:>8} {:<6} = {:>8}  {}\n", posting.at.empty() ? "(opening)" : posting.at,
                   posting.transaction_id, (posting.amount >= 0 ? "+" : "") + amount, posting.unit, balance,
                   posting.explanation);
    }
    return 0;
}

int summary(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    const LedgerSummary figures = ledger.summary();
    if (options.json) {
        std::cout << ledger_summary_json(figures).dump() << "\n";
        return 0;
    }
    print_ledger_summary(ledger, figures);
    print_states_behind(figures.transactions_after_checkpoint);
    return 0;
}

int export_postings(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    for (const LedgerPosting& posting : ledger.postings()) std::cout << posting_json(posting).dump() << "\n";
    return 0;
}

/// `json_help` says what --json prints; none: the command has no --json.
void add(CLI::App& parent, const char* name, const char* description, bool with_member, const char* json_help,
         int (*run)(const LedgerOptions&), int& exit_code) {
    auto* command = parent.add_subcommand(name, description);
    auto options = std::make_shared<LedgerOptions>();
    command->add_option("ledger", options->file, "the SQLite ledger file")->required()->check(CLI::ExistingFile);
    if (with_member) command->add_option("member", options->member, "member id")->required();
    if (json_help) command->add_flag("--json", options->json, json_help);
    on_run(command, exit_code, [options, run] { return run(*options); });
}

}  // namespace

void add_ledger_command(CLI::App& app, int& exit_code) {
    auto* ledger = app.add_subcommand("ledger", "Answer questions about a ledger file");
    ledger->require_subcommand(1);
    add(*ledger, "verify", "Check that every transaction balances and every balance is the sum of its postings",
        false, nullptr, verify, exit_code);
    add(*ledger, "balance", "A member's balance, tier and attributes", true, nullptr, balance, exit_code);
    add(*ledger, "history", "Every posting to a member's accounts, with its explanation", true, "one JSON object per posting", history,
        exit_code);
    add(*ledger, "summary", "The ledger's figures: transactions, members, points issued, burned, expired and outstanding",
        false, "the figures as one JSON object", summary, exit_code);
    add(*ledger, "export", "Every posting of the ledger, in order, as JSON Lines", false, nullptr, export_postings,
        exit_code);
}

}  // namespace loyalty::cli
