#include "cli/text_files.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace loyalty::cli {

std::string read_text_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open '" + path + "'");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace loyalty::cli
