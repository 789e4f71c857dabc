#pragma once
// The double-entry side of an outcome: accounts, deltas and their postings.

#include <cstdint>
#include <string>
#include <vector>

namespace loyalty {

enum class AccountKind {
    member_points,          ///< a member's spendable points
    program_points_issued,  ///< the program's liability for the points it issued
};

/// An account of the ledger: a member's (with its id) or the program's own.
struct Account {
    AccountKind kind = AccountKind::member_points;
    std::string member_id;

    /// "member:m1:points", "program:points_issued"
    std::string to_string() const;
    friend bool operator==(const Account& a, const Account& b) {
        return a.kind == b.kind && a.member_id == b.member_id;
    }
};

enum class DeltaKind {
    earn,  ///< points awarded: from program:points_issued to the member
};

std::string_view to_string(DeltaKind kind);

/// One entry of the ledger: a signed amount on one account.
struct Posting {
    Account account;
    /// "points", or a currency code.
    std::string unit;
    std::int64_t amount = 0;
};

/// A change the program makes: `amount` moves from `debit` to `credit` (the debit's posting is
/// −amount, the credit's +amount), so every delta balances by construction.
struct Delta {
    /// Deterministic: "<transaction id>/<rule id>@<program version>". Store it to stay idempotent.
    std::string id;
    DeltaKind kind = DeltaKind::earn;
    std::string rule_id;
    Account debit;
    Account credit;
    std::string unit;
    std::int64_t amount = 0;
    /// A sentence a support agent can read to the customer.
    std::string explanation;

    /// The two postings: debit −amount, credit +amount.
    std::vector<Posting> postings() const;
};

}  // namespace loyalty
