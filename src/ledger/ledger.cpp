#include "loyalty/ledger.hpp"

namespace loyalty {

std::string Account::to_string() const {
    switch (kind) {
        case AccountKind::member_points: return "member:" + member_id + ":points";
        case AccountKind::program_points_issued: return "program:points_issued";
        case AccountKind::program_points_redeemed: return "program:points_redeemed";
        case AccountKind::program_points_expired: return "program:points_expired";
    }
    return "unknown";
}

std::string_view to_string(DeltaKind kind) {
    switch (kind) {
        case DeltaKind::earn: return "earn";
        case DeltaKind::expire: return "expire";
    }
    return "unknown";
}

std::vector<Posting> Delta::postings() const {
    return {{debit, unit, -amount}, {credit, unit, amount}};
}

}  // namespace loyalty
