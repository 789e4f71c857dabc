#include "image/program_image.hpp"

#include <cstring>

#include "core/sha256.hpp"
#include "image/program_check.hpp"
#include "image/program_visit.hpp"

namespace loyalty::detail {
namespace {

void append_little_endian(std::string& bytes, std::uint64_t value, int size) {
    for (int i = 0; i < size; ++i) bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t read_little_endian(std::string_view bytes, std::size_t at, int size) {
    std::uint64_t value = 0;
    for (int i = 0; i < size; ++i) {
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)])) << (8 * i);
    }
    return value;
}

Sha256Digest digest_of(std::string_view payload) {
    Sha256 hash;
    hash.add(payload);
    return hash.finish();
}

ImageProblem malformed(const std::string& what) { return {"I005", "the image holds " + what}; }

}  // namespace

bool looks_like_program_image(std::string_view bytes) {
    return bytes.size() >= sizeof program_image_magic &&
           std::memcmp(bytes.data(), program_image_magic, sizeof program_image_magic) == 0;
}

std::string write_program_image(const CompiledProgram& program) {
    ImageWriter writer;
    // The writer only reads what it is given: the visits are shared with the reader.
    image::visit(writer, const_cast<CompiledProgram&>(program));
    const std::string payload = writer.take();
    std::string bytes(program_image_magic, sizeof program_image_magic);
    append_little_endian(bytes, program_image_version, 4);
    append_little_endian(bytes, program_image_header_bytes, 4);
    append_little_endian(bytes, payload.size(), 8);
    bytes.append(reinterpret_cast<const char*>(program.digest.bytes.data()), program.digest.bytes.size());
    const Sha256Digest checksum = digest_of(payload);
    bytes.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
    bytes.append(payload);
    return bytes;
}

std::variant<std::shared_ptr<const CompiledProgram>, ImageProblem> read_program_image(std::string_view bytes) {
    if (!looks_like_program_image(bytes)) return ImageProblem{"I001", "not a program image (its first bytes are not one's)"};
    if (bytes.size() < program_image_header_bytes) return ImageProblem{"I003", "the image ends inside its header"};
    const std::uint64_t version = read_little_endian(bytes, 8, 4);
    if (version != program_image_version || read_little_endian(bytes, 12, 4) != program_image_header_bytes) {
        return ImageProblem{"I002", "an image of format version " + std::to_string(version) + "; this engine reads version " +
                                        std::to_string(program_image_version)};
    }
    const std::uint64_t payload_size = read_little_endian(bytes, 16, 8);
    if (payload_size != bytes.size() - program_image_header_bytes) {
        return ImageProblem{"I003", "the header says " + std::to_string(payload_size) + " bytes of program follow, and " +
                                        std::to_string(bytes.size() - program_image_header_bytes) + " do"};
    }
    const std::string_view payload = bytes.substr(program_image_header_bytes);
    const Sha256Digest checksum = digest_of(payload);
    if (std::memcmp(checksum.data(), bytes.data() + 56, checksum.size()) != 0) {
        return ImageProblem{"I004", "the image's checksum does not match its contents: it was changed or damaged"};
    }
    auto program = std::make_shared<CompiledProgram>();
    std::memcpy(program->digest.bytes.data(), bytes.data() + 24, program->digest.bytes.size());
    ImageReader reader(payload);
    image::visit(reader, *program);
    if (reader.failed()) return malformed(reader.problem());
    if (!reader.at_end()) return malformed("bytes after the program");
    if (auto problem = check_compiled_program(*program)) return malformed(*problem);
    program->number_rules();
    program->earn_index = EarnRuleIndex(program->earn_rules);
    return std::shared_ptr<const CompiledProgram>(std::move(program));
}

}  // namespace loyalty::detail
