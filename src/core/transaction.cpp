#include "loyalty/transaction.hpp"

#include <cstdio>

#include "eval/fingerprint.hpp"

namespace loyalty {

std::string_view to_string(TransactionKind kind) {
    switch (kind) {
        case TransactionKind::purchase: return "purchase";
        case TransactionKind::product_return: return "return";
        case TransactionKind::event: return "event";
    }
    return "purchase";
}

std::uint64_t fingerprint(const Transaction& transaction) { return detail::fingerprint(transaction); }

std::string fingerprint_text(std::uint64_t fingerprint) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fingerprint));
    return buffer;
}

}  // namespace loyalty
