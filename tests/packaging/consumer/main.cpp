#include <iostream>

#include <loyalty/loyalty.hpp>

int main(int, char** argv) {
    const auto program = loyalty::Program::from_file(argv[1]);
    const loyalty::Member member = loyalty::member_from_json(R"({"id": "m1"})");
    const auto purchase = loyalty::transaction_from_json(
        R"({"id": "t1", "member": "m1", "at": "2026-03-02T10:00:00-06:00", "kind": "purchase",
            "currency": "USD", "items": [{"sku": "A", "unit_price": "60.50"}]})");
    std::cout << "consumer: " << loyalty::apply(member, program.evaluate(member, purchase)).points().value
              << " points\n";
}
