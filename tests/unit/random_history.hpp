#pragma once
// Seeded random histories for the invariant tests, and the programs they are written for.

#include <string>
#include <vector>

#include <loyalty/loyalty.hpp>

namespace test {

/// The invariants' program: expiry, returns, counters, a discount, earn rules with a boost and a
/// draw, a cap, a level, an automatic redemption and a rebate.
extern const char* const program_text;
/// The same program with points held pending, returns that take the balance below zero, points
/// that pay, and a daily cap that refuses.
std::string pending_program_text();
/// Transactions a random history is made of, chosen from the state the history has reached
/// (open purchases to return, coupons to present, points to pay with).
std::vector<loyalty::Transaction> generate(const loyalty::Program& program, unsigned seed, int members, int transactions);
/// The order an offline till's uploads reach the host: about one transaction in four arrives up
/// to 5 days after it happened (within the default allowance of 7), the rest at once.
std::vector<loyalty::Transaction> delivered_late(std::vector<loyalty::Transaction> history, unsigned seed);

}  // namespace test
