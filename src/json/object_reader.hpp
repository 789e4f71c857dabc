#pragma once
// Reading one JSON object strictly: every field asked for by name, anything else an error with a
// suggestion, the path of a bad field in every message; and the parse that refuses a key given
// twice.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compile/suggestion.hpp"
#include "loyalty/attributes.hpp"
#include "loyalty/money.hpp"
#include "loyalty/time.hpp"

namespace loyalty::detail {

using Json = nlohmann::json;

/// Reads fields of one JSON object, naming the path of any bad field in its error. A key it
/// does not know is an error too: a misspelt "quantiy" must not silently mean quantity 1.
class ObjectReader {
public:
    using Fail = void (*)(const std::string& context, const std::string& field, const std::string& message);

    ObjectReader(const Json& object, std::string path, std::string context, Fail on_failure,
                 const std::vector<std::string_view>& keys)
        : object_(object), path_(std::move(path)), context_(std::move(context)), fail_(on_failure) {
        if (!object_.is_object()) fail_(context_, path_.empty() ? "(top)" : path_, "expected a JSON object");
        for (const auto& entry : object_.items()) {
            if (std::find(keys.begin(), keys.end(), entry.key()) == keys.end()) {
                fail(entry.key(), "unknown field" + did_you_mean(entry.key(), keys));
            }
        }
    }

    std::string field(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

    const Json* find(std::string_view key) const {
        const auto found = object_.find(std::string(key));
        return found == object_.end() || found->is_null() ? nullptr : &*found;
    }

    [[noreturn]] void fail(std::string_view key, const std::string& message) const {
        fail_(context_, field(key), message);
        throw std::logic_error("unreachable");
    }

    std::string text(std::string_view key, bool required) const {
        const Json* value = find(key);
        if (!value) {
            if (required) fail(key, "missing");
            return {};
        }
        if (!value->is_string()) fail(key, "expected a string");
        return value->get<std::string>();
    }

    std::int64_t whole_number(std::string_view key, std::int64_t fallback) const {
        const Json* value = find(key);
        if (!value) return fallback;
        if (!value->is_number_integer()) fail(key, "expected a whole number");
        if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
            fail(key, "number out of range");
        }
        return value->get<std::int64_t>();
    }

    Money money(std::string_view key, Currency currency, bool required) const {
        const Json* value = find(key);
        if (!value) {
            if (required) fail(key, "missing");
            return Money(0, currency);
        }
        if (value->is_number()) {
            fail(key, "write amounts as strings such as \"4.50\", so no binary floating point touches them");
        }
        const std::string text = this->text(key, true);
        const auto amount = Money::parse(text, currency);
        if (!amount) {
            fail(key, "'" + text + "' is not an amount in " + std::string(currency.code()) + " (at most " +
                          std::to_string(currency.exponent()) + " decimals, at most " +
                          Money(Money::minor_units_max, currency).amount_text() + ")");
        }
        return *amount;
    }

    Attributes attributes(std::string_view key) const {
        Attributes result;
        const Json* value = find(key);
        if (!value) return result;
        if (!value->is_object()) fail(key, "expected an object of names to strings");
        for (const auto& [name, entry] : value->items()) {
            if (!entry.is_string()) fail(key, "attribute '" + name + "' must be a string");
            result.emplace(name, entry.get<std::string>());
        }
        return result;
    }

    const Json& object() const { return object_; }

private:
    const Json& object_;
    std::string path_;
    std::string context_;
    Fail fail_;
};

/// The id, when there is a readable one, so that even an error in the id's neighbours names it.
/// The id, when there is a readable one, so that even an error in the id's neighbours names it.
std::string id_for_messages(const Json& json);

/// `text` parsed; `fail` (which throws) for text that is not JSON or gives a key twice in one object.
Json parse_json(std::string_view text, void (*fail)(const std::string&, const std::string&, const std::string&));

/// The date at `key`, required.
Date read_date(const ObjectReader& reader, std::string_view key);

}  // namespace loyalty::detail
