#pragma once
// Every command ends the same way: its exit code, or 1 and a message for any exception.

#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

namespace loyalty::cli {

/// Runs `run()` when `command` is chosen; its result becomes the exit code, and an exception
/// becomes "error: …" on standard error and exit code 1.
template <typename Run>
void on_run(CLI::App* command, int& exit_code, Run run) {
    command->callback([run, &exit_code] {
        try {
            exit_code = run();
        } catch (const std::exception& error) {
            std::cerr << "error: " << error.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace loyalty::cli
