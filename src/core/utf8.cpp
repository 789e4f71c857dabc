#include "core/utf8.hpp"

namespace loyalty::detail {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte_at(i);
        std::size_t length = 0;
        unsigned char second_min = 0x80, second_max = 0xBF;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) second_min = 0xA0;  // overlong
            if (lead == 0xED) second_max = 0x9F;  // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) second_min = 0x90;  // overlong
            if (lead == 0xF4) second_max = 0x8F;  // past U+10FFFF
        } else {
            return i;
        }
        if (i + length > text.size()) return i;
        if (byte_at(i + 1) < second_min || byte_at(i + 1) > second_max) return i;
        for (std::size_t k = 2; k < length; ++k) {
            if (byte_at(i + k) < 0x80 || byte_at(i + k) > 0xBF) return i;
        }
        i += length;
    }
    return std::nullopt;
}

}  // namespace loyalty::detail
