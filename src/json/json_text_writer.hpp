#pragma once
// Compact JSON written straight into one string: member states and transactions are written on
// every ledger batch, and building a document tree first costs more than the rest of a replay.

#include <cstdint>
#include <string>
#include <string_view>

namespace loyalty::detail {

/// Writes values in the order given, with the separators JSON needs: `{"a":1,"b":[true]}`.
/// Strings are escaped as nlohmann::json escapes them (so stored bytes stay as they were), and
/// must be valid UTF-8 (std::invalid_argument otherwise).
class JsonTextWriter {
public:
    JsonTextWriter& begin_object() { return open('{'); }
    JsonTextWriter& end_object() { return close('}'); }
    JsonTextWriter& begin_array() { return open('['); }
    JsonTextWriter& end_array() { return close(']'); }
    /// The key of the next value in the current object.
    JsonTextWriter& key(std::string_view name);
    JsonTextWriter& value(std::string_view text);
    JsonTextWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonTextWriter& value(std::int64_t number);
    JsonTextWriter& value(bool flag);
    /// key(name).value(v), the common case.
    template <typename Value>
    JsonTextWriter& field(std::string_view name, const Value& v) {
        return key(name).value(v);
    }

    std::string take() { return std::move(text_); }

private:
    JsonTextWriter& open(char bracket);
    JsonTextWriter& close(char bracket);
    /// A comma before every element but the first of its object or array.
    void separate();
    void write_string(std::string_view text);

    std::string text_;
    /// One flag per open object or array: whether it has an element yet.
    std::string has_element_;
    bool after_key_ = false;
};

}  // namespace loyalty::detail
