#pragma once
// Which earn rules a transaction can fire, found without looking at the others.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::detail {

struct EarnRule;

/// Earn rules act on purchases or on one named event, and a rule whose condition requires a
/// channel (`tx.channel == "app"`, `tx.channel in [...]`, either side of an `and`) fires on that
/// channel alone: a program of a thousand promotions evaluates the few a transaction can fire.
class EarnRuleIndex {
public:
    EarnRuleIndex() = default;
    explicit EarnRuleIndex(const std::vector<EarnRule>& rules);

    /// The rules, by index in the program's order, that a transaction of `event` ("" for a
    /// purchase) on `channel` may fire.
    const std::vector<std::size_t>& candidates(std::string_view event, std::string_view channel) const;
    /// Every rule acting on `event`, whatever its channel: what a trace walks.
    const std::vector<std::size_t>& all(std::string_view event) const;

private:
    struct ForEvent {
        std::vector<std::size_t> all;
        std::vector<std::size_t> any_channel;
        /// A channel's own rules merged with `any_channel`, in order.
        std::map<std::string, std::vector<std::size_t>, std::less<>> by_channel;
    };

    std::map<std::string, ForEvent, std::less<>> by_event_;
    std::vector<std::size_t> none_;
};

}  // namespace loyalty::detail
