#pragma once
// A ledger's figures, as `replay` ends with them and `ledger summary` prints them.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loyalty/sqlite_ledger.hpp"

namespace loyalty::cli {

/// "programs" and, under it, each program with the transactions it recorded.
void print_ledger_programs(const std::vector<LedgerProgram>& programs);

/// "ledger now" and the figures under it, and each member's balance when there are at most 20.
void print_ledger_summary(const SqliteLedger& ledger, const LedgerSummary& summary);

/// The same figures as one JSON object.
nlohmann::json ledger_summary_json(const LedgerSummary& summary);

}  // namespace loyalty::cli
