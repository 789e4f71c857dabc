#include "store/ledger_member_states.hpp"

#include "loyalty/json.hpp"

namespace loyalty::detail {
namespace {

/// The currency store credit is kept in: the programs' own, when the ledger holds their rules
/// and they agree.
std::optional<Currency> credit_currency(const std::map<std::int64_t, Program>& programs) {
    std::optional<Currency> currency;
    for (const auto& [id, program] : programs) {
        if (currency && *currency != program.currency()) return std::nullopt;
        currency = program.currency();
    }
    return currency;
}

}  // namespace

void check_member_states(SqliteDatabase& database, LedgerCompression& compression, std::int64_t checkpoint,
                         const std::unordered_map<std::string, std::string>& opening_tiers,
                         const std::map<std::int64_t, Program>& programs, AuditReport& report) {
    std::unordered_map<std::string, std::int64_t> balances;
    std::unordered_map<std::string, std::string> tiers;
    // Each side of each delta, summed by account key and unit key first: the names are joined once.
    SqliteStatement sums(database,
                         "WITH counted AS (SELECT d.debit AS account, d.unit, -d.amount AS amount FROM deltas d "
                         "JOIN transactions t ON t.sequence = d.transaction_sequence WHERE t.sequence <= ?1 OR t.kind = 'opening' "
                         "UNION ALL SELECT d.credit, d.unit, d.amount FROM deltas d "
                         "JOIN transactions t ON t.sequence = d.transaction_sequence WHERE t.sequence <= ?1 OR t.kind = 'opening'), "
                         "sums AS (SELECT account, unit, SUM(amount) AS amount FROM counted GROUP BY account, unit) "
                         "SELECT a.name, u.name, s.amount FROM sums s JOIN accounts a ON a.key = s.account "
                         "JOIN units u ON u.key = s.unit WHERE a.name >= 'member:' AND a.name < 'member;'");
    sums.bind(1, checkpoint);
    while (sums.step()) balances[sums.text(0) + "\n" + sums.text(1)] += sums.integer(2);
    SqliteStatement tier_changes(database,
                                 "SELECT a.name, u.name FROM deltas d JOIN accounts a ON a.key = d.credit "
                                 "JOIN units u ON u.key = d.unit WHERE d.kind = 'tier_change' AND d.transaction_sequence <= ?1 "
                                 "ORDER BY d.transaction_sequence, d.position");
    tier_changes.bind(1, checkpoint);
    while (tier_changes.step()) tiers[tier_changes.text(0)] = tier_changes.text(1);

    SqliteStatement members(database, "SELECT id, points, state FROM members ORDER BY id");
    while (members.step()) {
        const std::string id = members.text(0);
        const std::string row = member_row(id);
        Member state;
        try {
            state = member_from_json(compression.decompress(members.blob(2)));
        } catch (const Error& error) {
            report.problem("V011", row, std::string("the stored state cannot be read: ") + error.what());
            continue;
        }
        const auto balance = [&](AccountKind kind, const std::string& unit) {
            const auto found = balances.find(Account{kind, id}.to_string() + "\n" + unit);
            return found == balances.end() ? 0 : found->second;
        };
        const auto compare = [&](const char* what, std::int64_t stored, std::int64_t posted) {
            if (stored != posted) {
                report.problem("V011", row, std::string("the stored ") + what + " is " + std::to_string(stored) +
                                         "; its postings up to the checkpoint give " + std::to_string(posted));
            }
        };
        if (state.id != id) report.problem("V011", row, "the stored state is member '" + state.id + "''s");
        compare("points column", members.integer(1), state.points().value);
        compare("spendable balance", state.points().value, balance(AccountKind::member_points, "points"));
        compare("pending balance", state.pending_points().value, balance(AccountKind::member_pending, "points"));
        compare("owed balance", state.owed.value, -balance(AccountKind::member_owed, "points"));
        if (const auto currency = credit_currency(programs)) {
            compare("store credit", state.store_credit, balance(AccountKind::member_credit, std::string(currency->code())));
        }
        if (const auto changed = tiers.find(Account{AccountKind::member_tier, id}.to_string()); changed != tiers.end()) {
            if (changed->second != "tier:" + state.tier) {
                report.problem("V011", row, "the stored tier is '" + state.tier + "'; its last tier change up to the checkpoint "
                                     "was to '" + changed->second.substr(5) + "'");
            }
        } else if (const auto opened = opening_tiers.find(id); opened != opening_tiers.end() && opened->second != state.tier) {
            report.problem("V011", row, "the stored tier is '" + state.tier + "'; it joined in '" + opened->second +
                                     "' and no tier change was posted up to the checkpoint");
        }
    }
}

}  // namespace loyalty::detail
