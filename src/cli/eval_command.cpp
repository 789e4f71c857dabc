#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/line_reader.hpp"
#include "cli/outcome_table.hpp"
#include "cli/text_files.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/limits.hpp"
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

/// One error as a line of JSON, for a host reading `eval --json`.
void print_json_error(const std::string& code, const std::string& message, const nlohmann::json& where = nlohmann::json::object()) {
    nlohmann::json error = where;
    error["code"] = code;
    error["message"] = message;
    std::cout << nlohmann::json{{"error", error}}.dump() << "\n";
}

int run_eval(const EvalOptions& options) {
    const LoadResult loaded = Program::load_file(options.rules);
    if (!loaded.ok()) {
        if (!options.json) {
            std::cerr << format(loaded.diagnostics);
            return 1;
        }
        for (const Diagnostic& diagnostic : loaded.diagnostics) {
            print_json_error(diagnostic.code, diagnostic.message,
                             {{"file", diagnostic.file}, {"line", diagnostic.line}, {"column", diagnostic.column}});
        }
        return 1;
    }
    const Program& program = *loaded.program;
    Member member;
    try {
        member = member_from_json(read_text_file(options.member_file));
    } catch (const Error& error) {
        if (!options.json) throw;
        print_json_error(error.code(), error.what(), {{"file", options.member_file}});
        return 1;
    }
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
    // Lines are read as a replay reads them: one over the bound is refused without being held.
    LineReader lines(input, limits::transaction_json_bytes_max);
    std::string line;
    while (lines.next(line)) {
        if (!lines.too_long() && line.find_first_not_of(" \t\r") == std::string::npos) continue;
        Transaction transaction;
        Outcome outcome;
        try {
            if (lines.too_long()) {
                throw TransactionError("T100", "", "", "longer than " + std::to_string(lines.line_bytes_max()) +
                                                           " bytes, the most one transaction takes");
            }
            transaction = transaction_from_json(line);
            if (at) transaction.at = *at;
            outcome = program.evaluate(member, transaction, EvaluationOptions{options.trace});
        } catch (const TransactionError& error) {
            if (!options.json) throw;
            print_json_error(error.code(), error.detail(), {{"transaction", error.transaction_id()}, {"field", error.field()}});
            return 1;
        }
        if (options.json) {
            std::cout << to_json(outcome, program) << "\n";
        } else {
            print_outcome(std::cout, program, transaction, outcome);
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
