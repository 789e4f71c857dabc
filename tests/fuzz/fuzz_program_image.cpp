// A program image's payload, fuzzed: behind a header whose checksum matches it, so that the
// loader's every check is reached, not only the checksum's. A payload the loader takes must then
// evaluate transactions without fault.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/sha256.hpp"
#include "image/program_image.hpp"
#include "loyalty/json.hpp"
#include "loyalty/loyalty.hpp"

namespace {

std::string image_of(const std::uint8_t* data, std::size_t size) {
    const std::string payload(reinterpret_cast<const char*>(data), size);
    std::string image(loyalty::detail::program_image_magic, sizeof loyalty::detail::program_image_magic);
    const auto append = [&image](std::uint64_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) image.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    };
    append(loyalty::detail::program_image_version, 4);
    append(loyalty::detail::program_image_header_bytes, 4);
    append(payload.size(), 8);
    image.append(32, '\0');  // the content digest: the loader takes it as given
    loyalty::detail::Sha256 hash;
    hash.add(payload);
    const auto checksum = hash.finish();
    image.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
    return image + payload;
}

const char* const transactions[] = {
    R"({"id":"p1","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","channel":"app","currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50","quantity":2}]})",
    R"({"id":"r1","member":"m1","at":"2026-03-03T10:15:00-05:00","kind":"return","original_transaction":"p1","currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50","quantity":1}]})",
    R"({"id":"b1","member":"m1","at":"2026-03-04T09:00:00-05:00","kind":"event","event":"birthday","currency":"USD"})",
    R"({"id":"c1","member":"m1","at":"2027-01-02T09:00:00-05:00","kind":"event","event":"period_close","currency":"USD","attributes":{"period":"2026"}})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const loyalty::LoadResult loaded = loyalty::Program::load_image(image_of(data, size), "fuzzed.lpi");
    if (!loaded.ok()) return 0;
    loyalty::Member member = loyalty::member_from_json(R"({"id":"m1","tier":"gold","attributes":{"birthday":"1990-03-04"}})");
    loyalty::EvaluatorState state;
    loyalty::Outcome outcome;
    for (const char* text : transactions) {
        const auto transaction = loyalty::read_transaction_json(text);
        if (loaded.program->evaluate(member, transaction.value(), state, outcome, loyalty::EvaluationOptions{true})) continue;
        (void)loaded.program->explain(outcome);
        loyalty::apply_in_place(member, outcome);
    }
    return 0;
}
