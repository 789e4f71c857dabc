#include "compile/earn_rule_index.hpp"

#include <algorithm>
#include <iterator>

#include "compile/compiled_program.hpp"

namespace loyalty::detail {

EarnRuleIndex::EarnRuleIndex(const std::vector<EarnRule>& rules) {
    for (std::size_t index = 0; index < rules.size(); ++index) {
        const EarnRule& rule = rules[index];
        ForEvent& event = by_event_[rule.on_event];
        event.all.push_back(index);
        const auto channels =
            rule.condition ? rule.condition->required_texts(Field::transaction_channel) : std::nullopt;
        if (!channels) {
            event.any_channel.push_back(index);
            continue;
        }
        for (const std::string& channel : *channels) {
            auto& own = event.by_channel[channel];
            if (own.empty() || own.back() != index) own.push_back(index);
        }
    }
    for (auto& [name, event] : by_event_) {
        for (auto& [channel, own] : event.by_channel) {
            std::vector<std::size_t> merged;
            std::merge(own.begin(), own.end(), event.any_channel.begin(), event.any_channel.end(),
                       std::back_inserter(merged));
            own = std::move(merged);
        }
    }
}

const std::vector<std::size_t>& EarnRuleIndex::candidates(std::string_view event, std::string_view channel) const {
    const auto found = by_event_.find(event);
    if (found == by_event_.end()) return none_;
    const auto own = found->second.by_channel.find(channel);
    return own == found->second.by_channel.end() ? found->second.any_channel : own->second;
}

const std::vector<std::size_t>& EarnRuleIndex::all(std::string_view event) const {
    const auto found = by_event_.find(event);
    return found == by_event_.end() ? none_ : found->second.all;
}

}  // namespace loyalty::detail
