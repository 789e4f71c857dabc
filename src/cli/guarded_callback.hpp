#pragma once
// Every command ends the same way: its exit code, or 1 and a message for any exception.

#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "loyalty/error.hpp"

namespace loyalty::cli {

/// Runs `run()` when `command` is chosen; its result becomes the exit code, and an exception
/// becomes "error: …" (or "error[CODE]: …") on standard error and exit code 1.
template <typename Run>
void on_run(CLI::App* command, int& exit_code, Run run) {
    command->callback([run, &exit_code] {
        try {
            exit_code = run();
        } catch (const Error& error) {
            // Transaction errors name their code in their text already; ledger errors do not.
            const std::string text = error.what();
            const bool coded = text.find("error[" + error.code() + "]") != std::string::npos;
            std::cerr << (coded ? "error: " : "error[" + error.code() + "]: ") << text << "\n";
            exit_code = 1;
        } catch (const std::exception& error) {
            std::cerr << "error: " << error.what() << "\n";
            exit_code = 1;
        }
    });
}

}  // namespace loyalty::cli
