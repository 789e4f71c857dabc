#pragma once
// A progress bar with rate and time left, drawn on a terminal only.

#include <chrono>
#include <cstdint>

namespace loyalty::cli {

class ProgressBar {
public:
    /// Draws on standard error, and only when it is a terminal and `wanted`.
    explicit ProgressBar(bool wanted);
    /// At most five redraws a second, whatever the call rate. A `total_bytes` of 0 (standard
    /// input) shows the count and rate alone.
    void update(std::uint64_t done_bytes, std::uint64_t total_bytes, std::uint64_t transactions);
    /// Clears the bar's line, so that a message printed next starts it; the next update draws the
    /// bar again.
    void clear();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace loyalty::cli
