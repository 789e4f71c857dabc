#include "store/ledger_chain.hpp"

#include "core/sha256.hpp"

namespace loyalty::detail {

std::string chain_link(const std::string& previous, const ChainRow& row) {
    Sha256 hash;
    hash.add_field("loyalty ledger chain 1");
    hash.add_field(previous);
    for (const std::string* field : {&row.id, &row.member, &row.kind, &row.at, &row.original, &row.fingerprint,
                                     &row.program_digest, &row.program_name, &row.program_version, &row.payload}) {
        hash.add_field(*field);
    }
    hash.add_number(static_cast<std::int64_t>(row.postings.size()));
    for (const ChainPosting& posting : row.postings) {
        for (const std::string* field : {&posting.delta_id, &posting.kind, &posting.rule, &posting.account, &posting.unit}) {
            hash.add_field(*field);
        }
        hash.add_number(posting.amount);
        hash.add_field(posting.explanation);
    }
    return to_hex(hash.finish());
}

}  // namespace loyalty::detail
