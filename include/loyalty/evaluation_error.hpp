#pragma once
// Why a transaction could not be evaluated or applied, as a value.

#include <string>

namespace loyalty {

/// Why a transaction could not be evaluated or applied; the same facts TransactionError carries.
struct EvaluationError {
    /// T0xx, documented in docs/errors.md.
    std::string code;
    std::string transaction_id;
    /// The field at fault, when one is: "items[1].quantity".
    std::string field;
    std::string message;
};

}  // namespace loyalty
