#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/history_reader.hpp"
#include "cli/ledger_summary.hpp"
#include "cli/line_reader.hpp"
#include "cli/outcome_table.hpp"
#include "cli/progress_bar.hpp"
#include "cli/text_files.hpp"
#include "loyalty/json.hpp"
#include "loyalty/ledger_writer.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/program.hpp"
#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::cli {
namespace {

struct ReplayOptions {
    std::string rules;
    std::string history;
    std::string ledger;
    std::string members;
    bool stop_on_error = false;
    bool explain = false;
    bool quiet = false;
    std::size_t batch = 1000;
    std::size_t checkpoint = 100'000;
    std::size_t max_errors = 100;
};

struct Refusals {
    std::int64_t count = 0;
    std::string first_example;
};

struct ReplayCounts {
    std::int64_t lines = 0;
    /// Refusals printed, at most --max-errors; the summary counts them all.
    std::size_t printed_errors = 0;
    std::int64_t applied = 0;
    std::int64_t already_recorded = 0;
    std::map<std::string, Refusals> refused;  // by code
};

/// The members' states a replay starts from: each line one member, in the program's currency.
std::unordered_map<std::string, Member> read_member_seeds(const std::string& path, Currency currency) {
    std::unordered_map<std::string, Member> seeds;
    std::unordered_map<std::string, std::size_t> seed_lines;
    if (path.empty()) return seeds;
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open '" + path + "'");
    LineReader lines(file, limits::member_json_bytes_max);
    std::string line;
    while (lines.next(line)) {
        const std::string where = "'" + path + "', line " + std::to_string(lines.line_number()) + ": ";
        if (lines.too_long()) {
            throw std::runtime_error(where + "error[M100]: longer than " + std::to_string(lines.line_bytes_max()) +
                                     " bytes, the most one member's state takes");
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        Member member;
        try {
            member = member_from_json(line);
        } catch (const Error& error) {
            throw std::runtime_error(where + error.what());
        }
        for (const Coupon* coupon : member.coupons_by_id()) {
            if (coupon->benefit == CouponBenefit::amount_off && coupon->amount.currency() != currency) {
                throw std::runtime_error(where + "error[M100]: member '" + member.id + "', coupon '" + coupon->id +
                                         "': the coupon is for " + coupon->amount.to_string() + ", but the program counts in " +
                                         std::string(currency.code()));
            }
        }
        const std::string id = member.id;
        if (const auto [seed, added] = seeds.try_emplace(id, std::move(member)); !added) {
            throw std::runtime_error(where + "error[M100]: member '" + id + "' is given a second time, after line " +
                                     std::to_string(seed_lines[id]) + "; give each member one state");
        }
        seed_lines[id] = lines.line_number();
    }
    return seeds;
}

class Replay {
public:
    Replay(const ReplayOptions& options, const Program& program)
        : options_(options), program_(program), ledger_(SqliteLedger::open(options.ledger, true)),
          reading_(SqliteLedger::open(options.ledger, false)),
          seeds_(read_member_seeds(options.members, program.currency())),
          writer_(ledger_, program, writer_options()), progress_(!options.quiet && !options.explain) {}

    /// Returns the exit code.
    int run() {
        HistoryReader reader(options_.history, program_.currency());
        const auto start = std::chrono::steady_clock::now();
        HistoryEntry entry;
        bool stopped = false;
        while (!stopped && reader.next(entry)) {
            ++counts_.lines;
            pending_.push_back(std::move(entry));
            // Under --stop-on-error a line that cannot be read ends the run where it stands: what
            // came before it is recorded first.
            const bool unreadable = !pending_.back().transaction;
            if (pending_.size() == options_.batch || (unreadable && options_.stop_on_error)) stopped = !flush();
            progress_.update(reader.bytes_read(), reader.bytes_total(), static_cast<std::uint64_t>(counts_.lines));
        }
        if (!stopped) stopped = !flush();
        if (!stopped) stopped = !report(writer_.drain());
        writer_.finish();
        progress_.clear();
        print_summary(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), stopped);
        return stopped ? 1 : 0;
    }

private:
    LedgerWriterOptions writer_options() const {
        LedgerWriterOptions options;
        options.checkpoint_every = options_.checkpoint;
        options.stop_at_first_refusal = options_.stop_on_error;
        options.keep_outcomes = options_.explain;
        // The ledger is read on this thread while it is written on another.
        options.reading_store = &reading_;
        options.joining_state = [this](const std::string& id) -> std::optional<Member> {
            const auto seed = seeds_.find(id);
            return seed == seeds_.end() ? std::nullopt : std::optional<Member>(seed->second);
        };
        return options;
    }

    /// Hands the lines read since the last batch to the writer, and reports each batch that is
    /// durable, each line in order; false when the run stops at a refused line.
    bool flush() {
        // Moved into the batch: the lines keep their place, numbers and errors.
        std::vector<Transaction> transactions;
        for (HistoryEntry& line : pending_) {
            if (line.transaction) transactions.push_back(std::move(*line.transaction));
        }
        awaiting_.push_back(std::move(pending_));
        pending_.clear();
        return report(writer_.submit_batch(std::move(transactions)));
    }

    /// Reports the batches, the oldest of those awaiting first.
    bool report(const std::vector<DurableBatch>& batches) {
        bool go_on = true;
        for (const DurableBatch& batch : batches) {
            if (go_on) go_on = report(awaiting_.front(), batch);
            awaiting_.pop_front();
        }
        return go_on;
    }

    bool report(const std::vector<HistoryEntry>& lines, const DurableBatch& batch) {
        std::size_t next = 0;
        for (const HistoryEntry& line : lines) {
            if (!line.transaction) {
                refuse(line, line.error_code, line.error);
                if (options_.stop_on_error) return false;
                continue;
            }
            // The batch ended at a refusal: the lines after it were not looked at.
            if (next == batch.results.size()) return false;
            const Transaction& transaction = batch.transactions[next];
            const RecordResult& result = batch.results[next++];
            switch (result.status) {
                case RecordResult::Status::recorded:
                    ++counts_.applied;
                    if (options_.explain) print_outcome(std::cout, program_, transaction, *result.outcome);
                    break;
                case RecordResult::Status::already_recorded:
                    ++counts_.already_recorded;
                    if (options_.explain) std::cout << transaction.id << "  already in the ledger: skipped\n";
                    break;
                case RecordResult::Status::refused:
                    refuse(line, result.code, result.message);
                    if (options_.stop_on_error) return false;
                    break;
            }
        }
        return true;
    }

    void refuse(const HistoryEntry& entry, const std::string& code, const std::string& message) {
        const std::string text = "line " + std::to_string(entry.line) +
                                 (entry.transaction_id.empty() ? "" : ", transaction '" + entry.transaction_id + "'") +
                                 ": error[" + code + "]: " + message;
        // On a line of its own, never after the progress bar.
        if (counts_.printed_errors < options_.max_errors) {
            progress_.clear();
            std::cerr << text << "; nothing applied\n";
            ++counts_.printed_errors;
        }
        Refusals& refusals = counts_.refused[code];
        if (refusals.count++ == 0) refusals.first_example = text;
    }

    void print_summary(double seconds, bool stopped) const {
        const LedgerSummary summary = ledger_.summary();
        std::int64_t refused = 0;
        for (const auto& [code, refusals] : counts_.refused) refused += refusals.count;
        fmt::print("\nreplayed {} into {}{}\n", options_.history == "-" ? "standard input" : options_.history, options_.ledger,
                   stopped ? " (stopped at the first refused transaction)" : "");
        fmt::print("  {:<28}{:>12}\n", "lines read", counts_.lines);
        fmt::print("  {:<28}{:>12}\n", "transactions applied", counts_.applied);
        fmt::print("  {:<28}{:>12}\n", "already in the ledger", counts_.already_recorded);
        fmt::print("  {:<28}{:>12}\n", "refused, nothing applied", refused);
        if (static_cast<std::size_t>(refused) > counts_.printed_errors) {
            fmt::print("    {} of them not shown (--max-errors {})\n", static_cast<std::size_t>(refused) - counts_.printed_errors,
                       options_.max_errors);
        }
        for (const auto& [code, refusals] : counts_.refused) {
            fmt::print("    {} × {}, first: {}\n", code, refusals.count, refusals.first_example);
        }
        print_ledger_summary(ledger_, summary);
        // Timing is for the person watching; it never reaches the ledger.
        const double rate = seconds > 0 ? static_cast<double>(counts_.lines) / seconds : 0.0;
        fmt::print("  {:<28}{:>12}\n", "time", fmt::format("{:.2f} s, {:.0f} transactions/s", seconds, rate));
    }

    const ReplayOptions& options_;
    const Program& program_;
    SqliteLedger ledger_;
    SqliteLedger reading_;
    std::unordered_map<std::string, Member> seeds_;
    LedgerWriter writer_;
    /// Lines read since the last batch.
    std::vector<HistoryEntry> pending_;
    /// The lines of the batches handed to the writer and not yet durable, oldest first.
    std::deque<std::vector<HistoryEntry>> awaiting_;
    ProgressBar progress_;
    ReplayCounts counts_;
};

}  // namespace

void add_replay_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("replay", "Evaluate a history in order into an append-only SQLite ledger");
    auto options = std::make_shared<ReplayOptions>();
    command->add_option("rules", options->rules, "rule file")->required()->check(CLI::ExistingFile);
    command->add_option("history", options->history,
                        "transactions: JSON Lines, or CSV of purchases (one row per line item); - for JSON Lines from standard input")
        ->required()
        ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
    command->add_option("--ledger", options->ledger, "the SQLite ledger file (created when missing)")->required();
    command->add_option("--members", options->members,
                        "JSON Lines of members' states (tier, attributes, opening balance) for members new to the ledger")
        ->check(CLI::ExistingFile);
    command->add_flag("--stop-on-error", options->stop_on_error,
                      "stop at the first refused transaction (default: report it, apply nothing for it, go on)");
    command->add_flag("--explain", options->explain, "print every transaction's deltas and explanations");
    command->add_flag("--quiet", options->quiet, "no progress bar");
    command->add_option("--batch", options->batch, "transactions committed together (default 1000)")
        ->check(CLI::Range(1, 1'000'000));
    command->add_option("--max-errors", options->max_errors,
                        "refused lines printed, at most (default 100); the summary counts them all")
        ->check(CLI::Range(0, 1'000'000'000));
    command->add_option("--checkpoint", options->checkpoint,
                        "members' states are written after at most this many transactions (default 100000)")
        ->check(CLI::Range(1, 100'000'000));
    on_run(command, exit_code, [options] {
        const LoadResult loaded = Program::load_file(options->rules);
        if (!loaded.ok()) {
            std::cerr << format(loaded.diagnostics);
            return 1;
        }
        return Replay(*options, *loaded.program).run();
    });
}

}  // namespace loyalty::cli
