#pragma once
// The dictionaries a ledger's stored texts are compressed with, and when it trains its own.

#include <memory>

#include "store/ledger_compression.hpp"
#include "store/sqlite_database.hpp"

namespace loyalty::detail {

/// Every dictionary the ledger holds, payloads compressed with the one meta names; one another
/// process adds later is read when a frame needs it.
std::unique_ptr<LedgerCompression> load_compression(SqliteDatabase& database);

/// Inside a writer's batch: payloads are compressed with the dictionary meta names, which another
/// process may have trained meanwhile. Once the ledger holds `payloads_trained_on` transactions
/// and meta names the built-in one, trains one on their payloads and compresses with it from then
/// on, in the same batch. Payloads too alike to train on keep the built-in one for good.
/// Deterministic: the same transactions train the same dictionary.
void sync_payload_dictionary(SqliteDatabase& database, LedgerCompression& compression);

}  // namespace loyalty::detail
