// Any bytes as a rule file: a Program or diagnostics, never a crash, a hang or a leak.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <loyalty/loyalty.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const loyalty::LoadResult result = loyalty::Program::load_string(text, "fuzz.yaml");
    // Exactly one of the two, and every diagnostic formats.
    if (result.ok() == !result.diagnostics.empty()) __builtin_trap();
    (void)loyalty::format(result.diagnostics);
    return 0;
}
