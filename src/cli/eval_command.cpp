#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/outcome_table.hpp"
#include "cli/text_files.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/program.hpp"

namespace loyalty::cli {
namespace {

struct EvalOptions {
    std::string rules;
    std::string member_file;
    std::string transactions_file = "-";
    std::string at;
    bool json = false;
    bool trace = false;
};

int run_eval(const EvalOptions& options) {
    const LoadResult loaded = Program::load_file(options.rules);
    if (!loaded.ok()) {
        std::cerr << format(loaded.diagnostics);
        return 1;
    }
    const Program& program = *loaded.program;
    Member member = member_from_json(read_text_file(options.member_file));
    std::optional<Timestamp> at;
    if (!options.at.empty()) {
        at = Timestamp::parse(options.at);
        if (!at) throw std::runtime_error("--at '" + options.at + "' is not a time such as 2026-03-02T10:15:00-05:00");
    }

    std::ifstream file;
    if (options.transactions_file != "-") {
        file.open(options.transactions_file);
        if (!file) throw std::runtime_error("cannot open '" + options.transactions_file + "'");
    }
    std::istream& input = options.transactions_file == "-" ? std::cin : file;
    const Points starting = member.points();
    std::string line;
    while (std::getline(input, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        Transaction transaction = transaction_from_json(line);
        if (at) transaction.at = *at;
        const Outcome outcome = program.evaluate(member, transaction, EvaluationOptions{options.trace});
        if (options.json) {
            std::cout << to_json(outcome) << "\n";
        } else {
            print_outcome(std::cout, transaction, outcome);
        }
        // Later transactions see the earlier ones; nothing is stored anywhere.
        member = apply(member, outcome);
    }
    if (!options.json) {
        std::cout << "balance of " << member.id << ": " << starting.value << " -> " << member.points().value
                  << " points (a dry run: nothing was stored)\n";
    }
    return 0;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("eval", "Evaluate transactions for one member and show the deltas; stores nothing");
    auto options = std::make_shared<EvalOptions>();
    command->add_option("rules", options->rules, "rule file")->required()->check(CLI::ExistingFile);
    command->add_option("--member", options->member_file, "the member's state, as JSON")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--tx", options->transactions_file,
                        "transactions as JSON Lines, one per line ('-' or absent: standard input)");
    command->add_option("--at", options->at, "evaluate as of this moment instead of each transaction's own");
    command->add_flag("--json", options->json, "print each outcome as one line of JSON");
    command->add_flag("--trace", options->trace, "also say, rule by rule, what fired and why not");
    on_run(command, exit_code, [options] { return run_eval(*options); });
}

}  // namespace loyalty::cli
