#pragma once
// Lines of a text file, each read only up to a stated size: a longer one is reported and skipped
// without being held in memory.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace loyalty::cli {

class LineReader {
public:
    LineReader(std::istream& in, std::size_t line_bytes_max);

    /// The next line, without its end of line, in `line`; false at the end of the input. A line
    /// longer than the limit leaves `line` empty and `too_long()` true.
    bool next(std::string& line);
    bool too_long() const { return too_long_; }
    std::size_t line_number() const { return line_number_; }
    std::uint64_t bytes_read() const { return bytes_read_; }
    std::size_t line_bytes_max() const { return buffer_.size() - 1; }

private:
    std::istream& in_;
    std::vector<char> buffer_;
    bool too_long_ = false;
    std::size_t line_number_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace loyalty::cli
