#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace loyalty::cli {

ProgressBar::ProgressBar(bool wanted)
    : enabled_(wanted && isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressBar::update(std::uint64_t done_bytes, std::uint64_t total_bytes, std::uint64_t transactions) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    // Seconds and ratios here are for a person's eyes only; nothing in the ledger depends on them.
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(transactions) / elapsed : 0.0;
    if (total_bytes == 0) {
        // Standard input: how much is left is not known.
        fmt::print(stderr, "\r{} transactions  {:.0f}/s ", transactions, rate);
        std::fflush(stderr);
        drawn_ = true;
        return;
    }
    const double fraction = static_cast<double>(done_bytes) / static_cast<double>(total_bytes);
    const double left = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    fmt::print(stderr, "\r[{}{}] {:3.0f}%  {} transactions  {:.0f}/s  {}:{:02d} left ", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), '.'), fraction * 100, transactions, rate,
               static_cast<int>(left) / 60, static_cast<int>(left) % 60);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::clear() {
    if (!drawn_) return;
    fmt::print(stderr, "\r{:80}\r", "");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace loyalty::cli
