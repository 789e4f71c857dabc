// A host that keeps its ledger in SQLite: records a few purchases of one member under a program,
// prints the chain head to keep elsewhere, and audits the file, evaluating everything again.
//
//   audited_ledger RULES.yaml LEDGER.db

#include <iostream>
#include <string>
#include <vector>

#include <loyalty/loyalty.hpp>
#include <loyalty/sqlite_ledger.hpp>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: audited_ledger RULES.yaml LEDGER.db\n";
        return 2;
    }
    try {
        const auto program = loyalty::Program::from_file(argv[1]);
        auto ledger = loyalty::SqliteLedger::open(argv[2], true);

        // The member as the ledger has it, or new.
        loyalty::Member member;
        member.id = "m1";
        bool joining = true;
        if (auto stored = ledger.member(member.id)) {
            member = std::move(*stored);
            joining = false;
        }
        const std::vector<std::string> purchases = {
            R"({"id":"a1","member":"m1","at":"2026-03-02T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50"}]})",
            R"({"id":"a2","member":"m1","at":"2026-03-09T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"BEANS","category":"beans","unit_price":"18.00"}]})",
        };
        ledger.begin_batch();
        for (const std::string& json : purchases) {
            const auto transaction = loyalty::transaction_from_json(json);
            if (ledger.recorded_state(transaction.id, loyalty::fingerprint(transaction)) != loyalty::RecordedState::absent) {
                continue;  // a resend: recorded already
            }
            const loyalty::Outcome outcome = program.evaluate(member, transaction);
            // A member new to the ledger joins it, with its opening balance, with its first transaction.
            ledger.record(program, transaction, outcome, joining ? std::vector<const loyalty::Member*>{&member}
                                                                 : std::vector<const loyalty::Member*>{});
            joining = false;
            loyalty::apply_in_place(member, outcome);
        }
        ledger.record_checkpoint({&member});
        ledger.commit_batch();

        std::cout << "chain head " << ledger.chain_head() << "\n";
        loyalty::VerifyOptions audit;
        audit.deep = true;
        audit.head = ledger.chain_head();
        const loyalty::LedgerVerification verification = ledger.verify(audit);
        for (const loyalty::LedgerProblem& problem : verification.problems) {
            std::cout << problem.code << " " << problem.row << ": " << problem.message << "\n";
        }
        std::cout << (verification.sound() ? "sound" : "problems") << ", " << verification.transactions_evaluated
                  << " transactions evaluated again\n";
        return verification.sound() ? 0 : 1;
    } catch (const loyalty::Error& error) {
        std::cerr << error.what() << "\n";
        return 1;
    }
}
