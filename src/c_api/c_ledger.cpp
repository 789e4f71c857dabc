// Recording into the SQLite ledger through the C API, with the ledger protocol's guarantees.
#include <optional>
#include <string_view>

#include "c_api/c_errors.hpp"
#include "loyalty/json.hpp"

using loyalty::c_api::fail;
using loyalty::c_api::fail_null;
using loyalty::c_api::guarded;

namespace {

/// The lines of `jsonl` that are not blank.
std::vector<std::string_view> lines_of(std::string_view jsonl) {
    std::vector<std::string_view> lines;
    while (!jsonl.empty()) {
        const std::size_t end = jsonl.find('\n');
        std::string_view line = jsonl.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) lines.push_back(line);
        jsonl.remove_prefix(end == std::string_view::npos ? jsonl.size() : end + 1);
    }
    return lines;
}

}  // namespace

extern "C" {

loyalty_status loyalty_ledger_open(const char* path, const loyalty_program* program, loyalty_ledger** ledger,
                                   loyalty_error** error) {
    return guarded(error, [&] {
        if (ledger == nullptr) return fail_null(error, "ledger");
        *ledger = nullptr;
        if (path == nullptr) return fail_null(error, "path");
        if (program == nullptr) return fail_null(error, "program");
        auto opened = std::make_unique<loyalty_ledger>(loyalty_ledger{loyalty::SqliteLedger::open(path, true), nullptr, {}});
        loyalty::LedgerWriterOptions options;
        const loyalty_ledger* handle = opened.get();
        options.joining_state = [handle](const std::string& member_id) -> std::optional<loyalty::Member> {
            const auto found = handle->joining.find(member_id);
            if (found == handle->joining.end()) return std::nullopt;
            return found->second;
        };
        opened->writer = std::make_unique<loyalty::LedgerWriter>(opened->store, program->program, std::move(options));
        *ledger = opened.release();
        return LOYALTY_OK;
    });
}

void loyalty_ledger_close(loyalty_ledger* ledger) { delete ledger; }

loyalty_status loyalty_ledger_record_json(loyalty_ledger* ledger, const char* jsonl, size_t length,
                                          loyalty_batch** batch, loyalty_error** error) {
    return guarded(error, [&] {
        if (batch == nullptr) return fail_null(error, "batch");
        *batch = nullptr;
        if (ledger == nullptr) return fail_null(error, "ledger");
        if (jsonl == nullptr) return fail_null(error, "jsonl");
        auto made = std::make_unique<loyalty_batch>();
        std::vector<loyalty::Transaction> readable;
        // Where each readable line's result goes among all the lines' results.
        std::vector<std::size_t> slots;
        for (const std::string_view line : lines_of(std::string_view(jsonl, length))) {
            auto read = loyalty::read_transaction_json(line);
            loyalty::RecordResult& result = made->results.emplace_back();
            if (!read) {
                result.status = loyalty::RecordResult::Status::refused;
                result.code = read.error().code;
                result.message = read.error().field.empty() ? read.error().message
                                                            : read.error().field + ": " + read.error().message;
                continue;
            }
            slots.push_back(made->results.size() - 1);
            readable.push_back(std::move(read.value()));
        }
        std::vector<loyalty::RecordResult> recorded = ledger->writer->record_batch(readable);
        for (std::size_t i = 0; i < recorded.size(); ++i) made->results[slots[i]] = std::move(recorded[i]);
        *batch = made.release();
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_ledger_add_joining_member(loyalty_ledger* ledger, const loyalty_member* member,
                                                loyalty_error** error) {
    return guarded(error, [&] {
        if (ledger == nullptr) return fail_null(error, "ledger");
        if (member == nullptr) return fail_null(error, "member");
        ledger->joining.insert_or_assign(member->member.id, member->member);
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_ledger_finish(loyalty_ledger* ledger, loyalty_error** error) {
    return guarded(error, [&] {
        if (ledger == nullptr) return fail_null(error, "ledger");
        ledger->writer->finish();
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_ledger_member_json(loyalty_ledger* ledger, const char* member_id, char** json,
                                          loyalty_error** error) {
    return guarded(error, [&] {
        if (json == nullptr) return fail_null(error, "json");
        *json = nullptr;
        if (ledger == nullptr) return fail_null(error, "ledger");
        if (member_id == nullptr) return fail_null(error, "member_id");
        if (const auto member = ledger->store.member(member_id)) *json = loyalty::c_api::copy_for_caller(loyalty::to_json(*member));
        return LOYALTY_OK;
    });
}

size_t loyalty_batch_count(const loyalty_batch* batch) { return batch == nullptr ? 0 : batch->results.size(); }

loyalty_status loyalty_batch_result(const loyalty_batch* batch, size_t index, loyalty_record_status* status,
                                    const char** code, const char** message) {
    if (batch == nullptr || index >= batch->results.size()) return LOYALTY_INVALID_ARGUMENT;
    const loyalty::RecordResult& result = batch->results[index];
    if (status != nullptr) {
        switch (result.status) {
            case loyalty::RecordResult::Status::recorded: *status = LOYALTY_RECORDED; break;
            case loyalty::RecordResult::Status::already_recorded: *status = LOYALTY_ALREADY_RECORDED; break;
            case loyalty::RecordResult::Status::refused: *status = LOYALTY_RECORD_REFUSED; break;
        }
    }
    if (code != nullptr) *code = result.code.c_str();
    if (message != nullptr) *message = result.message.c_str();
    return LOYALTY_OK;
}

void loyalty_batch_free(loyalty_batch* batch) { delete batch; }

}  // extern "C"
