// Links loyalty::sqlite_ledger: records one purchase into a new ledger and reads the member back.
#include <cstdio>
#include <iostream>

#include <loyalty/ledger_writer.hpp>
#include <loyalty/loyalty.hpp>
#include <loyalty/sqlite_ledger.hpp>

int main(int, char** argv) {
    const auto program = loyalty::Program::from_file(argv[1]);
    std::remove(argv[2]);
    loyalty::SqliteLedger ledger = loyalty::SqliteLedger::open(argv[2], true);
    loyalty::LedgerWriter writer(ledger, program);
    const auto results = writer.record_batch({loyalty::transaction_from_json(
        R"({"id": "t1", "member": "m1", "at": "2026-03-02T10:00:00-06:00", "kind": "purchase",
            "currency": "USD", "items": [{"sku": "A", "unit_price": "60.50"}]})")});
    writer.finish();
    std::cout << "ledger consumer: " << ledger.member("m1")->points().value << " points\n";
    return results.front().status == loyalty::RecordResult::Status::recorded ? 0 : 1;
}
