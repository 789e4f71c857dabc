#pragma once
// The chain digest over a ledger's transactions: each row's link covers the link before it and the
// row's own content, with its postings, so that an edit, a deletion or a reordering of any row
// breaks the chain at that row, and the last link (the head), kept elsewhere, reveals a lost tail.

#include <cstdint>
#include <string>
#include <vector>

namespace loyalty::detail {

/// A posting as the chain covers it: every column but its sequence.
struct ChainPosting {
    std::string delta_id;
    std::string kind;
    std::string rule;
    std::string account;
    std::string unit;
    std::int64_t amount = 0;
    std::string explanation;
};

/// A transaction row as the chain covers it: every column but its sequence and its link, with the
/// program that recorded it by content (empty for an opening balance, or the digest empty for a
/// program recorded before ledgers kept digests).
struct ChainRow {
    std::string id;
    std::string member;
    std::string kind;
    std::string at;
    std::string original;
    std::string fingerprint;
    std::string program_digest;
    std::string program_name;
    std::string program_version;
    std::string payload;
    std::vector<ChainPosting> postings;
};

/// The link of `row` after the link `previous` (empty before the first row), as 64 hex digits.
std::string chain_link(const std::string& previous, const ChainRow& row);

}  // namespace loyalty::detail
