#include "cli/return_check.hpp"

#include <map>

namespace loyalty::cli {

std::optional<std::string> check_return(const SqliteLedger& ledger, const Transaction& product_return) {
    const std::string& purchase_id = product_return.original_transaction_id;
    const auto purchase = ledger.transaction(purchase_id);
    if (!purchase || purchase->kind != TransactionKind::purchase) {
        return "returns purchase '" + purchase_id + "', which the ledger has never recorded";
    }
    if (purchase->member_id != product_return.member_id) {
        return "returns purchase '" + purchase_id + "' of member '" + purchase->member_id + "', not of '" +
               product_return.member_id + "'";
    }
    std::map<std::string, std::int64_t> returnable;
    for (const LineItem& item : purchase->items) returnable[item.sku] += item.quantity;
    for (const Transaction& earlier : ledger.returns_of(purchase_id)) {
        // A return replayed again is already among them: it is not an earlier one.
        if (earlier.id == product_return.id) continue;
        for (const LineItem& item : earlier.items) returnable[item.sku] -= item.quantity;
    }
    for (const LineItem& item : product_return.items) {
        const auto left = returnable.find(item.sku);
        if (left == returnable.end()) return "returns '" + item.sku + "', which purchase '" + purchase_id + "' did not have";
        if (item.quantity > left->second) {
            return "returns " + std::to_string(item.quantity) + " of '" + item.sku + "', but only " +
                   std::to_string(left->second) + " of purchase '" + purchase_id + "' remain to return";
        }
        left->second -= item.quantity;
    }
    return std::nullopt;
}

}  // namespace loyalty::cli
