#pragma once
// The deep part of a ledger's audit: every transaction evaluated again, from the members' opening
// states, under the program that recorded it, against its postings and the stored states.

#include <cstdint>
#include <map>

#include "loyalty/program.hpp"
#include "store/ledger_audit_report.hpp"
#include "store/ledger_compression.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

/// `programs` are the programs rows whose rules the ledger holds, compiled; `checkpoint` is the
/// sequence of the last transaction the stored states hold. Reports V014 and V015.
void evaluate_again(SqliteDatabase& database, LedgerCompression& compression, const std::map<std::int64_t, Program>& programs,
                    std::int64_t checkpoint, AuditReport& report);

}  // namespace loyalty::detail
