#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "loyalty/program.hpp"

namespace loyalty::cli {

void add_check_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("check", "Compile rule files and report every problem, like a compiler");
    auto files = std::make_shared<std::vector<std::string>>();
    command->add_option("rules", *files, "rule files")->required()->check(CLI::ExistingFile);
    command->callback([files, &exit_code] {
        int problems = 0;
        for (const std::string& file : *files) {
            const LoadResult result = Program::load_file(file);
            if (result.ok()) {
                std::cout << file << ": ok, program '" << result.program->name() << "' version "
                          << result.program->version() << "\n";
            } else {
                std::cerr << format(result.diagnostics);
                problems += static_cast<int>(result.diagnostics.size());
            }
        }
        if (problems > 0) {
            std::cerr << problems << (problems == 1 ? " problem" : " problems") << " found\n";
            exit_code = 1;
        }
    });
}

}  // namespace loyalty::cli
