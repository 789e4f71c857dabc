#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/guarded_callback.hpp"
#include "cli/history_generator.hpp"

namespace loyalty::cli {
namespace {

struct GenerateOptions {
    GeneratorSettings settings;
    std::string start = "2026-01-01";
    std::string currency = "USD";
    std::string out;
};

int run_generate(GenerateOptions& options) {
    const auto start = Date::parse(options.start);
    if (!start) throw std::runtime_error("--start '" + options.start + "' is not a date YYYY-MM-DD");
    const auto currency = Currency::find(options.currency);
    if (!currency) throw std::runtime_error("--currency '" + options.currency + "' is not an ISO 4217 code");
    options.settings.start = *start;
    options.settings.currency = *currency;
    std::filesystem::create_directories(options.out);
    const std::string members_path = options.out + "/members.jsonl";
    const std::string history_path = options.out + "/history.jsonl";
    std::ofstream members(members_path), history(history_path);
    if (!members || !history) throw std::runtime_error("cannot write into '" + options.out + "'");
    generate_history(options.settings, members, history);
    members.close();
    history.close();
    if (!members || !history) throw std::runtime_error("writing into '" + options.out + "' failed");
    std::cout << "wrote " << members_path << " and " << history_path << "\n";
    return 0;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("generate", "Write a realistic, deterministic sample history of any size");
    auto options = std::make_shared<GenerateOptions>();
    command->add_option("--out", options->out, "folder for members.jsonl and history.jsonl")->required();
    command->add_option("--members", options->settings.members, "how many members (default 1000)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}));
    command->add_option("--transactions", options->settings.transactions, "how many transactions (default 10000)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000'000}));
    command->add_option("--seed", options->settings.seed, "the same seed writes the same history (default 1)");
    command->add_option("--start", options->start, "first day, YYYY-MM-DD (default 2026-01-01)");
    command->add_option("--days", options->settings.days, "days the history spans (default 365)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{36'500}));
    command->add_option("--currency", options->currency, "ISO 4217 currency of the amounts (default USD)");
    on_run(command, exit_code, [options] { return run_generate(*options); });
}

}  // namespace loyalty::cli
