#pragma once
// Working memory an evaluation reuses when the host reuses its Outcome.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "loyalty/member.hpp"

namespace loyalty {

/// What an evaluation works in besides its result, kept by an Outcome so that a host evaluating
/// into one reused Outcome does not allocate it again on every transaction. Not part of the
/// result: the engine overwrites it on every evaluation, and a copy of an Outcome starts without.
struct EvaluationBuffers {
    EvaluationBuffers() = default;
    EvaluationBuffers(const EvaluationBuffers&) {}
    EvaluationBuffers& operator=(const EvaluationBuffers&) { return *this; }
    EvaluationBuffers(EvaluationBuffers&&) noexcept = default;
    EvaluationBuffers& operator=(EvaluationBuffers&&) noexcept = default;
    ~EvaluationBuffers() = default;

    /// The member's lots as the steps of the evaluation leave them.
    std::vector<PointsLot> lots;
    /// What each line costs after discounts and coupons.
    std::vector<std::int64_t> line_paid;
    /// What each line (and shipping, tax) counts toward an earn rate, and the spend each
    /// multiplier applied to.
    std::vector<std::int64_t> earn_base;
    std::vector<std::int64_t> multiplied;
    /// What each earn rule that was reached earned, by rule index.
    std::vector<std::pair<std::size_t, std::int64_t>> earned_by_rule;
    /// Each counter's value before the transaction.
    std::vector<std::int64_t> counter_values;
    /// The ids and explanations of the previous outcomes' deltas: new ones are written into their
    /// memory. At most spare_texts_max are kept.
    std::vector<std::string> spare_texts;
    static constexpr std::size_t spare_texts_max = 64;

    /// Keeps `text`'s memory for a later take_text, unless enough are kept already.
    void recycle_text(std::string&& text) {
        if (spare_texts.size() < spare_texts_max) spare_texts.push_back(std::move(text));
    }
    /// An empty string, with the memory of a spare text when there is one.
    std::string take_text() {
        if (spare_texts.empty()) return {};
        std::string text = std::move(spare_texts.back());
        spare_texts.pop_back();
        text.clear();
        return text;
    }
};

}  // namespace loyalty
