#pragma once
// The subcommands of `loyalty`; each registers its options and sets the exit code it ends with.

namespace CLI {
class App;
}

namespace loyalty::cli {

void add_check_command(CLI::App& app, int& exit_code);
void add_compile_command(CLI::App& app, int& exit_code);
void add_test_command(CLI::App& app, int& exit_code);
void add_eval_command(CLI::App& app, int& exit_code);
void add_replay_command(CLI::App& app, int& exit_code);
void add_ledger_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);

}  // namespace loyalty::cli
