#pragma once
// Finds a key given twice in one JSON object while nlohmann::json parses it, which would
// otherwise keep the last value silently.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace loyalty::detail {

/// The keys of each object being read, innermost last: a key given twice in one object would
/// otherwise silently keep its last value ("unit_price" twice: which one was paid?).
class DuplicateKeyCheck {
public:
    /// The path of the first key given twice: "items[0].unit_price".
    std::optional<std::string> duplicate;

    bool operator()(int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        switch (event) {
            case nlohmann::json::parse_event_t::object_start:
                count_element();
                open_.push_back({false, -1, {}, {}});
                break;
            case nlohmann::json::parse_event_t::array_start:
                count_element();
                open_.push_back({true, -1, {}, {}});
                break;
            case nlohmann::json::parse_event_t::object_end:
            case nlohmann::json::parse_event_t::array_end: open_.pop_back(); break;
            case nlohmann::json::parse_event_t::key: {
                Open& object = open_.back();
                object.key = parsed.get_ref<const std::string&>();
                if (!duplicate && std::find(object.keys.begin(), object.keys.end(), object.key) != object.keys.end()) {
                    duplicate = path();
                }
                object.keys.push_back(object.key);
                break;
            }
            case nlohmann::json::parse_event_t::value: count_element(); break;
        }
        return true;
    }

private:
    struct Open {
        bool array;
        long index;
        std::string key;
        std::vector<std::string> keys;
    };

    void count_element() {
        if (!open_.empty() && open_.back().array) ++open_.back().index;
    }

    std::string path() const {
        std::string text;
        for (const Open& open : open_) {
            if (open.array) {
                text += "[" + std::to_string(open.index) + "]";
            } else {
                text += (text.empty() ? "" : ".") + open.key;
            }
        }
        return text;
    }

    std::vector<Open> open_;
};

}  // namespace loyalty::detail
