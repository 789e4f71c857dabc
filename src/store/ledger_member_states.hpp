#pragma once
// The audit of members' stored states against the deltas: what a state and its accounts must
// agree on without evaluating anything again.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "loyalty/program.hpp"
#include "store/ledger_audit_report.hpp"
#include "store/ledger_compression.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

/// Each stored state against its postings up to `checkpoint` (and its opening, which may be
/// later): its points column, spendable, pending and owed points, store credit (in the currency
/// of `programs`, when they agree) and tier (the last tier change, or the tier in
/// `opening_tiers` it joined in). Reports V011.
void check_member_states(SqliteDatabase& database, LedgerCompression& compression, std::int64_t checkpoint,
                         const std::unordered_map<std::string, std::string>& opening_tiers,
                         const std::map<std::int64_t, Program>& programs, AuditReport& report);

}  // namespace loyalty::detail
