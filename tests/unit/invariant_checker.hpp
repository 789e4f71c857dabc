#pragma once
// Replays a history through the public API, checking the invariants of docs/reliability.md after
// every transaction and at the end.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <loyalty/loyalty.hpp>

namespace test {

/// The first invariant a history breaks: at which transaction, for which member, and which.
struct Violation {
    std::size_t index = 0;
    std::string member;
    std::string what;
};

class Checker {
public:
    Checker(const loyalty::Program& program, bool may_go_below_zero)
        : program_(program), may_go_below_zero_(may_go_below_zero) {}

    /// With `log`, every outcome's JSON is appended to it.
    std::optional<Violation> run(const std::vector<loyalty::Transaction>& history, std::string* log = nullptr);

    const std::map<std::string, loyalty::Member>& members() const { return members_; }

private:
    std::optional<Violation> fail(const loyalty::Transaction& tx, std::string what) const {
        return Violation{index_, tx.member_id, std::move(what)};
    }
    std::optional<Violation> step(loyalty::Member& member, const loyalty::Transaction& tx, std::string* log);
    std::optional<Violation> check_postings(const loyalty::Member& member, const loyalty::Transaction& tx,
                                            const loyalty::Outcome& outcome);
    std::optional<Violation> check_resending(const loyalty::Member& member, const loyalty::Member& next,
                                             const loyalty::Transaction& tx, const loyalty::Outcome& outcome);
    std::optional<Violation> check_balances(const loyalty::Member& next, const loyalty::Transaction& tx) const;
    std::optional<Violation> check_taken_back(const loyalty::Member& next, const loyalty::Transaction& tx,
                                              const loyalty::Outcome& outcome);

    const loyalty::Program& program_;
    bool may_go_below_zero_;
    std::size_t index_ = 0;
    loyalty::EvaluatorState state_;
    loyalty::Outcome reused_;
    std::map<std::string, loyalty::Member> members_;
    std::map<std::pair<std::string, std::string>, std::int64_t> folded_;
    std::map<std::string, std::int64_t> earned_, taken_back_;
};

}  // namespace test
