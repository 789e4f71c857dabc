#pragma once
// What a call that can fail on its input returns: its value, or why there is none.

#include <string>
#include <utility>
#include <variant>

namespace loyalty {

/// Why an input was refused: a code of docs/errors.md, and the message in the product's words.
struct InputError {
    std::string code;
    std::string message;
};

/// The value a call gives, or the error that kept it from one. Every call of the public API that
/// can fail on its input has a form that returns one (or, giving nothing, an optional error); the
/// forms that throw are a convenience over them (docs/design.md, Errors).
template <typename Value, typename Failure = InputError>
class Result {
public:
    Result(Value value) : held_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure failure) : held_(std::in_place_index<1>, std::move(failure)) {}

    bool ok() const noexcept { return held_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    /// Only when ok().
    const Value& value() const& { return std::get<0>(held_); }
    Value& value() & { return std::get<0>(held_); }
    /// Of a temporary result, the value itself, moved out: `for (auto& x : f().value())` then
    /// iterates a value that lives as long as the loop, not one inside a result already gone.
    Value value() && { return std::get<0>(std::move(held_)); }
    const Value& operator*() const& { return value(); }
    const Value* operator->() const { return &value(); }
    /// Only when not ok().
    const Failure& error() const { return std::get<1>(held_); }

private:
    std::variant<Value, Failure> held_;
};

}  // namespace loyalty
