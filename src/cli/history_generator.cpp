#include "cli/history_generator.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "loyalty/json.hpp"

namespace loyalty::cli {
namespace {

/// SplitMix64: tiny, fast, and the same sequence on every platform (std distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, bound).
    std::int64_t below(std::int64_t bound) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(bound)); }
    bool chance(int percent) { return below(100) < percent; }

private:
    std::uint64_t state_;
};

struct CatalogueItem {
    const char* sku;
    const char* category;
    std::int64_t price_cents;
};

constexpr std::array<CatalogueItem, 12> catalogue{{
    {"LATTE", "coffee", 450},       {"ESPRESSO", "coffee", 280},   {"FLATWHITE", "coffee", 420},
    {"CAPPUCCINO", "coffee", 430},  {"CROISSANT", "bakery", 325},  {"MUFFIN", "bakery", 295},
    {"SANDWICH", "food", 875},      {"SALAD", "food", 950},        {"BEANS-1KG", "beans", 2400},
    {"MUG", "merch", 1200},         {"GIFTCARD", "giftcard", 2500}, {"GRINDER", "equipment", 12900},
}};

struct OpenPurchase {
    std::string id;
    std::int64_t day;
    std::vector<LineItem> returnable;
};

/// Returns come within this many days of buying, well inside any sensible return window.
constexpr std::int64_t return_within_days = 14;

std::string member_id(std::int64_t index) { return fmt::format("m{:06d}", index + 1); }

std::string timestamp(Date day, std::int64_t second_of_day, int offset_minutes) {
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{}T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}", day.to_string(), second_of_day / 3600,
                       second_of_day / 60 % 60, second_of_day % 60, offset_minutes < 0 ? '-' : '+', magnitude / 60,
                       magnitude % 60);
}

/// Writes the members, each with a birthday and now and then a referrer; returns the birthdays'
/// (month, day), the 29th of February read as the 28th.
std::vector<std::pair<int, int>> write_members(const GeneratorSettings& settings, Random& random, std::ostream& out) {
    std::vector<std::pair<int, int>> birthdays;
    for (std::int64_t m = 0; m < settings.members; ++m) {
        Member member;
        member.id = member_id(m);
        const std::int64_t roll = random.below(100);
        member.tier = roll < 70 ? "" : (roll < 90 ? "silver" : "gold");
        const int year = 1950 + static_cast<int>(random.below(55));
        const int month = 1 + static_cast<int>(random.below(12));
        const int day = 1 + static_cast<int>(random.below(month == 2 ? 29 : 30));
        const auto birthday = Date::from_ymd(year, month, day);
        member.attributes["birthday"] = birthday ? birthday->to_string() : fmt::format("{}-{:02d}-28", year, month);
        if (m > 0 && random.chance(5)) member.attributes["referrer"] = member_id(random.below(m));
        birthdays.emplace_back(month, birthday ? day : 28);
        out << to_json(member) << "\n";
    }
    return birthdays;
}

/// Makes `transaction` a return of part of one of `purchases`, never more than is left of it.
void make_return(Random& random, std::vector<OpenPurchase>& purchases, Transaction& transaction, std::int64_t sequence) {
    OpenPurchase& original = purchases[static_cast<std::size_t>(random.below(static_cast<std::int64_t>(purchases.size())))];
    LineItem& line = original.returnable[static_cast<std::size_t>(random.below(static_cast<std::int64_t>(original.returnable.size())))];
    LineItem returned = line;
    returned.quantity = 1 + random.below(line.quantity);
    returned.discount.reset();
    line.quantity -= returned.quantity;
    transaction.id = fmt::format("R{:09d}", sequence);
    transaction.kind = TransactionKind::product_return;
    transaction.original_transaction_id = original.id;
    transaction.items.push_back(returned);
    original.returnable.erase(std::remove_if(original.returnable.begin(), original.returnable.end(),
                                             [](const LineItem& item) { return item.quantity == 0; }),
                              original.returnable.end());
    if (original.returnable.empty()) purchases.erase(purchases.begin() + (&original - purchases.data()));
}

/// Makes `transaction` a basket of one to five lines, each SKU at most once, equipment rare.
void make_purchase(Random& random, const Currency& currency, Transaction& transaction, std::int64_t sequence) {
    transaction.id = fmt::format("P{:09d}", sequence);
    std::vector<std::size_t> picked;
    const std::int64_t lines = 1 + random.below(5);
    for (std::int64_t l = 0; l < lines; ++l) {
        const std::size_t index = static_cast<std::size_t>(random.below(random.chance(2) ? 12 : 11));
        if (std::find(picked.begin(), picked.end(), index) != picked.end()) continue;
        picked.push_back(index);
        LineItem item;
        item.sku = catalogue[index].sku;
        item.category = catalogue[index].category;
        item.unit_price = Money(catalogue[index].price_cents, currency);
        item.quantity = random.chance(80) ? 1 : 2 + random.below(2);
        if (random.chance(10)) item.discount = Money(item.gross_amount().minor_units() / 10, currency);
        transaction.items.push_back(item);
    }
}

}  // namespace

void generate_history(const GeneratorSettings& settings, std::ostream& members_out, std::ostream& history_out) {
    Random random(settings.seed);
    const std::vector<std::pair<int, int>> birthdays = write_members(settings, random, members_out);

    std::vector<std::vector<OpenPurchase>> open_purchases(static_cast<std::size_t>(settings.members));
    std::int64_t written = 0;
    std::int64_t sequence = 0;
    for (std::int64_t d = 0; d < settings.days && written < settings.transactions; ++d) {
        const Date day = *Date::from_days_since_epoch(settings.start.days_since_epoch() + d);
        // Birthdays first, at 08:00, for the members born on this day of the year.
        for (std::size_t m = 0; m < birthdays.size() && written < settings.transactions; ++m) {
            if (birthdays[m].first != day.month() || birthdays[m].second != day.day()) continue;
            Transaction event;
            event.id = fmt::format("E{:09d}", ++sequence);
            event.member_id = member_id(static_cast<std::int64_t>(m));
            event.at = *Timestamp::parse(timestamp(day, 8 * 3600, settings.offset_minutes));
            event.kind = TransactionKind::event;
            event.event_name = "birthday";
            event.currency = settings.currency;
            history_out << to_json(event) << "\n";
            ++written;
        }
        // The rest of the day's share, spread over opening hours 07:00–21:00, in time order.
        const std::int64_t remaining_days = settings.days - d;
        const std::int64_t today = (settings.transactions - written + remaining_days - 1) / remaining_days;
        std::vector<std::int64_t> seconds(static_cast<std::size_t>(today));
        for (auto& second : seconds) second = 7 * 3600 + random.below(14 * 3600);
        std::sort(seconds.begin(), seconds.end());
        for (const std::int64_t second : seconds) {
            // Some members come far more often than others: low ids are picked more.
            const std::int64_t m = random.below(1 + random.below(settings.members));
            auto& purchases = open_purchases[static_cast<std::size_t>(m)];
            Transaction transaction;
            transaction.member_id = member_id(m);
            transaction.at = *Timestamp::parse(timestamp(day, second, settings.offset_minutes));
            transaction.currency = settings.currency;
            const std::int64_t channel = random.below(100);
            transaction.channel = channel < 60 ? "store" : (channel < 85 ? "app" : "web");

            const std::int64_t today_number = day.days_since_epoch();
            purchases.erase(std::remove_if(purchases.begin(), purchases.end(),
                                           [&](const OpenPurchase& p) { return today_number - p.day > return_within_days; }),
                            purchases.end());
            if (!purchases.empty() && random.chance(3)) {
                make_return(random, purchases, transaction, ++sequence);
            } else {
                make_purchase(random, settings.currency, transaction, ++sequence);
                purchases.push_back({transaction.id, day.days_since_epoch(), transaction.items});
                if (purchases.size() > 8) purchases.erase(purchases.begin());  // returns come soon after buying
            }
            history_out << to_json(transaction) << "\n";
            ++written;
        }
    }
}

}  // namespace loyalty::cli
