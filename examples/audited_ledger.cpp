// A host that keeps its ledger in SQLite: records purchases under a program with the ledger
// protocol, prints the chain head to keep elsewhere, and audits the file, evaluating everything
// again. Run it twice: the second run finds every purchase recorded already.
//
//   audited_ledger RULES.yaml LEDGER.db

#include <iostream>
#include <string>
#include <vector>

#include <loyalty/ledger_writer.hpp>
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
        std::vector<loyalty::Transaction> purchases;
        for (const char* json : {
                 R"({"id":"a1","member":"m1","at":"2026-03-02T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50"}]})",
                 R"({"id":"a2","member":"m1","at":"2026-03-09T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"BEANS","category":"beans","unit_price":"18.00"}]})",
             }) {
            purchases.push_back(loyalty::transaction_from_json(json));
        }

        // Members' states, resends, catching up after a crash and checkpoints are the writer's.
        loyalty::LedgerWriter writer(ledger, program);
        for (const loyalty::RecordResult& result : writer.record_batch(purchases)) {
            switch (result.status) {
                case loyalty::RecordResult::Status::recorded: std::cout << "recorded\n"; break;
                case loyalty::RecordResult::Status::already_recorded: std::cout << "recorded already\n"; break;
                case loyalty::RecordResult::Status::refused: std::cout << result.code << ": " << result.message << "\n"; break;
            }
        }
        writer.finish();

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
