#pragma once
// The files SQLite keeps beside a ledger, looked at before SQLite is asked to read it: on
// read-only media, what they hold decides whether the ledger can be read as it is.

#include <string>

namespace loyalty::detail {

/// Whether the file exists and holds anything.
bool holds_bytes(const std::string& path);
/// Whether `journal` is a rollback journal of a change to a file that had no pages: the creation
/// of a database, which undone leaves nothing.
bool journal_undoes_creation(const std::string& journal);

}  // namespace loyalty::detail
