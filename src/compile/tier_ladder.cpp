#include "compile/compiled_program.hpp"

namespace loyalty::detail {

std::size_t TierLadder::level_for(std::int64_t value) const {
    std::size_t level = 0;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (value >= levels[i].from) level = i;
    }
    return level;
}

std::size_t TierLadder::index_of(const std::string& name) const {
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].name == name) return i;
    }
    return 0;
}

}  // namespace loyalty::detail
