#include "json/json_text_writer.hpp"

#include <charconv>
#include <stdexcept>

#include "core/utf8.hpp"

namespace loyalty::detail {

void JsonTextWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (has_element_.empty()) return;
    if (has_element_.back() == '1') text_ += ',';
    has_element_.back() = '1';
}

JsonTextWriter& JsonTextWriter::open(char bracket) {
    separate();
    text_ += bracket;
    has_element_ += '0';
    return *this;
}

JsonTextWriter& JsonTextWriter::close(char bracket) {
    text_ += bracket;
    has_element_.pop_back();
    return *this;
}

JsonTextWriter& JsonTextWriter::key(std::string_view name) {
    separate();
    write_string(name);
    text_ += ':';
    after_key_ = true;
    return *this;
}

JsonTextWriter& JsonTextWriter::value(std::string_view text) {
    separate();
    write_string(text);
    return *this;
}

JsonTextWriter& JsonTextWriter::value(std::int64_t number) {
    separate();
    char digits[24];
    const auto written = std::to_chars(digits, digits + sizeof digits, number);
    text_.append(digits, written.ptr);
    return *this;
}

JsonTextWriter& JsonTextWriter::value(bool flag) {
    separate();
    text_ += flag ? "true" : "false";
    return *this;
}

namespace {

bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

}  // namespace

void JsonTextWriter::write_string(std::string_view text) {
    bool ascii = true;
    for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) {
        if (const auto invalid = first_invalid_utf8(text)) {
            throw std::invalid_argument("text to write as JSON is not valid UTF-8 at byte " + std::to_string(*invalid));
        }
    }
    static constexpr char hex[] = "0123456789abcdef";
    text_ += '"';
    // Runs of characters that need no escape are copied at once.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needs_escape(c)) continue;
        text_.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': text_ += "\\\""; break;
            case '\\': text_ += "\\\\"; break;
            case '\b': text_ += "\\b"; break;
            case '\f': text_ += "\\f"; break;
            case '\n': text_ += "\\n"; break;
            case '\r': text_ += "\\r"; break;
            case '\t': text_ += "\\t"; break;
            default:
                text_ += "\\u00";
                text_ += hex[(c >> 4) & 0xf];
                text_ += hex[c & 0xf];
        }
    }
    text_.append(text.data() + run, text.size() - run);
    text_ += '"';
}

}  // namespace loyalty::detail
