#pragma once
// The accounts, units and kinds a ledger's postings may name, read back from their text.

#include <optional>
#include <string>

#include "loyalty/currency.hpp"
#include "loyalty/ledger.hpp"

namespace loyalty::detail {

/// "member:ID:KIND" or "program:KIND" read back; nullopt for any other text.
std::optional<Account> parse_account(const std::string& text);
/// Whether `unit` is one an account of `kind` holds, for a program counting in `currency`
/// (null for a program whose rules the ledger does not hold).
bool unit_fits(AccountKind kind, const std::string& unit, const Currency* currency);
/// Whether `name` is a kind of delta, or "opening".
bool is_delta_kind(const std::string& name);

}  // namespace loyalty::detail
