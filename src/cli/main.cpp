// loyalty: check, test, evaluate and replay loyalty programs from the shell.

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "loyalty/sqlite_ledger.hpp"

int main(int argc, char** argv) {
    // This process is the command's own: SQLite's memory statistics would only slow its writes.
    loyalty::SqliteLedger::tune_process_for_throughput();
    CLI::App app{"loyalty: check, test, evaluate and replay loyalty programs", "loyalty"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("loyalty ") + LOYALTY_VERSION);
    int exit_code = 0;
    loyalty::cli::add_check_command(app, exit_code);
    loyalty::cli::add_compile_command(app, exit_code);
    loyalty::cli::add_test_command(app, exit_code);
    loyalty::cli::add_eval_command(app, exit_code);
    loyalty::cli::add_replay_command(app, exit_code);
    loyalty::cli::add_ledger_command(app, exit_code);
    loyalty::cli::add_generate_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return 2;  // a usage mistake, told apart from a failed check or test (1)
    }
    return exit_code;
}
