#pragma once
// What the audit of a ledger reports: each problem with its code and row, at most so many of a code.

#include <map>
#include <string>

#include "loyalty/sqlite_ledger.hpp"
#include "store/ledger_rows.hpp"

namespace loyalty::detail {

class AuditReport {
public:
    AuditReport(LedgerVerification& result, std::size_t listed_per_code) : result_(result), listed_per_code_(listed_per_code) {}

    void problem(const std::string& code, const std::string& row, const std::string& message) {
        if (listed_[code]++ < listed_per_code_) {
            result_.problems.push_back({code, row, message});
        } else {
            ++result_.problems_not_listed;
        }
    }
    LedgerVerification& result() { return result_; }

private:
    LedgerVerification& result_;
    std::size_t listed_per_code_;
    std::map<std::string, std::size_t> listed_;
};

inline std::string transaction_row(const StoredTransaction& stored) {
    return "transactions row " + std::to_string(stored.sequence) + " ('" + stored.row.id + "')";
}

inline std::string member_row(const std::string& id) { return "members row '" + id + "'"; }

}  // namespace loyalty::detail
