#include "store/ledger_chain.hpp"

#include "core/sha256.hpp"

namespace loyalty::detail {
namespace {

void add_posting(Sha256& hash, const ChainDelta& delta, const std::string& account, std::int64_t amount) {
    for (const std::string* field : {&delta.id, &delta.kind, &delta.rule, &account, &delta.unit}) hash.add_field(*field);
    hash.add_number(amount);
    hash.add_field(delta.explanation);
}

}  // namespace

std::string chain_link(const std::string& previous, const ChainRow& row) {
    // Kept per thread: a link per recorded transaction allocates nothing once the first is taken.
    thread_local Sha256 hash;
    hash.add_field("loyalty ledger chain 1");
    hash.add_field(previous);
    for (const std::string* field : {&row.id, &row.member, &row.kind, &row.at, &row.original, &row.fingerprint,
                                     &row.program_digest, &row.program_name, &row.program_version, &row.payload}) {
        hash.add_field(*field);
    }
    hash.add_number(static_cast<std::int64_t>(2 * row.deltas.size()));
    for (const ChainDelta& delta : row.deltas) {
        add_posting(hash, delta, delta.debit, -delta.amount);
        add_posting(hash, delta, delta.credit, delta.amount);
    }
    return to_hex(hash.finish());
}

}  // namespace loyalty::detail
