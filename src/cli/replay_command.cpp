#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
          seeds_(read_member_seeds(options.members, program.currency())), progress_(!options.quiet && !options.explain) {}

    /// Returns the exit code.
    int run() {
        HistoryReader reader(options_.history, program_.currency());
        const auto start = std::chrono::steady_clock::now();
        ledger_.begin_batch();
        catch_up(false);
        std::size_t in_batch = 0;
        HistoryEntry entry;
        bool stopped = false;
        while (reader.next(entry)) {
            ++counts_.lines;
            if (!process(entry) && options_.stop_on_error) {
                stopped = true;
                break;
            }
            if (++in_batch == options_.batch) {
                if (checkpoint_due_ || recorded_since_checkpoint_ >= options_.checkpoint) checkpoint();
                ledger_.commit_batch();
                // Another process wrote meanwhile: what this one holds of members may be stale.
                if (ledger_.begin_batch()) catch_up(true);
                in_batch = 0;
            }
            progress_.update(reader.bytes_read(), reader.bytes_total(), static_cast<std::uint64_t>(counts_.lines));
        }
        checkpoint();
        ledger_.commit_batch();
        progress_.clear();
        print_summary(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), stopped);
        return stopped ? 1 : 0;
    }

private:
    /// Applies one entry, or reports why not; false when it was refused.
    bool process(const HistoryEntry& entry) {
        if (!entry.transaction) return refuse(entry, entry.error_code, entry.error);
        const Transaction& transaction = *entry.transaction;
        if (SqliteLedger::is_ledger_id(transaction.id)) {
            return refuse(entry, "T014", "ids beginning 'opening:' are the ledger's own, for the opening balances it records");
        }

        // The ledger first: a member's state moves on, and a transaction recorded long ago (by
        // this replay before a crash, or by another process running ahead) must be recognised
        // by its id, not judged again against today's state.
        const RecordedState recorded = ledger_.recorded_state(transaction.id, fingerprint(transaction));
        if (recorded == RecordedState::different) {
            return refuse(entry, "T020", "the ledger has this id with different contents");
        }
        if (recorded == RecordedState::same) {
            ++counts_.already_recorded;
            if (options_.explain) std::cout << transaction.id << "  already in the ledger: skipped\n";
            return true;
        }

        // A return needs the member who bought; anyone else may join on their first transaction.
        Member* member = find_member(transaction.member_id, transaction.kind != TransactionKind::product_return);
        if (member == nullptr) {
            return refuse(entry, "T012", "member '" + transaction.member_id + "' is unknown to the ledger");
        }
        if (const auto error = program_.evaluate(*member, transaction, outcome_, options_with_members())) {
            return refuse(entry, error->code, (error->field.empty() ? "" : error->field + ": ") + error->message);
        }
        if (outcome_.already_applied) {
            ++counts_.already_recorded;
            if (options_.explain) std::cout << transaction.id << "  already in the ledger: skipped\n";
            return true;
        }
        // Members the outcome belongs to that the ledger has not seen join it with this line.
        const std::vector<std::string> owners = outcome_.owners();
        std::vector<const Member*> joining;
        for (const std::string& owner : owners) {
            Member* owned = find_member(owner, true);
            if (joining_.count(owner) != 0) joining.push_back(owned);
        }
        try {
            ledger_.record(program_, transaction, outcome_, joining);
        } catch (const LedgerError& error) {
            // The file or the disk is at fault, not the line: nothing later would fare better.
            if (error.code() == "L003" || error.code() == "L004" || error.code() == "L005" || error.code() == "L006") throw;
            return refuse(entry, error.code(), error.what());
        }
        for (const Member* joined : joining) joining_.erase(joined->id);
        ++recorded_since_checkpoint_;
        apply_outcome(owners);
        ++counts_.applied;
        if (options_.explain) print_outcome(std::cout, transaction, outcome_);
        return true;
    }

    /// Evaluation reads the other members it needs (a referrer whose points a return takes back)
    /// as the ledger has them.
    EvaluationOptions options_with_members() {
        EvaluationOptions options;
        options.other_member = [this](const std::string& id) -> const Member* { return find_member(id, false); };
        return options;
    }

    /// Folds `outcome_` into the state held here of each of its `owners` (the buyer, a
    /// referrer), each getting only its own effects; the ledger has them at the next checkpoint.
    void apply_outcome(const std::vector<std::string>& owners) {
        for (const std::string& owner : owners) {
            Member* member = find_member(owner, true);
            apply_in_place(*member, outcome_);
            changed_.insert(member);
        }
    }

    /// Brings the members' states held here to the end of the ledger: the stored states, and the
    /// transactions recorded after the last checkpoint (by a replay that was stopped before its
    /// next checkpoint, or by another process) evaluated again in order. Refusals and resends
    /// were never recorded, so every one of them must evaluate again as it did.
    void catch_up(bool another_process_wrote) {
        members_.clear();
        joining_.clear();
        changed_.clear();
        recorded_since_checkpoint_ = 0;
        ledger_.for_each_transaction_after_checkpoint([&](const Transaction& transaction, const RecordedProgram& recorded) {
            const auto cannot = [&](const std::string& why) {
                return LedgerError("L007", "transaction '" + transaction.id + "', recorded after the ledger's last "
                                   "checkpoint, " + why + ": replay with the program that recorded it");
            };
            // By content: a rule edited under the same version is another program. A ledger upgraded
            // from before digests knows its programs by version alone.
            if (recorded.digest ? *recorded.digest != program_.digest() : recorded.version != program_.version()) {
                throw cannot("was recorded by " + describe(recorded) + ", not by this one, '" + program_.name() +
                             "' version " + program_.version() + " (" + program_.digest().to_hex() + ")");
            }
            Member* member = find_member(transaction.member_id, false);
            if (member == nullptr) throw cannot("names a member the ledger does not have");
            const auto error = program_.evaluate(*member, transaction, outcome_, options_with_members());
            if (error || outcome_.already_applied) {
                throw cannot("does not evaluate again as it did" + (error ? " (" + error->message + ")" : std::string()));
            }
            apply_outcome(outcome_.owners());
            ++recorded_since_checkpoint_;
        });
        // While another process writes too, each commits its states: neither then has to evaluate
        // the other's batches again.
        checkpoint_due_ = another_process_wrote || recorded_since_checkpoint_ > 0;
    }

    /// Inside a batch: the states of every member changed since the last checkpoint.
    void checkpoint() {
        std::vector<const Member*> changed(changed_.begin(), changed_.end());
        // In id order, so that the same history writes the same file.
        std::sort(changed.begin(), changed.end(), [](const Member* a, const Member* b) { return a->id < b->id; });
        ledger_.record_checkpoint(changed);
        changed_.clear();
        recorded_since_checkpoint_ = 0;
        checkpoint_due_ = false;
    }

    /// The member as the ledger has it. One new to the ledger may join it, when `may_join`, with
    /// the state the seed file gives it, if any: it is recorded with its first transaction that
    /// is, so that a member whose every line is refused is not recorded at all.
    Member* find_member(const std::string& id, bool may_join) {
        if (const auto cached = members_.find(id); cached != members_.end()) {
            return may_join || joining_.count(id) == 0 ? &cached->second : nullptr;
        }
        if (auto stored = ledger_.member(id)) return &members_.emplace(id, std::move(*stored)).first->second;
        if (!may_join) return nullptr;
        Member member;
        member.id = id;
        if (const auto seed = seeds_.find(id); seed != seeds_.end()) member = seed->second;
        joining_.insert(id);
        return &members_.emplace(id, std::move(member)).first->second;
    }

    bool refuse(const HistoryEntry& entry, const std::string& code, const std::string& message) {
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
        return false;
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
    std::unordered_map<std::string, Member> seeds_;
    std::unordered_map<std::string, Member> members_;
    /// Members of `members_` the ledger does not have yet: they join with their first recorded line.
    std::unordered_set<std::string> joining_;
    /// Members of `members_` whose state changed since the ledger's last checkpoint.
    std::unordered_set<const Member*> changed_;
    std::size_t recorded_since_checkpoint_ = 0;
    bool checkpoint_due_ = false;
    ProgressBar progress_;
    Outcome outcome_;
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
