#pragma once
// A transaction given as C structs, read into the engine's, with every text checked.

#include <optional>

#include "loyalty/evaluation_error.hpp"
#include "loyalty/loyalty.h"
#include "loyalty/transaction.hpp"

namespace loyalty::c_api {

/// Fills `transaction` from `given`, reusing its memory; or the error (C001 for a text that must
/// be there and is NULL, T100 for a time, a currency, an amount or a text that cannot be read).
std::optional<EvaluationError> read_transaction(const loyalty_transaction& given, Transaction& transaction);

}  // namespace loyalty::c_api
