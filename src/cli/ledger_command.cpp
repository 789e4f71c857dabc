#include <iostream>
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/ledger_summary.hpp"
#include "loyalty/json.hpp"
#include "loyalty/program_digest.hpp"
#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::cli {
namespace {

struct LedgerOptions {
    std::string file;
    std::string member;
    bool json = false;
    bool deep = false;
    std::string head;
};

nlohmann::ordered_json posting_json(const LedgerPosting& posting) {
    return {{"transaction_sequence", posting.transaction_sequence}, {"posting", posting.posting},
            {"transaction", posting.transaction_id}, {"at", posting.at},
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
    VerifyOptions audit;
    audit.deep = options.deep;
    // Links are written in lowercase; a head copied in capitals is the same head.
    if (const auto head = ProgramDigest::from_hex(options.head)) audit.head = head->to_hex();
    const LedgerVerification verification = ledger.verify(audit);
    for (const LedgerProblem& problem : verification.problems) {
        std::cout << "error[" << problem.code << "]: " << problem.row << ": " << problem.message << "\n";
    }
    if (verification.problems_not_listed > 0) {
        fmt::print("{} more problems not listed\n", verification.problems_not_listed);
    }
    if (!verification.sound()) {
        fmt::print("{}: {} problems\n", options.file,
                   static_cast<std::int64_t>(verification.problems.size()) + verification.problems_not_listed);
        return 1;
    }
    const LedgerSummary summary = ledger.summary();
    fmt::print("{}: sound. {} transactions balance, are as their payloads say and are chained in order; the states of "
               "{} members agree with their postings.\n",
               options.file, summary.transactions, summary.members);
    if (options.deep) {
        fmt::print("Evaluated again under the programs that recorded them, all {} transactions give the postings "
                   "recorded, and every stored state is the one they give.\n",
                   verification.transactions_evaluated);
    }
    if (verification.transactions_after_head) {
        fmt::print("The head {} is in the chain{}.\n", audit.head,
                   *verification.transactions_after_head == 0
                       ? ", as its last link"
                       : fmt::format(", and {} transactions were recorded after it", *verification.transactions_after_head));
    }
    fmt::print("chain head {}\n", verification.chain_head.empty() ? "(no transactions)" : verification.chain_head);
    print_ledger_programs(summary.programs);
    print_states_behind(summary.transactions_after_checkpoint);
    return 0;
}

int upgrade(const LedgerOptions& options) {
    SqliteLedger::open(options.file, true);
    fmt::print("{}: at schema version {}.\n", options.file, SqliteLedger::schema_version);
    return 0;
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

int export_states(const LedgerOptions& options) {
    const SqliteLedger ledger = SqliteLedger::open(options.file, false);
    ledger.for_each_member([](const Member& member) { std::cout << to_json(member) << "\n"; });
    return 0;
}

/// `json_help` says what --json prints; none: the command has no --json.
/// The command's options, for flags of its own, and the command.
std::pair<std::shared_ptr<LedgerOptions>, CLI::App*> add(CLI::App& parent, const char* name, const char* description,
                                                         bool with_member, const char* json_help,
                                                         int (*run)(const LedgerOptions&), int& exit_code) {
    auto* command = parent.add_subcommand(name, description);
    auto options = std::make_shared<LedgerOptions>();
    command->add_option("ledger", options->file, "the SQLite ledger file")->required()->check(CLI::ExistingFile);
    if (with_member) command->add_option("member", options->member, "member id")->required();
    if (json_help) command->add_flag("--json", options->json, json_help);
    on_run(command, exit_code, [options, run] { return run(*options); });
    return {options, command};
}

}  // namespace

void add_ledger_command(CLI::App& app, int& exit_code) {
    auto* ledger = app.add_subcommand("ledger", "Answer questions about a ledger file");
    ledger->require_subcommand(1);
    const auto verifying = add(*ledger, "verify",
                          "Audit the file: integrity, schema, references, balances, payloads, programs, members' states "
                          "and the chain of transactions",
                          false, nullptr, verify, exit_code);
    verifying.second->add_flag("--deep", verifying.first->deep,
                               "also evaluate every transaction again under the program that recorded it, and compare "
                               "every posting and every member's state");
    verifying.second->add_option("--head", verifying.first->head,
                                 "a chain head kept elsewhere (a replay prints it): the ledger must hold it, or it lost "
                                 "the transactions up to it")
        ->check([](const std::string& head) {
            return ProgramDigest::from_hex(head) ? std::string() : std::string("a chain head is 64 hex digits");
        });
    add(*ledger, "upgrade", "Upgrade a ledger of schema version 1, 2 or 3 to version 4 in place, as any writer does",
        false, nullptr, upgrade, exit_code);
    add(*ledger, "balance", "A member's balance, tier and attributes", true, nullptr, balance, exit_code);
    add(*ledger, "history", "Every posting to a member's accounts, with its explanation", true, "one JSON object per posting", history,
        exit_code);
    add(*ledger, "summary", "The ledger's figures: transactions, members, points issued, burned, expired and outstanding",
        false, "the figures as one JSON object", summary, exit_code);
    add(*ledger, "export", "Every posting of the ledger, in order, as JSON Lines", false, nullptr, export_postings,
        exit_code);
    add(*ledger, "states", "Every member's stored state, in id order, as JSON Lines: as of the last checkpoint", false,
        nullptr, export_states, exit_code);
}

}  // namespace loyalty::cli
