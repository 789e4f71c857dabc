// Evaluates a history of transactions (JSON Lines) for a set of members under one program,
// printing every transaction's deltas with their explanations and each member's final balance.
//
//   replay_sample RULES.yaml MEMBERS.jsonl TRANSACTIONS.jsonl

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>

#include <loyalty/loyalty.hpp>

namespace {

std::map<std::string, loyalty::Member> read_members(const std::string& path) {
    std::map<std::string, loyalty::Member> members;
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot open " + path);
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty()) continue;
        loyalty::Member member = loyalty::member_from_json(line);
        members.emplace(member.id, std::move(member));
    }
    return members;
}

void print_outcome(const loyalty::Program& program, const loyalty::Transaction& transaction,
                   const loyalty::Outcome& outcome) {
    std::cout << transaction.id << "  " << transaction.at.to_string() << "  " << transaction.member_id
              << "  " << (transaction.channel.empty() ? "-" : transaction.channel) << "\n";
    if (outcome.already_applied) {
        std::cout << "    already applied: nothing changes\n";
        return;
    }
    if (outcome.deltas.empty()) std::cout << "    nothing changes\n";
    for (std::size_t position = 0; position < outcome.deltas.size(); ++position) {
        const loyalty::Delta& delta = outcome.deltas[position];
        // Signed as the member sees it: what comes to one of the member's accounts is +.
        const char* sign = loyalty::is_member_account(delta.credit) ? "+" : "-";
        const std::string unit = outcome.unit(delta);
        const auto currency = loyalty::Currency::find(unit);
        const std::string amount =
            currency ? loyalty::Money(delta.amount, *currency).to_string() : std::to_string(delta.amount) + " " + unit;
        std::cout << "    " << sign << std::left << std::setw(16) << amount << std::setw(18) << outcome.rule_id(delta)
                  << program.explain(outcome, position).value() << "\n";
    }
}

void print_balances(const std::map<std::string, loyalty::Member>& members) {
    std::cout << "Final balances\n";
    for (const auto& [id, member] : members) {
        std::cout << "  " << std::left << std::setw(8) << id << std::setw(8) << (member.tier.empty() ? "member" : member.tier)
                  << std::right << std::setw(7) << member.points().value << " points\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: replay_sample RULES.yaml MEMBERS.jsonl TRANSACTIONS.jsonl\n";
        return 2;
    }
    try {
        const loyalty::Program program = loyalty::Program::from_file(argv[1]);
        auto members = read_members(argv[2]);
        std::cout << program.name() << " (version " << program.version() << ", " << program.currency().code()
                  << ", time zone " << program.time_zone() << ")\n\n";

        std::ifstream history(argv[3]);
        if (!history) throw std::runtime_error(std::string("cannot open ") + argv[3]);
        std::string line;
        int line_number = 0, applied = 0, refused = 0;
        // One evaluator state and one outcome for every transaction: the working memory is
        // reused, and evaluating and applying stop allocating once members stop growing.
        loyalty::EvaluatorState evaluator;
        loyalty::Outcome outcome;
        // A return may take back a referrer's bonus: the evaluation reads the referrer here.
        loyalty::EvaluationOptions options;
        options.other_member = [&](const std::string& id) -> const loyalty::Member* {
            const auto other = members.find(id);
            return other == members.end() ? nullptr : &other->second;
        };
        const auto refuse = [&](const loyalty::EvaluationError& error) {
            std::cout << "line " << line_number << ": refused, nothing applied: transaction '" << error.transaction_id
                      << "'" << (error.field.empty() ? "" : ", " + error.field) << ": error[" << error.code << "]: "
                      << error.message << "\n";
            ++refused;
        };
        while (std::getline(history, line)) {
            ++line_number;
            if (line.empty()) continue;
            const auto read = loyalty::read_transaction_json(line);
            if (!read) {
                refuse(read.error());
                continue;
            }
            const loyalty::Transaction& transaction = *read;
            auto member = members.find(transaction.member_id);
            if (member == members.end()) {
                refuse({"T012", transaction.id, "member", "the member '" + transaction.member_id + "' is unknown"});
                continue;
            }
            if (const auto error = program.evaluate(member->second, transaction, evaluator, outcome, options)) {
                refuse(*error);
                continue;
            }
            print_outcome(program, transaction, outcome);
            // Each member the outcome belongs to (the buyer, a referrer) folds in its own effects.
            for (const std::string& owner : outcome.owners()) {
                loyalty::Member& state = members.try_emplace(owner).first->second;
                state.id = owner;
                if (const auto error = loyalty::apply_in_place(state, outcome, evaluator)) refuse(*error);
            }
            ++applied;
        }

        std::cout << "\n" << applied << " transactions evaluated, " << refused << " refused.\n\n";
        print_balances(members);
        return 0;
    } catch (const loyalty::LoadError& error) {
        std::cerr << error.what();
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << "\n";
        return 1;
    }
}
