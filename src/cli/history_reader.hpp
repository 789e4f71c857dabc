#pragma once
// Streams a transaction history: JSON Lines (one transaction or event per line), or CSV of plain
// purchases (one row per line item; consecutive rows with the same id make one purchase).

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "cli/line_reader.hpp"
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
    /// CSV when the file name ends in ".csv"; its amounts are in `currency`. "-" reads JSON Lines
    /// from standard input.
    HistoryReader(const std::string& path, Currency currency);

    /// The next transaction, or false at the end of the file.
    bool next(HistoryEntry& entry);
    std::uint64_t bytes_read() const { return lines_.bytes_read(); }
    /// The size of the file; 0 for standard input, whose size is not known ahead.
    std::uint64_t bytes_total() const { return bytes_total_; }

private:
    using CsvRow = std::pair<std::size_t, std::vector<std::string>>;

    bool next_json(HistoryEntry& entry);
    bool next_csv(HistoryEntry& entry);
    /// The next line; false at the end. A line over limits::transaction_json_bytes_max comes back
    /// empty, with `lines_.too_long()`.
    bool read_line(std::string& line);
    /// Why an over-long line was not read.
    std::string too_long_message() const;
    /// Whether a CSV row of the same id as `first` names the same member, time and channel.
    bool same_purchase(const std::vector<std::string>& first, const std::vector<std::string>& row) const;
    /// Why a CSV row (its fields, or none for an open quote) cannot be read.
    std::string bad_row_message(const std::optional<std::vector<std::string>>& fields) const;
    std::string csv_field(const std::vector<std::string>& row, const std::string& name) const;
    std::string purchase_json(const std::vector<CsvRow>& rows) const;

    std::ifstream file_;
    /// The file, or standard input.
    std::istream& in_;
    LineReader lines_;
    bool csv_ = false;
    Currency currency_;
    std::uint64_t bytes_total_ = 0;
    std::vector<std::string> csv_columns_;
    /// A CSV row read ahead: the first row of the next purchase.
    std::optional<CsvRow> pending_row_;
    /// The first line of the purchase being read whose row disagrees with its first row.
    std::optional<std::size_t> conflict_;
    /// A malformed CSV row read ahead: its line, and why.
    std::optional<std::pair<std::size_t, std::string>> pending_bad_line_;
};

}  // namespace loyalty::cli
