#pragma once
// Transactions and members' states as the ledger stores them: JSON compressed with zstd against a
// dictionary. Each ledger keeps its dictionaries in its own table: the built-in one, of the JSON's
// own words, and once it holds enough transactions, one trained on its first payloads, which
// knows the program's products and amounts (a payload of 300 bytes takes about 120 with the first
// and 50 with the second). A frame names the dictionary it needs.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::detail {

/// The dictionary every ledger is created with: the keys and common values of the JSON that
/// `to_json` writes for transactions and members, nothing of any one program. Its id is 0.
std::string_view ledger_dictionary();

/// How many payloads a dictionary is trained on, the first that many of the ledger's transactions.
constexpr std::size_t payloads_trained_on = 5000;

class LedgerCompression {
public:
    /// Finds a dictionary the ledger gained after it was opened, by id; nullopt for none.
    using DictionaryLoader = std::function<std::optional<std::string>(std::int64_t id)>;

    /// `dictionaries` by id, the built-in one (0) among them; payloads are compressed with
    /// `payload_dictionary`, states with the built-in one.
    LedgerCompression(const std::map<std::int64_t, std::string>& dictionaries, std::int64_t payload_dictionary,
                      DictionaryLoader loader = {});
    ~LedgerCompression();
    LedgerCompression(const LedgerCompression&) = delete;
    LedgerCompression& operator=(const LedgerCompression&) = delete;

    /// Standard zstd frames: `zstd -d -D DICTIONARY` reads them too.
    std::string compress_payload(std::string_view text);
    std::string compress_state(std::string_view text);
    /// Throws LedgerError L006 for bytes that are no frame of this ledger's dictionaries, or would
    /// unpack to more than a stored text may hold.
    std::string decompress(std::string_view frame);

    /// Compresses payloads with dictionary `id` from now on, which `dictionary` holds or the
    /// loader finds.
    void use_for_payloads(std::int64_t id, const std::optional<std::string>& dictionary = std::nullopt);
    std::int64_t payload_dictionary() const { return payload_dictionary_; }

private:
    struct Dictionary;
    std::string compress(std::string_view text, const Dictionary& dictionary);
    /// The dictionary `id`, loaded if it is new; null when the ledger has none of that id.
    const Dictionary* find(std::int64_t id);
    struct Contexts;
    std::unique_ptr<Contexts> contexts_;
    DictionaryLoader loader_;
    std::map<std::int64_t, std::unique_ptr<Dictionary>> dictionaries_;
    std::int64_t payload_dictionary_ = 0;
};

/// A dictionary trained on `payloads`, and its id; nullopt when they are too few or too alike to
/// train on.
struct TrainedDictionary {
    std::int64_t id = 0;
    std::string content;
};
std::optional<TrainedDictionary> train_dictionary(const std::vector<std::string>& payloads);

}  // namespace loyalty::detail
