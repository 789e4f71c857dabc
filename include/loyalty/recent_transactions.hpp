#pragma once
// The transactions a member had applied lately, found by id in constant time: a resent one
// changes nothing, the same id with other contents is refused.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/fingerprint.hpp"

namespace loyalty {

/// A transaction this member already had applied, kept so a resent one changes nothing.
struct AppliedTransaction {
    std::string id;
    /// A digest of the whole transaction: the same id with another payload is an error.
    Fingerprint fingerprint;
};

/// At least the latest limits::recent_transactions_max, at most twice as many: the oldest half is
/// forgotten at once, so that remembering costs the same on every transaction. A plain value: its
/// index holds positions, not addresses, and copies with it.
class RecentTransactions {
public:
    /// The entry for `transaction_id`, or null; one hash and, almost always, one comparison.
    const AppliedTransaction* find(std::string_view transaction_id) const;
    /// Adds the latest, forgetting the oldest half first when there are twice the bound.
    void remember(AppliedTransaction applied);

    /// Oldest first.
    std::vector<AppliedTransaction>::const_iterator begin() const { return entries_.begin(); }
    std::vector<AppliedTransaction>::const_iterator end() const { return entries_.end(); }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    const AppliedTransaction& back() const { return entries_.back(); }

private:
    void index(std::size_t position);

    std::vector<AppliedTransaction> entries_;
    /// Open addressing, linear probing: each slot 0 or a position in `entries_` plus one, with a
    /// few bits of the id's hash above it; at most half of them taken. Empty until the first
    /// transaction is remembered.
    std::vector<std::uint16_t> slots_;
};

}  // namespace loyalty
