#pragma once
// One explanation being rendered: the reason it comes from, read through checks, and its text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compile/compiled_program.hpp"
#include "explain/wording.hpp"
#include "loyalty/money.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// An outcome is a plain value a host may have edited or read from anywhere: every index and
/// range a reason holds is checked before it is followed. A check that fails marks the sentence
/// broken, and what it read stands in as 0, so that rendering goes on without undefined
/// behaviour and the caller refuses the text.
class Sentence {
public:
    Sentence(std::string& into, const CompiledProgram& of_program, const Outcome& of_outcome, const Reason& why,
             const Delta* of_delta)
        : text(into), program(of_program), outcome(of_outcome), reason(why), delta(of_delta) {}

    std::string& text;
    const CompiledProgram& program;
    const Outcome& outcome;
    const Reason& reason;
    /// Null for a reason rendered alone, as a trace shows an earn rule before any delta exists.
    const Delta* delta;

    bool broken() const { return broken_; }
    void mark_broken() { broken_ = true; }

    /// The reason's subject in `items`, or null (and broken) when it has no such item.
    template <typename Item>
    const Item* subject_in(const std::vector<Item>& items) {
        return item_at(items, reason.subject);
    }
    template <typename Item>
    const Item* item_at(const std::vector<Item>& items, std::int64_t index) {
        if (index < 0 || static_cast<std::uint64_t>(index) >= items.size()) {
            broken_ = true;
            return nullptr;
        }
        return &items[static_cast<std::size_t>(index)];
    }
    std::int64_t number(std::size_t index) const { return reason.numbers[index]; }
    /// The reason's extras, whole, when they lie within the outcome's numbers; each of `width`.
    std::size_t extra_groups(std::size_t width);
    /// The `group`th extra group's `index`th number; only after extra_groups.
    std::int64_t extra(std::size_t group, std::size_t index, std::size_t width) const {
        return outcome.reason_numbers[reason.first_extra + group * width + index];
    }

    /// The delta's amount; 0 for a reason alone.
    std::int64_t amount() const { return delta ? delta->amount : 0; }

    void append(std::string_view piece) { text += piece; }
    void append(char piece) { text += piece; }
    void append_number(std::int64_t value);
    void append_points(std::int64_t points) { append_points_phrase(text, points); }
    /// An amount of the program's currency, "12.50 USD".
    void append_money(std::int64_t minor_units);
    /// A day, from its days since 1970-01-01.
    void append_date(std::int64_t days);
    /// The period a review or a rebate closed: "2026", or "2026-11" for a month.
    void append_period(std::int64_t first_day, std::int64_t month);

private:
    bool broken_ = false;
};

}  // namespace loyalty::detail
