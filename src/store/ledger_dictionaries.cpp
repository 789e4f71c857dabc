#include "store/ledger_dictionaries.hpp"

#include "loyalty/ledger_store.hpp"

#include <map>
#include <string>
#include <vector>

namespace loyalty::detail {
namespace {

/// What meta says once training found nothing to learn: the built-in dictionary, for good.
constexpr const char* untrainable = "-1";

std::string payload_dictionary_setting(SqliteDatabase& database) {
    SqliteStatement query(database, "SELECT value FROM meta WHERE key = 'payload_dictionary'");
    return query.step() ? query.text(0) : std::string("0");
}

std::int64_t payload_dictionary_id(SqliteDatabase& database, const std::string& setting) {
    try {
        return setting == untrainable ? 0 : std::stoll(setting);
    } catch (const std::exception&) {
        throw LedgerError("L006", "ledger '" + database.path() + "' names its payloads' dictionary as '" + setting + "'");
    }
}

void train(SqliteDatabase& database, LedgerCompression& compression) {
    const auto trained_on = static_cast<std::int64_t>(payloads_trained_on);
    {
        // Cheap first: fewer rows than that hold fewer transactions than that.
        SqliteStatement rows(database, "SELECT COALESCE(MAX(sequence), 0) FROM transactions");
        rows.step();
        if (rows.integer(0) < trained_on) return;
    }
    std::vector<std::string> payloads;
    {
        SqliteStatement first(database, "SELECT payload FROM transactions WHERE kind != 'opening' ORDER BY sequence LIMIT ?");
        first.bind(1, trained_on);
        while (first.step()) payloads.push_back(compression.decompress(first.blob(0)));
    }
    if (static_cast<std::int64_t>(payloads.size()) < trained_on) return;
    const auto dictionary = train_dictionary(payloads);
    SqliteStatement setting(database, "UPDATE meta SET value = ? WHERE key = 'payload_dictionary'");
    if (!dictionary) {
        setting.bind(1, untrainable).step();
        return;
    }
    SqliteStatement insert(database, "INSERT OR IGNORE INTO dictionaries(id, content) VALUES(?, ?)");
    insert.bind(1, dictionary->id).bind_blob(2, dictionary->content).step();
    setting.bind(1, std::to_string(dictionary->id)).step();
    compression.use_for_payloads(dictionary->id, dictionary->content);
}

}  // namespace

std::unique_ptr<LedgerCompression> load_compression(SqliteDatabase& database) {
    std::map<std::int64_t, std::string> dictionaries;
    {
        SqliteStatement query(database, "SELECT id, content FROM dictionaries");
        while (query.step()) dictionaries.emplace(query.integer(0), query.blob(1));
    }
    const auto loader = [&database](std::int64_t id) -> std::optional<std::string> {
        SqliteStatement query(database, "SELECT content FROM dictionaries WHERE id = ?");
        query.bind(1, id);
        if (!query.step()) return std::nullopt;
        return query.blob(0);
    };
    return std::make_unique<LedgerCompression>(dictionaries,
                                               payload_dictionary_id(database, payload_dictionary_setting(database)), loader);
}

void sync_payload_dictionary(SqliteDatabase& database, LedgerCompression& compression) {
    const std::string setting = payload_dictionary_setting(database);
    if (setting == "0") {
        if (compression.payload_dictionary() != 0) throw LedgerError("L006", "ledger '" + database.path() + "' forgot its payloads' dictionary");
        train(database, compression);
        return;
    }
    const std::int64_t id = payload_dictionary_id(database, setting);
    if (id != compression.payload_dictionary()) compression.use_for_payloads(id);
}

}  // namespace loyalty::detail
