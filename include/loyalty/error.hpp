#pragma once
// The exceptions of the throwing API; the non-throwing API returns the same facts as values.

#include <stdexcept>
#include <string>
#include <vector>

#include "loyalty/diagnostic.hpp"

namespace loyalty {

/// Base of everything the library throws. `code()` is stable and documented in docs/errors.md.
class Error : public std::runtime_error {
public:
    Error(std::string code, const std::string& message);
    const std::string& code() const { return code_; }

private:
    std::string code_;
};

/// A rule file that cannot become a Program; carries every problem found, not just the first.
class LoadError : public Error {
public:
    explicit LoadError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// A transaction that cannot be evaluated: names the transaction and the field at fault.
/// Nothing is applied when it is thrown.
class TransactionError : public Error {
public:
    TransactionError(std::string code, std::string transaction_id, std::string field,
                     std::string message);
    const std::string& transaction_id() const { return transaction_id_; }
    const std::string& field() const { return field_; }
    /// The message without the transaction and field prefix.
    const std::string& detail() const { return detail_; }

private:
    std::string transaction_id_;
    std::string field_;
    std::string detail_;
};

/// A sum or product left the range the engine allows; never a silent wrap.
class ArithmeticError : public Error {
public:
    explicit ArithmeticError(const std::string& message);
};

}  // namespace loyalty
