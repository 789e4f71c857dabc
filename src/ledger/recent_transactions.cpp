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
/// A slot holds a position in its low bits and, above them, a few bits of the id's hash: a probe
/// that meets another id's slot is told apart there, without reading that entry from memory.
constexpr unsigned position_bits = 9;
constexpr std::uint16_t position_mask = (1U << position_bits) - 1;
static_assert(2 * limits::recent_transactions_max <= position_mask, "positions fit the slots");

struct Probe {
    std::size_t slot;
    std::uint16_t tag;
};

Probe probe_for(std::string_view id) {
    const std::size_t hash = std::hash<std::string_view>{}(id);
    return {hash & (slot_count - 1),
            static_cast<std::uint16_t>((hash >> (8 * sizeof(std::size_t) - (16 - position_bits))) << position_bits)};
}

}  // namespace

const AppliedTransaction* RecentTransactions::find(std::string_view transaction_id) const {
    if (slots_.empty()) return nullptr;
    const Probe probe = probe_for(transaction_id);
    for (std::size_t slot = probe.slot;; slot = (slot + 1) & (slot_count - 1)) {
        const std::uint16_t held = slots_[slot];
        if (held == 0) return nullptr;
        if ((held & ~position_mask) != probe.tag) continue;
        const AppliedTransaction& entry = entries_[(held & position_mask) - 1U];
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
    const Probe probe = probe_for(entries_[position].id);
    std::size_t slot = probe.slot;
    while (slots_[slot] != 0) slot = (slot + 1) & (slot_count - 1);
    slots_[slot] = static_cast<std::uint16_t>(probe.tag | (position + 1));
}

}  // namespace loyalty
