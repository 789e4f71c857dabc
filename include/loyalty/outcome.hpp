#pragma once
// What one evaluation produced: the ledger deltas of one transaction.

#include <cstdint>
#include <string>
#include <vector>

#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"
#include "loyalty/points.hpp"

namespace loyalty {

/// Something the member should know that moved nothing: a coupon that could not be used, and why.
struct Notice {
    /// N0xx, documented in docs/errors.md.
    std::string code;
    std::string message;
};

/// The result of evaluating one transaction. A plain value type; a host that reuses one
/// Outcome across evaluations keeps its buffers.
struct Outcome {
    std::string transaction_id;
    std::uint64_t transaction_fingerprint = 0;
    std::string program_name;
    std::string program_version;
    /// The member had this transaction already; there are no deltas and nothing to apply.
    bool already_applied = false;
    std::vector<Delta> deltas;
    std::vector<Notice> notices;

    /// The sum of the postings to `member_id`'s points account.
    Points points_change(const std::string& member_id) const;
    /// Every posting of every delta.
    std::vector<Posting> postings() const;
};

/// The member's next state: the outcome's postings to this member folded in and the
/// transaction remembered. Applying an outcome the member already has changes nothing; an
/// outcome whose transaction id the member has with another fingerprint throws
/// TransactionError (T020). Pure: `member` is not modified.
Member apply(const Member& member, const Outcome& outcome);

}  // namespace loyalty
