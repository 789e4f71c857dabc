#pragma once
// Reading the files the commands take.

#include <istream>
#include <string>

namespace loyalty::cli {

/// The whole file; throws std::runtime_error naming it when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace loyalty::cli
