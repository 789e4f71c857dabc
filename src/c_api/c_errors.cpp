// Errors as C sees them: a status, and a value listing every problem.
#include "c_api/c_errors.hpp"

#include <cstdlib>
#include <cstring>

namespace loyalty::c_api {
namespace {

/// As the command line prints it: a rule file's problems as a compiler's, a transaction's naming
/// it and its field.
std::string report_of(const loyalty_error& made) {
    std::string report;
    for (const Diagnostic& diagnostic : made.diagnostics) {
        if (!diagnostic.file.empty()) {
            report += format(diagnostic);
            continue;
        }
        if (!made.transaction_id.empty()) report += "transaction '" + made.transaction_id + "'" + (made.field.empty() ? ": " : ", ");
        if (!made.field.empty()) report += made.field + ": ";
        report += "error[" + diagnostic.code + "]: " + diagnostic.message + "\n";
    }
    return report;
}

loyalty_status store(loyalty_error** error, loyalty_error&& made) noexcept {
    const loyalty_status status = made.status;
    if (error == nullptr) return status;
    try {
        made.report = report_of(made);
        *error = new loyalty_error(std::move(made));
    } catch (...) {
        *error = nullptr;
    }
    return status;
}

}  // namespace

loyalty_status fail(loyalty_error** error, loyalty_status status, const std::string& code, const std::string& message,
                    const std::string& field, const std::string& transaction_id) noexcept {
    if (error == nullptr) return status;
    try {
        loyalty_error made;
        made.status = status;
        made.field = field;
        made.transaction_id = transaction_id;
        Diagnostic diagnostic;
        diagnostic.code = code;
        diagnostic.message = message;
        made.diagnostics.push_back(std::move(diagnostic));
        return store(error, std::move(made));
    } catch (...) {
        *error = nullptr;
        return status;
    }
}

loyalty_status fail(loyalty_error** error, loyalty_status status, const EvaluationError& evaluation_error) noexcept {
    return fail(error, status, evaluation_error.code, evaluation_error.message, evaluation_error.field,
                evaluation_error.transaction_id);
}

loyalty_status fail_load(loyalty_error** error, const LoadError& load_error) noexcept {
    if (error == nullptr) return LOYALTY_INVALID_PROGRAM;
    try {
        loyalty_error made;
        made.status = LOYALTY_INVALID_PROGRAM;
        made.diagnostics = load_error.diagnostics();
        return store(error, std::move(made));
    } catch (...) {
        *error = nullptr;
        return LOYALTY_INVALID_PROGRAM;
    }
}

loyalty_status fail_null(loyalty_error** error, const char* what) noexcept {
    return fail(error, LOYALTY_INVALID_ARGUMENT, "C001", std::string(what) + " is NULL");
}

loyalty_status status_of_code(const std::string& code) noexcept {
    switch (code.empty() ? '?' : code[0]) {
        case 'E':
        case 'I': return LOYALTY_INVALID_PROGRAM;
        case 'T': return code == "T100" ? LOYALTY_INVALID_INPUT : LOYALTY_REFUSED;
        case 'M':
        case 'A': return LOYALTY_INVALID_INPUT;
        case 'L': return LOYALTY_LEDGER_ERROR;
        case 'X': return LOYALTY_EXPLAIN_ERROR;
        default: return LOYALTY_INTERNAL_ERROR;
    }
}

char* copy_for_caller(const std::string& text) {
    auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, text.data(), text.size() + 1);
    return copy;
}

}  // namespace loyalty::c_api

extern "C" {

void loyalty_free(void* text) { std::free(text); }

void loyalty_error_free(loyalty_error* error) { delete error; }

const char* loyalty_error_code(const loyalty_error* error) {
    return error == nullptr || error->diagnostics.empty() ? "" : error->diagnostics.front().code.c_str();
}

const char* loyalty_error_message(const loyalty_error* error) {
    return error == nullptr || error->diagnostics.empty() ? "" : error->diagnostics.front().message.c_str();
}

const char* loyalty_error_field(const loyalty_error* error) { return error == nullptr ? "" : error->field.c_str(); }

const char* loyalty_error_transaction_id(const loyalty_error* error) {
    return error == nullptr ? "" : error->transaction_id.c_str();
}

const char* loyalty_error_report(const loyalty_error* error) { return error == nullptr ? "" : error->report.c_str(); }

size_t loyalty_error_diagnostic_count(const loyalty_error* error) {
    return error == nullptr ? 0 : error->diagnostics.size();
}

loyalty_status loyalty_error_diagnostic(const loyalty_error* error, size_t index, loyalty_diagnostic* diagnostic) {
    if (error == nullptr || diagnostic == nullptr || index >= error->diagnostics.size()) return LOYALTY_INVALID_ARGUMENT;
    const loyalty::Diagnostic& found = error->diagnostics[index];
    *diagnostic = {found.code.c_str(), found.message.c_str(), found.file.c_str(), found.line, found.column};
    return LOYALTY_OK;
}

const char* loyalty_status_name(loyalty_status status) {
    switch (status) {
        case LOYALTY_OK: return "LOYALTY_OK";
        case LOYALTY_INVALID_ARGUMENT: return "LOYALTY_INVALID_ARGUMENT";
        case LOYALTY_INVALID_PROGRAM: return "LOYALTY_INVALID_PROGRAM";
        case LOYALTY_INVALID_INPUT: return "LOYALTY_INVALID_INPUT";
        case LOYALTY_REFUSED: return "LOYALTY_REFUSED";
        case LOYALTY_LEDGER_ERROR: return "LOYALTY_LEDGER_ERROR";
        case LOYALTY_BUFFER_TOO_SMALL: return "LOYALTY_BUFFER_TOO_SMALL";
        case LOYALTY_EXPLAIN_ERROR: return "LOYALTY_EXPLAIN_ERROR";
        case LOYALTY_OUT_OF_MEMORY: return "LOYALTY_OUT_OF_MEMORY";
        case LOYALTY_INTERNAL_ERROR: return "LOYALTY_INTERNAL_ERROR";
    }
    return "an unknown status";
}

}  // extern "C"
