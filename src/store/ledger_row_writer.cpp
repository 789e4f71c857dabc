#include "store/ledger_row_writer.hpp"

#include <sqlite3.h>

#include "core/hex_digit.hpp"

namespace loyalty::detail {

LedgerRowWriter::LedgerRowWriter(SqliteDatabase& database, LedgerCompression& compression, LedgerLabels& labels)
    : database_(database),
      compression_(compression),
      labels_(labels),
      insert_transaction_(database,
                          "INSERT INTO transactions(id, member, kind, at, original, fingerprint, program, payload, "
                          "delta_count, chain, sequence) VALUES(?, ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, 0), ?, ?, ?, "
                          "NULLIF(?, 0))"),
      insert_delta_(database,
                    "INSERT INTO deltas(transaction_sequence, position, id, kind, rule, debit, credit, unit, amount, "
                    "explanation) VALUES(?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?)") {}

void LedgerRowWriter::insert(const ChainRow& row, std::int64_t program, const std::string& link, std::int64_t sequence) {
    insert_transaction_.bind(11, sequence).bind(1, row.id).bind(2, row.member).bind(3, row.kind).bind(4, row.at).bind(5, row.original);
    bind_hex(insert_transaction_, 6, row.fingerprint);
    insert_transaction_.bind(7, program)
        .bind_blob(8, compression_.compress_payload(row.payload))
        .bind(9, static_cast<std::int64_t>(row.deltas.size()));
    bind_hex(insert_transaction_, 10, link);
    insert_transaction_.step();
    insert_transaction_.reset();
    const std::int64_t stored = sqlite3_last_insert_rowid(database_.handle());
    std::int64_t position = 0;
    for (const ChainDelta& delta : row.deltas) {
        insert_delta_.bind(1, stored)
            .bind(2, ++position)
            .bind(3, has_plain_id(row, delta) ? std::string() : delta.id)
            .bind(4, delta.kind)
            .bind(5, labels_.key(LabelTable::rules, delta.rule))
            .bind(6, labels_.key(LabelTable::accounts, delta.debit))
            .bind(7, labels_.key(LabelTable::accounts, delta.credit))
            .bind(8, labels_.key(LabelTable::units, delta.unit))
            .bind(9, delta.amount)
            .bind(10, labels_.key(LabelTable::explanations, delta.explanation))
            .step();
        insert_delta_.reset();
    }
}

bool has_plain_id(const ChainRow& row, const ChainDelta& delta) {
    return !row.program_version.empty() && delta.id == plain_delta_id(row.id, delta.rule, row.program_version);
}

std::string plain_delta_id(const std::string& transaction_id, const std::string& rule, const std::string& version) {
    std::string id;
    id.reserve(transaction_id.size() + rule.size() + version.size() + 2);
    id += transaction_id;
    id += '/';
    id += rule;
    id += '@';
    id += version;
    return id;
}

void bind_hex(SqliteStatement& statement, int index, const std::string& hex) {
    if (const auto bytes = bytes_of_hex(hex)) {
        statement.bind_blob(index, *bytes);
    } else {
        statement.bind(index, hex);
    }
}

std::string hex_column(const SqliteStatement& statement, int column) {
    return statement.is_blob(column) ? hex_of_bytes(statement.blob(column)) : statement.text(column);
}

}  // namespace loyalty::detail
