#include "compile/program_digest.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "core/hex_digit.hpp"
#include "core/sha256.hpp"

namespace loyalty {

std::string ProgramDigest::to_hex() const { return detail::to_hex(bytes); }

std::optional<ProgramDigest> ProgramDigest::from_hex(std::string_view text) {
    const auto bytes = detail::bytes_of_hex(text);
    ProgramDigest digest;
    if (!bytes || bytes->size() != digest.bytes.size()) return std::nullopt;
    std::copy(bytes->begin(), bytes->end(), digest.bytes.begin());
    return digest;
}

namespace detail {
namespace {

void add_node(Sha256& hash, const RuleNode& node) {
    switch (node.kind) {
        case RuleNode::Kind::null: hash.add("n"); break;
        case RuleNode::Kind::scalar:
            hash.add(node.plain ? "p" : "q");
            hash.add_field(node.text);
            break;
        case RuleNode::Kind::sequence:
            hash.add("s");
            hash.add_number(static_cast<std::int64_t>(node.items.size()));
            for (const RuleNode& item : node.items) add_node(hash, item);
            break;
        case RuleNode::Kind::mapping: {
            std::vector<const std::pair<RuleNode, RuleNode>*> entries;
            for (const auto& entry : node.entries) entries.push_back(&entry);
            // Keys are scalars in a program that compiles; a mapping's meaning is not its order.
            std::stable_sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
                return std::tie(a->first.text, a->first.plain) < std::tie(b->first.text, b->first.plain);
            });
            hash.add("m");
            hash.add_number(static_cast<std::int64_t>(entries.size()));
            for (const auto* entry : entries) {
                add_node(hash, entry->first);
                add_node(hash, entry->second);
            }
            break;
        }
    }
}

}  // namespace

ProgramDigest digest_of(const RuleNode& tree) {
    Sha256 hash;
    // Named and numbered, so that another canonical form later can never give a digest of this one.
    hash.add_field("loyalty program content 1");
    add_node(hash, tree);
    ProgramDigest digest;
    digest.bytes = hash.finish();
    return digest;
}

}  // namespace detail
}  // namespace loyalty
