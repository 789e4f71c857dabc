#include "loyalty/recent_transactions.hpp"

#include <algorithm>
#include <functional>

#include "loyalty/limits.hpp"

namespace loyalty {
namespace {

/// Two slots for each transaction kept at most: never more than half are taken, so probes stay
/// short, and the index is 1 KiB.
constexpr std::size_t slot_count = 2 * 2 * limits::recent_transactions_max;
static_assert((slot_count & (slot_count - 1)) == 0, "a power of two, for the mask");
static_assert(2 * limits::recent_transactions_max < 65535, "positions fit the slots");

std::size_t home_slot(std::string_view id) { return std::hash<std::string_view>{}(id) & (slot_count - 1); }

}  // namespace

const AppliedTransaction* RecentTransactions::find(std::string_view transaction_id) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t slot = home_slot(transaction_id);; slot = (slot + 1) & (slot_count - 1)) {
        const std::uint16_t at = slots_[slot];
        if (at == 0) return nullptr;
        const AppliedTransaction& entry = entries_[at - 1u];
        if (entry.id == transaction_id) return &entry;
    }
}

void RecentTransactions::remember(AppliedTransaction applied) {
    if (entries_.size() >= 2 * limits::recent_transactions_max) {
        entries_.erase(entries_.begin(), entries_.end() - static_cast<std::ptrdiff_t>(limits::recent_transactions_max - 1));
        std::fill(slots_.begin(), slots_.end(), std::uint16_t{0});
        for (std::size_t position = 0; position < entries_.size(); ++position) index(position);
    }
    entries_.push_back(std::move(applied));
    index(entries_.size() - 1);
}

void RecentTransactions::index(std::size_t position) {
    if (slots_.empty()) slots_.assign(slot_count, 0);
    std::size_t slot = home_slot(entries_[position].id);
    while (slots_[slot] != 0) slot = (slot + 1) & (slot_count - 1);
    slots_[slot] = static_cast<std::uint16_t>(position + 1);
}

}  // namespace loyalty
