#pragma once
// A ledger's figures, as `replay` ends with them and `ledger summary` prints them.

#include <nlohmann/json.hpp>

#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::cli {

/// "ledger now" and the figures under it, and each member's balance when there are at most 20.
void print_ledger_summary(const SqliteLedger& ledger, const LedgerSummary& summary);

/// The same figures as one JSON object.
nlohmann::json ledger_summary_json(const LedgerSummary& summary);

}  // namespace loyalty::cli
