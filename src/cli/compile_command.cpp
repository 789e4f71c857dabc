#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "loyalty/program.hpp"

namespace loyalty::cli {

void add_compile_command(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand(
        "compile", "Compile a rule file into a program image, which a host or a till loads without a YAML parser");
    auto rules = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    command->add_option("rules", *rules, "rule file")->required()->check(CLI::ExistingFile);
    command->add_option("-o,--output", *output, "the image to write (PROGRAM.lpi)")->required();
    command->callback([rules, output, &exit_code] {
        const LoadResult result = Program::load_file(*rules);
        if (!result.ok()) {
            std::cerr << format(result.diagnostics);
            exit_code = 1;
            return;
        }
        const std::string image = result.program->image();
        // Written beside the target and renamed over it: a reader never sees half an image.
        const std::string partial = *output + ".partial";
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file.write(image.data(), static_cast<std::streamsize>(image.size()));
        file.close();
        if (!file || std::rename(partial.c_str(), output->c_str()) != 0) {
            std::remove(partial.c_str());
            std::cerr << "error: cannot write '" << *output << "'\n";
            exit_code = 1;
            return;
        }
        std::cout << *output << ": program '" << result.program->name() << "' version " << result.program->version()
                  << ", " << image.size() << " bytes, digest " << result.program->digest().to_hex() << "\n";
    });
}

}  // namespace loyalty::cli
