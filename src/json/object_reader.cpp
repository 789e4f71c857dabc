#include "json/object_reader.hpp"

#include <functional>

#include "json/duplicate_key_check.hpp"

namespace loyalty::detail {
namespace {

/// nlohmann's message without its own id: "[json.exception.parse_error.101] parse error at line 1,
/// column 3: syntax error …" becomes " at line 1, column 3: syntax error …".
std::string json_problem(std::string_view message) {
    const std::size_t id_end = message.find("] ");
    if (message.rfind("[json.exception.", 0) == 0 && id_end != std::string_view::npos) message.remove_prefix(id_end + 2);
    constexpr std::string_view parse_error = "parse error ";
    if (message.rfind(parse_error, 0) == 0) return " " + std::string(message.substr(parse_error.size()));
    return ": " + std::string(message);
}

}  // namespace

std::string id_for_messages(const Json& json) {
    if (!json.is_object()) return "";
    const auto id = json.find("id");
    return id != json.end() && id->is_string() ? id->get<std::string>() : "";
}

Json parse_json(std::string_view text, void (*fail)(const std::string&, const std::string&, const std::string&)) {
    DuplicateKeyCheck check;
    Json json;
    try {
        json = Json::parse(text.begin(), text.end(), std::ref(check));
    } catch (const Json::exception& error) {
        // A syntax error, or a number too large for any type ("1E400"): either way, not ours to read.
        fail("", "", "not valid JSON" + json_problem(error.what()));
        throw;
    }
    if (check.duplicate) fail(id_for_messages(json), *check.duplicate, "given twice in one object; give each field once");
    return json;
}


Date read_date(const ObjectReader& reader, std::string_view key) {
    const std::string text = reader.text(key, true);
    const auto date = Date::parse(text);
    if (!date) reader.fail(key, "'" + text + "' is not a date YYYY-MM-DD that exists");
    return *date;
}

}  // namespace loyalty::detail
