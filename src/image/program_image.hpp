#pragma once
// A compiled program as bytes: what `loyalty compile` writes and a till loads without a YAML
// parser. The format is docs/api.md's "Program images": a header in little-endian order (a magic,
// the format's version, the payload's size, the program's content digest and the payload's
// SHA-256), then the payload, every field of the compiled program in a fixed order.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "compile/compiled_program.hpp"

namespace loyalty::detail {

inline constexpr char program_image_magic[8] = {'\x89', 'L', 'P', 'I', '\r', '\n', '\x1a', '\n'};
inline constexpr std::uint32_t program_image_version = 1;
inline constexpr std::size_t program_image_header_bytes = 88;

/// The image of `program`: the same bytes for the same rule file on every host.
std::string write_program_image(const CompiledProgram& program);

/// Why bytes are not a program this engine loads: I001 not an image, I002 another version of the
/// format, I003 cut short or too long, I004 a checksum that does not match, I005 contents that
/// no rule file compiles to.
struct ImageProblem {
    const char* code;
    std::string message;
};

/// The program an image holds, checked as the compiler would have it, or why not. Never reads past
/// `bytes`, whatever they hold.
std::variant<std::shared_ptr<const CompiledProgram>, ImageProblem> read_program_image(std::string_view bytes);

/// Whether `bytes` start as a program image does: what tells an image from a rule file.
bool looks_like_program_image(std::string_view bytes);

}  // namespace loyalty::detail
