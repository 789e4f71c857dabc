#pragma once
// The chain digest over a ledger's transactions: each row's link covers the link before it and the
// row's own content, with its deltas, so that an edit, a deletion or a reordering of any row
// breaks the chain at that row, and the last link (the head), kept elsewhere, reveals a lost tail.

#include <cstdint>
#include <string>
#include <vector>

namespace loyalty::detail {

/// A delta as the chain covers it, its labels by their text: it posts −amount to `debit` and
/// +amount to `credit`.
struct ChainDelta {
    std::string id;
    std::string kind;
    std::string rule;
    std::string debit;
    std::string credit;
    std::string unit;
    std::int64_t amount = 0;
    std::string explanation;
};

/// A transaction row as the chain covers it: every column but its sequence and its link, with the
/// program that recorded it by content (empty for an opening balance, or the digest empty for a
/// program recorded before ledgers kept digests), and the payload as JSON text.
struct ChainRow {
    std::string id;
    std::string member;
    std::string kind;
    std::string at;
    std::string original;
    /// As hex digits; empty for an opening balance.
    std::string fingerprint;
    std::string program_digest;
    std::string program_name;
    std::string program_version;
    std::string payload;
    std::vector<ChainDelta> deltas;
};

/// The link of `row` after the link `previous` (empty before the first row), as 64 hex digits. It
/// covers each delta as its two postings, debit first, as ledgers that stored postings did: a
/// head taken before an upgrade is still a link of the upgraded chain.
std::string chain_link(const std::string& previous, const ChainRow& row);

}  // namespace loyalty::detail
