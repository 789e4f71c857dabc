#include "loyalty/transaction.hpp"


namespace loyalty {

std::string_view to_string(TransactionKind kind) {
    switch (kind) {
        case TransactionKind::purchase: return "purchase";
        case TransactionKind::product_return: return "return";
        case TransactionKind::event: return "event";
    }
    return "purchase";
}


}  // namespace loyalty
