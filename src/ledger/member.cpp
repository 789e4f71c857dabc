#include "loyalty/member.hpp"

namespace loyalty {

const AppliedTransaction* Member::find_applied(const std::string& transaction_id) const {
    for (const AppliedTransaction& applied : recent_transactions) {
        if (applied.id == transaction_id) return &applied;
    }
    return nullptr;
}

}  // namespace loyalty
