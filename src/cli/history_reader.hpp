#pragma once
// Streams a transaction history: JSON Lines (one transaction or event per line), or CSV of plain
// purchases (one row per line item; consecutive rows with the same id make one purchase).

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/currency.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::cli {

struct HistoryEntry {
    /// The line the transaction starts on, from 1.
    std::size_t line = 0;
    /// Read whole, or not: then `error_code` and `error` say why, naming the id when known.
    std::optional<Transaction> transaction;
    std::string transaction_id;
    std::string error_code;
    std::string error;
};

class HistoryReader {
public:
    /// CSV when the file name ends in ".csv"; its amounts are in `currency`.
    HistoryReader(const std::string& path, Currency currency);

    /// The next transaction, or false at the end of the file.
    bool next(HistoryEntry& entry);
    std::uint64_t bytes_read() const { return bytes_read_; }
    std::uint64_t bytes_total() const { return bytes_total_; }

private:
    using CsvRow = std::pair<std::size_t, std::vector<std::string>>;

    bool next_json(HistoryEntry& entry);
    bool next_csv(HistoryEntry& entry);
    bool read_line(std::string& line);
    std::string csv_field(const std::vector<std::string>& row, const std::string& name) const;
    std::string purchase_json(const std::vector<CsvRow>& rows) const;

    std::ifstream file_;
    bool csv_ = false;
    Currency currency_;
    std::size_t line_number_ = 0;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t bytes_total_ = 0;
    std::vector<std::string> csv_columns_;
    /// A CSV row read ahead: the first row of the next purchase.
    std::optional<CsvRow> pending_row_;
    /// A malformed CSV row read ahead (line, columns found or "" for an open quote).
    std::optional<std::pair<std::size_t, std::string>> pending_bad_line_;
};

}  // namespace loyalty::cli
