#include "store/ledger_compression.hpp"

#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <stdexcept>

#include "loyalty/ledger_store.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

// zstd matches the later part of a dictionary at the smaller cost: the transactions, of which a
// ledger holds the most, come last.
constexpr std::string_view dictionary_text =
    R"({"id":"","tier":"","tier_kept_until":"","store_credit":0,"points":0,"lots":[{"id":"opening","earned_on":"2026-01-01",)"
    R"("expires_on":"2027-01-01","points":100,"pending_until":""},{"id":"/everyday@","earned_on":"","points":10}],)"
    R"("coupons":[{"id":":coupon@","description":" % off your next visit, for spending ","percent_off":"10",)"
    R"("rounding":"half_up","valid_from":"","valid_until":"","used_by":""}],"counters":[{"counter":"visits-this-month",)"
    R"("day":"-01","value":1},{"counter":"spend-this-month","day":"-01","value":100},{"counter":"spend-this-year",)"
    R"("day":"-01-01","value":1000}],"rule_uses":[{"rule":"","period_start":"-01"}],"purchases":[{"id":"","day":"",)"
    R"("at":"","lines":[{"sku":"","quantity":1,"paid":100,"returned_quantity":0}],"points":10,"counted":[{"counter":"",)"
    R"("bucket":"","amount":1,"taken_back":0}],"coupons_used":[],"returned_paid":0,"points_taken_back":0,"points_paid":0,)"
    R"("points_paid_expires_on":"","points_paid_back":0,"referrer":"","referrer_points":0,"referrer_points_taken_back":0}],)"
    R"("owed":0,"last_active_on":"","latest_day":"","forgotten_as_of":"","below_zero":0,"attributes":{},)"
    R"("recent_transactions":[{"id":"","fingerprint":""},{"id":"","fingerprint":""}]})"
    R"({"id":"","member":"","at":"2026-01-01T12:00:00-05:00","kind":"event","event":"birthday","currency":"USD",)"
    R"("items":[],"attributes":{"referrer":""}})"
    R"({"id":"","member":"","at":"2026-01-01T12:00:00+00:00","kind":"return","original_transaction":"","currency":"EUR",)"
    R"("items":[{"sku":"","category":"","unit_price":"0.00","quantity":1,"discount":"0.00","attributes":{}}]})"
    R"({"id":"","member":"","at":"2026-01-01T12:00:00Z","kind":"purchase","channel":"web","currency":"USD",)"
    R"("items":[{"sku":"","category":"","unit_price":"0.00","quantity":1}],"coupons":[""],"shipping":"0.00","tax":"0.00",)"
    R"("points_payment":0,"attributes":{"":""}})"
    R"({"id":"","member":"","at":"2026-01-01T12:00:00-05:00","kind":"purchase","channel":"store","currency":"USD",)"
    R"("items":[{"sku":"","category":"","unit_price":"","quantity":1},{"sku":"","category":"","unit_price":"","quantity":2}]})";

/// Small texts gain little from more effort; a checkpoint compresses every member's state.
constexpr int compression_level = 3;
/// zstd's own advice for records of a few hundred bytes.
constexpr std::size_t trained_dictionary_bytes = 16384;

/// Owns what zstd allocates; `owned` takes what a create function gave, or throws std::bad_alloc for nothing.
template <typename Object, std::size_t (*release)(Object*)>
struct ZstdDeleter {
    void operator()(Object* object) const { release(object); }
};
template <typename Object, std::size_t (*release)(Object*)>
using ZstdPointer = std::unique_ptr<Object, ZstdDeleter<Object, release>>;
template <typename Object, std::size_t (*release)(Object*)>
ZstdPointer<Object, release> owned(Object* object) {
    if (object == nullptr) throw std::bad_alloc();
    return ZstdPointer<Object, release>(object);
}

}  // namespace

std::string_view ledger_dictionary() { return dictionary_text; }

struct LedgerCompression::Dictionary {
    explicit Dictionary(const std::string& content)
        : to_frame(owned<ZSTD_CDict, ZSTD_freeCDict>(ZSTD_createCDict(content.data(), content.size(), compression_level))),
          from_frame(owned<ZSTD_DDict, ZSTD_freeDDict>(ZSTD_createDDict(content.data(), content.size()))) {}

    ZstdPointer<ZSTD_CDict, ZSTD_freeCDict> to_frame;
    ZstdPointer<ZSTD_DDict, ZSTD_freeDDict> from_frame;
};

struct LedgerCompression::Contexts {
    ZstdPointer<ZSTD_CCtx, ZSTD_freeCCtx> compressor = owned<ZSTD_CCtx, ZSTD_freeCCtx>(ZSTD_createCCtx());
    ZstdPointer<ZSTD_DCtx, ZSTD_freeDCtx> decompressor = owned<ZSTD_DCtx, ZSTD_freeDCtx>(ZSTD_createDCtx());
};

LedgerCompression::LedgerCompression(const std::map<std::int64_t, std::string>& dictionaries, std::int64_t payload_dictionary,
                                     DictionaryLoader loader)
    : contexts_(std::make_unique<Contexts>()), loader_(std::move(loader)), payload_dictionary_(payload_dictionary) {
    for (const auto& [id, content] : dictionaries) dictionaries_.emplace(id, std::make_unique<Dictionary>(content));
    if (dictionaries_.count(0) == 0 || dictionaries_.count(payload_dictionary) == 0) {
        throw LedgerError("L006", "the ledger lacks a dictionary its stored texts are compressed with");
    }
}

LedgerCompression::~LedgerCompression() = default;

std::string LedgerCompression::compress_payload(std::string_view text) {
    return compress(text, *dictionaries_.at(payload_dictionary_));
}

std::string LedgerCompression::compress_state(std::string_view text) { return compress(text, *dictionaries_.at(0)); }

void LedgerCompression::use_for_payloads(std::int64_t id, const std::optional<std::string>& dictionary) {
    if (dictionary) dictionaries_.insert_or_assign(id, std::make_unique<Dictionary>(*dictionary));
    if (find(id) == nullptr) throw LedgerError("L006", "the ledger names a dictionary for its payloads that it does not hold");
    payload_dictionary_ = id;
}

const LedgerCompression::Dictionary* LedgerCompression::find(std::int64_t id) {
    if (const auto known = dictionaries_.find(id); known != dictionaries_.end()) return known->second.get();
    const std::optional<std::string> content = loader_ ? loader_(id) : std::nullopt;
    if (!content) return nullptr;
    return dictionaries_.emplace(id, std::make_unique<Dictionary>(*content)).first->second.get();
}

std::string LedgerCompression::compress(std::string_view text, const Dictionary& dictionary) {
    std::string frame(ZSTD_compressBound(text.size()), '\0');
    const std::size_t size =
        ZSTD_compress_usingCDict(contexts_->compressor.get(), frame.data(), frame.size(), text.data(), text.size(), dictionary.to_frame.get());
    // Only a buffer smaller than the bound fails, and this one is not.
    if (ZSTD_isError(size)) throw std::logic_error(std::string("loyalty: zstd: ") + ZSTD_getErrorName(size));
    frame.resize(size);
    return frame;
}

std::string LedgerCompression::decompress(std::string_view frame) {
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    const unsigned long long most = std::max(limits::transaction_json_bytes_max, limits::member_json_bytes_max);
    const Dictionary* dictionary = find(ZSTD_getDictID_fromFrame(frame.data(), frame.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > most || dictionary == nullptr) {
        throw LedgerError("L006", "a stored transaction or member state is not a compressed text of this ledger");
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    const std::size_t unpacked = ZSTD_decompress_usingDDict(contexts_->decompressor.get(), text.data(), text.size(), frame.data(),
                                                            frame.size(), dictionary->from_frame.get());
    if (ZSTD_isError(unpacked)) {
        throw LedgerError("L006", std::string("a stored transaction or member state cannot be unpacked: ") +
                                      ZSTD_getErrorName(unpacked));
    }
    if (unpacked != text.size()) {
        throw LedgerError("L006", "a stored transaction or member state unpacks to another size than its frame states");
    }
    return text;
}

std::optional<TrainedDictionary> train_dictionary(const std::vector<std::string>& payloads) {
    std::string samples;
    std::vector<std::size_t> sizes;
    for (const std::string& payload : payloads) {
        samples += payload;
        sizes.push_back(payload.size());
    }
    std::string content(trained_dictionary_bytes, '\0');
    const std::size_t size = ZDICT_trainFromBuffer(content.data(), content.size(), samples.data(), sizes.data(),
                                                   static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(size)) return std::nullopt;
    content.resize(size);
    return TrainedDictionary{ZDICT_getDictID(content.data(), content.size()), std::move(content)};
}

}  // namespace loyalty::detail
