#pragma once
// How the C API turns every failure into a status and an error value: no exception leaves it.

#include <new>
#include <string>

#include "c_api/c_handles.hpp"
#include "loyalty/error.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/result.hpp"

namespace loyalty::c_api {

/// Stores a new error in `*error` (when `error` is not null) and returns `status`. Never throws:
/// without memory for the error, `*error` stays null and the status still says what failed.
loyalty_status fail(loyalty_error** error, loyalty_status status, const std::string& code, const std::string& message,
                    const std::string& field = "", const std::string& transaction_id = "") noexcept;
loyalty_status fail(loyalty_error** error, loyalty_status status, const EvaluationError& evaluation_error) noexcept;
/// Every diagnostic of a rule file that did not load.
loyalty_status fail_load(loyalty_error** error, const LoadError& load_error) noexcept;
/// C001: `what` is NULL where a value is needed.
loyalty_status fail_null(loyalty_error** error, const char* what) noexcept;
/// The status of an error's code: E rule files, T transactions, M members, L ledgers, X explanations.
loyalty_status status_of_code(const std::string& code) noexcept;

/// Runs `work` (returning a status), turning whatever it throws into a status and an error.
template <typename Work>
loyalty_status guarded(loyalty_error** error, Work&& work) noexcept {
    if (error != nullptr) *error = nullptr;
    try {
        return work();
    } catch (const std::bad_alloc&) {
        return fail(error, LOYALTY_OUT_OF_MEMORY, "C003", "out of memory");
    } catch (const LoadError& load_error) {
        return fail_load(error, load_error);
    } catch (const TransactionError& refusal) {
        return fail(error, status_of_code(refusal.code()), refusal.code(), refusal.detail(), refusal.field(),
                    refusal.transaction_id());
    } catch (const Error& failure) {
        return fail(error, status_of_code(failure.code()), failure.code(), failure.what());
    } catch (const std::exception& failure) {
        return fail(error, LOYALTY_INTERNAL_ERROR, "C004", failure.what());
    } catch (...) {
        return fail(error, LOYALTY_INTERNAL_ERROR, "C004", "an exception of an unknown kind");
    }
}

/// A text this API allocates for the caller, who frees it with loyalty_free.
char* copy_for_caller(const std::string& text);

}  // namespace loyalty::c_api
