// The smallest host: load a program, evaluate one purchase, apply the outcome.

#include <iostream>

#include <loyalty/loyalty.hpp>

int main(int argc, char** argv) {
    const loyalty::Program program = loyalty::Program::from_file(argc > 1 ? argv[1] : "rules/corner-cafe.yaml");
    loyalty::Member member = loyalty::member_from_json(R"({"id": "m1", "tier": "gold", "points": 950})");
    const loyalty::Transaction purchase = loyalty::transaction_from_json(R"({
        "id": "order-1001", "member": "m1", "at": "2026-03-02T10:15:00-05:00", "kind": "purchase",
        "channel": "app", "currency": "USD",
        "items": [{"sku": "LATTE", "category": "coffee", "unit_price": "4.50", "quantity": 2},
                  {"sku": "BEANS-1KG", "category": "beans", "unit_price": "24.00", "quantity": 1}]})");

    const loyalty::Outcome outcome = program.evaluate(member, purchase);
    for (const std::string& explanation : program.explain(outcome).value()) std::cout << explanation << "\n";
    member = loyalty::apply(member, outcome);
    std::cout << "balance: " << member.points().value << " points\n";
}
