#include "cli/history_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::cli {
namespace {

const std::vector<std::string> csv_required = {"id", "member", "at", "sku", "unit_price"};
const std::vector<std::string> csv_known = {"id",  "member",   "at",         "channel", "sku",
                                            "category", "unit_price", "quantity", "discount"};

/// One CSV record (RFC 4180 quoting), or nothing when a quote is left open.
std::optional<std::vector<std::string>> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return fields;
}

/// `text` as a JSON string literal; throws nlohmann's type_error for invalid UTF-8.
std::string json_text(const std::string& text) { return nlohmann::json(text).dump(); }

}  // namespace

HistoryReader::HistoryReader(const std::string& path, Currency currency)
    : in_(path == "-" ? std::cin : static_cast<std::istream&>(file_)), lines_(in_, limits::transaction_json_bytes_max),
      currency_(currency) {
    if (path == "-") return;
    file_.open(path, std::ios::binary);
    if (!file_) throw std::runtime_error("cannot open '" + path + "'");
    bytes_total_ = std::filesystem::file_size(path);
    const std::string suffix = ".csv";
    csv_ = path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (!csv_) return;
    std::string header;
    if (!read_line(header) || lines_.too_long()) {
        throw std::runtime_error("'" + path + "' has no header line; a CSV history starts with its header");
    }
    const auto columns = split_csv(header);
    if (!columns) throw std::runtime_error("'" + path + "', line 1: the header has an unclosed quote");
    csv_columns_ = *columns;
    for (const std::string& column : csv_columns_) {
        if (std::find(csv_known.begin(), csv_known.end(), column) == csv_known.end()) {
            throw std::runtime_error("'" + path + "', line 1: unknown column '" + column +
                                     "'; columns are id, member, at, channel, sku, category, unit_price, quantity, discount");
        }
    }
    for (const std::string& column : csv_required) {
        if (std::find(csv_columns_.begin(), csv_columns_.end(), column) == csv_columns_.end()) {
            throw std::runtime_error("'" + path + "', line 1: the header needs a column '" + column + "'");
        }
    }
}

bool HistoryReader::read_line(std::string& line) { return lines_.next(line); }

std::string HistoryReader::too_long_message() const {
    return "the line is longer than " + std::to_string(lines_.line_bytes_max()) + " bytes, the most one transaction takes; not read";
}

bool HistoryReader::next(HistoryEntry& entry) {
    entry = HistoryEntry{};
    return csv_ ? next_csv(entry) : next_json(entry);
}

bool HistoryReader::next_json(HistoryEntry& entry) {
    std::string line;
    do {
        if (!read_line(line)) return false;
    } while (!lines_.too_long() && line.find_first_not_of(" \t\r") == std::string::npos);
    entry.line = lines_.line_number();
    if (lines_.too_long()) {
        entry.error_code = "T100";
        entry.error = too_long_message();
        return true;
    }
    try {
        entry.transaction = transaction_from_json(line);
        entry.transaction_id = entry.transaction->id;
    } catch (const TransactionError& error) {
        entry.transaction_id = error.transaction_id();
        entry.error_code = error.code();
        entry.error = (error.field().empty() ? "" : error.field() + ": ") + error.detail();
    }
    return true;
}

bool HistoryReader::same_purchase(const std::vector<std::string>& first, const std::vector<std::string>& row) const {
    return csv_field(first, "member") == csv_field(row, "member") && csv_field(first, "at") == csv_field(row, "at") &&
           csv_field(first, "channel") == csv_field(row, "channel");
}

std::string HistoryReader::bad_row_message(const std::optional<std::vector<std::string>>& fields) const {
    if (lines_.too_long()) return too_long_message();
    if (!fields) return "a quote is left open";
    return "expected " + std::to_string(csv_columns_.size()) + " columns, found " + std::to_string(fields->size());
}

std::string HistoryReader::csv_field(const std::vector<std::string>& row, const std::string& name) const {
    const auto at = std::find(csv_columns_.begin(), csv_columns_.end(), name);
    return at == csv_columns_.end() ? std::string() : row[static_cast<std::size_t>(at - csv_columns_.begin())];
}

std::string HistoryReader::purchase_json(const std::vector<CsvRow>& rows) const {
    const auto& first = rows.front().second;
    std::string json = "{\"id\":" + json_text(csv_field(first, "id")) + ",\"member\":" +
                       json_text(csv_field(first, "member")) + ",\"at\":" + json_text(csv_field(first, "at")) +
                       ",\"kind\":\"purchase\",\"currency\":\"" + std::string(currency_.code()) + "\"";
    if (!csv_field(first, "channel").empty()) json += ",\"channel\":" + json_text(csv_field(first, "channel"));
    json += ",\"items\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i].second;
        json += std::string(i ? ",{" : "{") + "\"sku\":" + json_text(csv_field(row, "sku")) +
                ",\"unit_price\":" + json_text(csv_field(row, "unit_price"));
        if (!csv_field(row, "category").empty()) json += ",\"category\":" + json_text(csv_field(row, "category"));
        const std::string quantity = csv_field(row, "quantity");
        if (!quantity.empty()) {
            // Digits go in as a JSON number; anything else as text, for the reader to refuse by name
            // ("007" is not a JSON number either).
            const bool digits = quantity.find_first_not_of("0123456789") == std::string::npos && quantity.size() < 10 &&
                                (quantity.size() == 1 || quantity[0] != '0');
            json += ",\"quantity\":" + (digits ? quantity : json_text(quantity));
        }
        if (!csv_field(row, "discount").empty()) json += ",\"discount\":" + json_text(csv_field(row, "discount"));
        json += "}";
    }
    return json + "]}";
}

bool HistoryReader::next_csv(HistoryEntry& entry) {
    std::vector<CsvRow> rows;
    if (pending_row_) {
        rows.push_back(std::move(*pending_row_));
        pending_row_.reset();
    }
    std::string line;
    while (read_line(line)) {
        if (!lines_.too_long() && line.find_first_not_of(" \t\r,") == std::string::npos) continue;
        auto fields = lines_.too_long() ? std::nullopt : split_csv(line);
        if (!fields || fields->size() != csv_columns_.size()) {
            if (!rows.empty()) {
                // Finish the purchase read so far; this row is reported next.
                pending_bad_line_ = {lines_.line_number(), bad_row_message(fields)};
                break;
            }
            entry.line = lines_.line_number();
            entry.error_code = "T100";
            entry.error = bad_row_message(fields);
            return true;
        }
        if (!rows.empty() && csv_field(*fields, "id") != csv_field(rows.front().second, "id")) {
            pending_row_.emplace(lines_.line_number(), std::move(*fields));
            break;
        }
        if (!rows.empty() && !conflict_ && !same_purchase(rows.front().second, *fields)) conflict_ = lines_.line_number();
        rows.emplace_back(lines_.line_number(), std::move(*fields));
    }
    if (rows.empty()) {
        if (!pending_bad_line_) return false;
        entry.line = pending_bad_line_->first;
        entry.error_code = "T100";
        entry.error = pending_bad_line_->second;
        pending_bad_line_.reset();
        return true;
    }

    entry.line = rows.front().first;
    entry.transaction_id = csv_field(rows.front().second, "id");
    // Rows of one id that name another member, time or channel are not lines of one purchase:
    // joining them would credit one member with another's spend.
    if (conflict_) {
        const auto other = std::find_if(rows.begin(), rows.end(), [&](const CsvRow& row) { return row.first == *conflict_; });
        entry.error_code = "T100";
        entry.error = "rows with id '" + entry.transaction_id + "' disagree: line " + std::to_string(rows.front().first) +
                      " is for member '" + csv_field(rows.front().second, "member") + "' at " + csv_field(rows.front().second, "at") +
                      ", line " + std::to_string(other->first) + " for member '" + csv_field(other->second, "member") + "' at " +
                      csv_field(other->second, "at") + "; the rows of one purchase name one member, time and channel";
        conflict_.reset();
        return true;
    }
    // The purchase goes through the JSON reader, so CSV and JSON Lines are checked alike.
    try {
        entry.transaction = transaction_from_json(purchase_json(rows));
    } catch (const TransactionError& error) {
        entry.error_code = error.code();
        entry.error = (error.field().empty() ? "" : error.field() + ": ") + error.detail();
    } catch (const nlohmann::json::exception&) {
        entry.error_code = "T100";
        entry.error = "the row is not valid UTF-8";
    }
    return true;
}

}  // namespace loyalty::cli
