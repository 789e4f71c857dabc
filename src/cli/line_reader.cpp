#include "cli/line_reader.hpp"

#include <limits>

namespace loyalty::cli {

LineReader::LineReader(std::istream& in, std::size_t line_bytes_max) : in_(in), buffer_(line_bytes_max + 1) {}

bool LineReader::next(std::string& line) {
    line.clear();
    too_long_ = false;
    if (!in_.getline(buffer_.data(), static_cast<std::streamsize>(buffer_.size()))) {
        // Nothing at all: the end. Otherwise the buffer filled before the end of the line.
        if (in_.gcount() == 0) return false;
        if (!in_.eof()) {
            bytes_read_ += static_cast<std::uint64_t>(in_.gcount());
            in_.clear();
            in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
            bytes_read_ += static_cast<std::uint64_t>(in_.gcount());
            too_long_ = true;
            ++line_number_;
            return true;
        }
    }
    bytes_read_ += static_cast<std::uint64_t>(in_.gcount());
    ++line_number_;
    std::size_t length = static_cast<std::size_t>(in_.gcount());
    // gcount counts the end of line it consumed, if there was one.
    if (length > 0 && !in_.eof()) --length;
    line.assign(buffer_.data(), length);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

}  // namespace loyalty::cli
