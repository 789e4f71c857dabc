#include "core/raise.hpp"
#include "loyalty/error.hpp"

#include <new>
#include <stdexcept>

namespace loyalty {

Error::Error(std::string code, const std::string& message)
    : std::runtime_error(message), code_(std::move(code)) {}

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : Error(diagnostics.empty() ? std::string("E000") : diagnostics.front().code,
            format(diagnostics)),
      diagnostics_(std::move(diagnostics)) {}

TransactionError::TransactionError(std::string code, std::string transaction_id,
                                   std::string field, std::string message)
    : Error(code, "transaction '" + transaction_id + "'" + (field.empty() ? "" : ", " + field) +
                      ": error[" + code + "]: " + message),
      transaction_id_(std::move(transaction_id)),
      field_(std::move(field)),
      detail_(std::move(message)) {}

ArithmeticError::ArithmeticError(const std::string& message) : Error("A001", message) {}

}  // namespace loyalty

namespace loyalty::detail {

void raise_out_of_range(const char* what, const WideInteger& value, std::int64_t limit) {
    throw ArithmeticError(std::string(what) + " " + value.to_string() + " exceeds the limit of " + std::to_string(limit));
}

void raise_currency_mismatch(Currency a, Currency b) {
    throw ArithmeticError("cannot combine " + std::string(a.code()) + " and " + std::string(b.code()) + " amounts");
}

void raise_invalid_argument(const char* message) { throw std::invalid_argument(message); }

void raise_out_of_memory() { throw std::bad_alloc(); }

}  // namespace loyalty::detail
