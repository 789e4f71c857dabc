#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "loyalty/rule_test.hpp"

namespace loyalty::cli {
namespace {

namespace fs = std::filesystem;

bool is_test_file(const fs::path& path) {
    const std::string name = path.filename().string();
    const std::string suffix = ".test.yaml";
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Test files named on the command line, and those found below the folders named, sorted.
std::vector<std::string> collect_test_files(const std::vector<std::string>& paths) {
    std::vector<std::string> found;
    for (const std::string& path : paths) {
        if (fs::is_directory(path)) {
            std::vector<std::string> inside;
            for (const auto& entry : fs::recursive_directory_iterator(path)) {
                if (entry.is_regular_file() && is_test_file(entry.path())) inside.push_back(entry.path().string());
            }
            std::sort(inside.begin(), inside.end());
            found.insert(found.end(), inside.begin(), inside.end());
        } else {
            found.push_back(path);
        }
    }
    return found;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("test", "Run the declarative tests (*.test.yaml) of rule files");
    auto paths = std::make_shared<std::vector<std::string>>();
    command->add_option("paths", *paths, "test files, or folders to search for *.test.yaml (default: .)")
        ->check(CLI::ExistingPath);
    command->callback([paths, &exit_code] {
        if (paths->empty()) paths->push_back(".");
        const std::vector<std::string> files = collect_test_files(*paths);
        int passed = 0, failed = 0;
        for (const std::string& file : files) {
            const RuleTestFileResult result = run_rule_test_file(file);
            std::cout << file << "\n";
            if (!result.diagnostics.empty()) {
                std::cout << format(result.diagnostics);
                std::cout << "  FAIL  the test file or its rule file has problems; no case ran\n";
                ++failed;
                continue;
            }
            for (const RuleTestCaseResult& test : result.cases) {
                std::cout << (test.passed ? "  pass  " : "  FAIL  ") << test.name << "\n" << test.failure;
                ++(test.passed ? passed : failed);
            }
        }
        if (files.empty()) std::cout << "no test files (*.test.yaml) found\n";
        std::cout << passed << " passed, " << failed << " failed\n";
        if (failed > 0 || files.empty()) exit_code = 1;
    });
}

}  // namespace loyalty::cli
