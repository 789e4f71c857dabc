#pragma once
// The two directions of a program image's payload: a writer that appends values in a defined byte
// order, and a reader that takes them back, checking every length and every value's range, and
// never reads past its end. One `visit` per compiled type (image/program_visit.hpp) drives both,
// so that what is written and what is read cannot drift apart.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/time_zone.hpp"
#include "core/utf8.hpp"
#include "loyalty/currency.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/money.hpp"
#include "loyalty/time.hpp"

namespace loyalty::detail {

/// The most a payload holds of anything: a string's bytes, a list's entries.
inline constexpr std::uint32_t image_text_bytes_max = 1U << 20;
inline constexpr std::uint32_t image_list_entries_max = 1U << 16;

class ImageWriter {
public:
    static constexpr bool reading = false;

    void unsigned_number(std::uint64_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) bytes_.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    }
    void number(const std::int64_t& value) { unsigned_number(static_cast<std::uint64_t>(value), 8); }
    void small(const int& value, int, int) { unsigned_number(static_cast<std::uint32_t>(value), 4); }
    template <typename Unsigned>
    void index(const Unsigned& value) {
        unsigned_number(value, 4);
    }
    void flag(const bool& value) { unsigned_number(value ? 1 : 0, 1); }
    template <typename Enum>
    void choice(const Enum& value, Enum) {
        unsigned_number(static_cast<std::uint64_t>(value), 1);
    }
    void text(const std::string& value) {
        unsigned_number(value.size(), 4);
        bytes_.append(value);
    }
    void count(std::size_t& size) { unsigned_number(size, 4); }
    void decimal(const Decimal& value) {
        unsigned_number(static_cast<std::uint64_t>(value.mantissa), 8);
        unsigned_number(static_cast<std::uint32_t>(value.scale), 1);
    }
    void currency(const Currency& value) { bytes_.append(value.code()); }
    void money(const Money& value) {
        currency(value.currency());
        unsigned_number(static_cast<std::uint64_t>(value.minor_units()), 8);
    }
    void date(const Date& value) { unsigned_number(static_cast<std::uint64_t>(value.days_since_epoch()), 8); }
    void time_zone(const TimeZone& value) { text(value.name()); }

    bool failed() const { return false; }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

class ImageReader {
public:
    static constexpr bool reading = true;

    explicit ImageReader(std::string_view bytes) : bytes_(bytes) {}

    std::uint64_t unsigned_number(int bytes) {
        if (!take(static_cast<std::size_t>(bytes))) return 0;
        std::uint64_t value = 0;
        for (int i = 0; i < bytes; ++i) {
            value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[at_ - static_cast<std::size_t>(bytes) + static_cast<std::size_t>(i)])) << (8 * i);
        }
        return value;
    }
    void number(std::int64_t& value) { value = static_cast<std::int64_t>(unsigned_number(8)); }
    /// A small integer within [low, high].
    void small(int& value, int low, int high) {
        const auto read = static_cast<std::int64_t>(static_cast<std::int32_t>(unsigned_number(4)));
        if (read < low || read > high) fail("a number out of its range");
        value = static_cast<int>(read);
    }
    /// An index; its range is checked where what it indexes is known (program_check).
    template <typename Unsigned>
    void index(Unsigned& value) {
        value = static_cast<Unsigned>(unsigned_number(4));
    }
    void flag(bool& value) {
        const std::uint64_t read = unsigned_number(1);
        if (read > 1) fail("a flag that is neither 0 nor 1");
        value = read == 1;
    }
    /// An enumerator, `last` being the enumeration's last.
    template <typename Enum>
    void choice(Enum& value, Enum last) {
        const std::uint64_t read = unsigned_number(1);
        if (read > static_cast<std::uint64_t>(last)) fail("an unknown kind");
        value = failed() ? Enum{} : static_cast<Enum>(read);
    }
    void text(std::string& value) {
        const std::uint64_t size = unsigned_number(4);
        if (size > image_text_bytes_max) return fail("a text longer than an image holds");
        if (!take(static_cast<std::size_t>(size))) return;
        value.assign(bytes_.data() + at_ - size, static_cast<std::size_t>(size));
        // A rule file's texts are UTF-8, and outcomes and explanations are written from them.
        if (first_invalid_utf8(value)) fail("a text that is not UTF-8");
    }
    void count(std::size_t& size) {
        size = static_cast<std::size_t>(unsigned_number(4));
        // Every entry takes at least a byte: a count past what is left is a lie.
        if (size > image_list_entries_max || size > bytes_.size() - at_) {
            size = 0;
            fail("a list longer than the image");
        }
    }
    void decimal(Decimal& value) {
        value.mantissa = static_cast<std::int64_t>(unsigned_number(8));
        value.scale = static_cast<int>(unsigned_number(1));
        if (value.scale > Decimal::scale_max) fail("a decimal with more places than the engine keeps");
    }
    void currency(Currency& value) {
        if (!take(3)) return;
        const std::string_view code = bytes_.substr(at_ - 3, 3);
        // XXX, ISO 4217's "no currency", is what an amount a rule does not use holds.
        if (code == Currency().code()) {
            value = Currency();
            return;
        }
        const auto found = Currency::find(code);
        if (!found) return fail("an unknown currency");
        value = *found;
    }
    void money(Money& value) {
        Currency of;
        currency(of);
        const auto minor_units = static_cast<std::int64_t>(unsigned_number(8));
        if (failed()) return;
        const auto read = Money::of(minor_units, of);
        if (!read) return fail("an amount past the engine's range");
        value = *read;
    }
    void date(Date& value) {
        const auto days = static_cast<std::int64_t>(unsigned_number(8));
        const auto read = Date::from_days_since_epoch(days);
        if (!read) return fail("a day outside the years 0001 to 9999");
        value = *read;
    }
    void time_zone(TimeZone& value) {
        std::string name;
        text(name);
        if (failed()) return;
        auto read = TimeZone::parse(name);
        if (!read) return fail("a time zone that does not parse");
        value = std::move(*read);
    }

    bool failed() const { return problem_ != nullptr; }
    const char* problem() const { return problem_; }
    bool at_end() const { return at_ == bytes_.size(); }
    void fail(const char* problem) {
        if (problem_ == nullptr) problem_ = problem;
    }

private:
    bool take(std::size_t size) {
        if (failed()) return false;
        if (size > bytes_.size() - at_) {
            fail("the image ends in the middle of a value");
            return false;
        }
        at_ += size;
        return true;
    }

    std::string_view bytes_;
    std::size_t at_ = 0;
    const char* problem_ = nullptr;
};

/// A list, its entries visited in order.
template <typename Archive, typename Entry, typename Visit>
void list(Archive& archive, std::vector<Entry>& entries, Visit visit) {
    std::size_t size = entries.size();
    archive.count(size);
    if constexpr (Archive::reading) entries.resize(size);
    for (Entry& entry : entries) {
        if (archive.failed()) return;
        visit(archive, entry);
    }
}

/// An optional value, behind a flag.
template <typename Archive, typename Value, typename Visit>
void maybe(Archive& archive, std::optional<Value>& value, Visit visit) {
    bool present = value.has_value();
    archive.flag(present);
    if (!present) {
        if constexpr (Archive::reading) value.reset();
        return;
    }
    if constexpr (Archive::reading) {
        if (!value) value.emplace();
    }
    visit(archive, *value);
}

}  // namespace loyalty::detail
