// Programs and members through the C API.
#include <string_view>

#include "c_api/c_errors.hpp"
#include "core/identifier.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/json.hpp"

using loyalty::c_api::fail;
using loyalty::c_api::fail_null;
using loyalty::c_api::guarded;

namespace {

loyalty_status hand_over(loyalty::LoadResult loaded, loyalty_program** program, loyalty_error** error) {
    if (!loaded.ok()) {
        return loyalty::c_api::fail_load(error, loyalty::LoadError(std::move(loaded.diagnostics)));
    }
    const loyalty::Program& compiled = *loaded.program;
    *program = new loyalty_program{compiled, compiled.digest().to_hex(), std::string(compiled.currency().code())};
    return LOYALTY_OK;
}

}  // namespace

extern "C" {

int loyalty_abi_version(void) { return LOYALTY_C_ABI_VERSION; }

const char* loyalty_version(void) { return LOYALTY_VERSION; }

loyalty_status loyalty_program_load_yaml(const char* text, size_t length, const char* file_name,
                                         loyalty_program** program, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        *program = nullptr;
        if (text == nullptr) return fail_null(error, "text");
        return hand_over(loyalty::Program::load_string(std::string_view(text, length), file_name ? file_name : "<text>"),
                         program, error);
    });
}

loyalty_status loyalty_program_load_file(const char* path, loyalty_program** program, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        *program = nullptr;
        if (path == nullptr) return fail_null(error, "path");
        return hand_over(loyalty::Program::load_file(path), program, error);
    });
}

loyalty_status loyalty_program_load_image(const void* bytes, size_t length, const char* file_name,
                                          loyalty_program** program, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        *program = nullptr;
        if (bytes == nullptr) return fail_null(error, "bytes");
        return hand_over(loyalty::Program::load_image(std::string_view(static_cast<const char*>(bytes), length),
                                                      file_name ? file_name : "<image>"),
                         program, error);
    });
}

loyalty_status loyalty_program_write_image(const loyalty_program* program, void** bytes, size_t* length,
                                           loyalty_error** error) {
    return guarded(error, [&] {
        if (bytes == nullptr) return fail_null(error, "bytes");
        *bytes = nullptr;
        if (length == nullptr) return fail_null(error, "length");
        if (program == nullptr) return fail_null(error, "program");
        const std::string image = program->program.image();
        *bytes = loyalty::c_api::copy_for_caller(image);
        *length = image.size();
        return LOYALTY_OK;
    });
}

void loyalty_program_free(loyalty_program* program) { delete program; }

const char* loyalty_program_name(const loyalty_program* program) {
    return program == nullptr ? "" : program->program.name().c_str();
}

const char* loyalty_program_version(const loyalty_program* program) {
    return program == nullptr ? "" : program->program.version().c_str();
}

const char* loyalty_program_digest(const loyalty_program* program) {
    return program == nullptr ? "" : program->digest.c_str();
}

const char* loyalty_program_currency(const loyalty_program* program) {
    return program == nullptr ? "" : program->currency.c_str();
}

loyalty_status loyalty_member_new(const char* member_id, loyalty_member** member, loyalty_error** error) {
    return guarded(error, [&] {
        if (member == nullptr) return fail_null(error, "member");
        *member = nullptr;
        if (member_id == nullptr) return fail_null(error, "member_id");
        if (!loyalty::detail::is_identifier(member_id)) {
            return fail(error, LOYALTY_INVALID_INPUT, "M100",
                        "a member id is 1 to " + std::to_string(loyalty::limits::identifier_length_max) +
                            " characters, none of them a control character",
                        "id");
        }
        loyalty::Member made;
        made.id = member_id;
        *member = new loyalty_member{std::move(made)};
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_member_from_json(const char* json, size_t length, loyalty_member** member,
                                        loyalty_error** error) {
    return guarded(error, [&] {
        if (member == nullptr) return fail_null(error, "member");
        *member = nullptr;
        if (json == nullptr) return fail_null(error, "json");
        const loyalty::Result<loyalty::Member> read = loyalty::read_member_json(std::string_view(json, length));
        if (!read) return fail(error, LOYALTY_INVALID_INPUT, read.error().code, read.error().message);
        *member = new loyalty_member{read.value()};
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_member_to_json(const loyalty_member* member, char** json, loyalty_error** error) {
    return guarded(error, [&] {
        if (json == nullptr) return fail_null(error, "json");
        *json = nullptr;
        if (member == nullptr) return fail_null(error, "member");
        *json = loyalty::c_api::copy_for_caller(loyalty::to_json(member->member));
        return LOYALTY_OK;
    });
}

void loyalty_member_free(loyalty_member* member) { delete member; }

const char* loyalty_member_id(const loyalty_member* member) { return member == nullptr ? "" : member->member.id.c_str(); }

const char* loyalty_member_tier(const loyalty_member* member) {
    return member == nullptr ? "" : member->member.tier.c_str();
}

loyalty_status loyalty_member_points(const loyalty_member* member, int64_t* spendable, int64_t* pending,
                                     loyalty_error** error) {
    return guarded(error, [&] {
        if (member == nullptr) return fail_null(error, "member");
        if (spendable != nullptr) *spendable = member->member.points().value;
        if (pending != nullptr) *pending = member->member.pending_points().value;
        return LOYALTY_OK;
    });
}

}  // extern "C"
