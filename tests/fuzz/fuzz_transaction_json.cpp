// Any bytes as transaction or member JSON: read or refused with T100/M100, never a crash. What
// reads writes back to bytes that read to the same bytes again.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <loyalty/loyalty.hpp>

namespace {

template <typename Read>
void round_trip(std::string_view text, Read read) {
    try {
        const auto value = read(text);
        const std::string once = loyalty::to_json(value);
        if (loyalty::to_json(read(once)) != once) __builtin_trap();
    } catch (const loyalty::Error&) {
        // A refusal is an answer; only an exception of another kind would escape and crash.
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    round_trip(text, [](std::string_view json) { return loyalty::transaction_from_json(json); });
    round_trip(text, [](std::string_view json) { return loyalty::member_from_json(json); });
    return 0;
}
