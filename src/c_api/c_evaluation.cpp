// Evaluating, reading an outcome, explaining and applying through the C API.
#include <algorithm>
#include <cstring>

#include "c_api/c_errors.hpp"
#include "c_api/c_transaction.hpp"
#include "loyalty/json.hpp"

using loyalty::c_api::fail;
using loyalty::c_api::fail_null;
using loyalty::c_api::guarded;

namespace {

loyalty_delta_kind c_kind(loyalty::DeltaKind kind) {
    switch (kind) {
        case loyalty::DeltaKind::earn: return LOYALTY_DELTA_EARN;
        case loyalty::DeltaKind::expire: return LOYALTY_DELTA_EXPIRE;
        case loyalty::DeltaKind::burn: return LOYALTY_DELTA_BURN;
        case loyalty::DeltaKind::coupon_issue: return LOYALTY_DELTA_COUPON_ISSUE;
        case loyalty::DeltaKind::coupon_use: return LOYALTY_DELTA_COUPON_USE;
        case loyalty::DeltaKind::discount: return LOYALTY_DELTA_DISCOUNT;
        case loyalty::DeltaKind::badge: return LOYALTY_DELTA_BADGE;
        case loyalty::DeltaKind::clawback: return LOYALTY_DELTA_CLAWBACK;
        case loyalty::DeltaKind::coupon_restore: return LOYALTY_DELTA_COUPON_RESTORE;
        case loyalty::DeltaKind::rebate: return LOYALTY_DELTA_REBATE;
        case loyalty::DeltaKind::tier_change: return LOYALTY_DELTA_TIER_CHANGE;
        case loyalty::DeltaKind::benefit: return LOYALTY_DELTA_BENEFIT;
        case loyalty::DeltaKind::refund: return LOYALTY_DELTA_REFUND;
        case loyalty::DeltaKind::release: return LOYALTY_DELTA_RELEASE;
    }
    return LOYALTY_DELTA_EARN;
}

/// Evaluates `transaction` into `outcome`; a refusal leaves the outcome empty.
loyalty_status evaluate(const loyalty_program& program, loyalty_evaluator& evaluator, const loyalty_member& member,
                        const loyalty::Transaction& transaction, loyalty_outcome& outcome, loyalty_error** error) {
    outcome.start_over();
    const auto refusal = program.program.evaluate(member.member, transaction, evaluator.state, outcome.outcome,
                                                  evaluator.options);
    if (outcome.texts.size() < outcome.outcome.deltas.size()) outcome.texts.resize(outcome.outcome.deltas.size());
    if (refusal) return fail(error, loyalty::c_api::status_of_code(refusal->code), *refusal);
    outcome.owners = outcome.outcome.owners();
    return LOYALTY_OK;
}

/// The texts of one delta, made the first time they are asked for.
const DeltaTexts& texts_of(const loyalty_outcome& outcome, std::size_t index) {
    DeltaTexts& texts = outcome.texts[index];
    if (texts.made) return texts;
    const loyalty::Outcome& made = outcome.outcome;
    const loyalty::Delta& delta = made.deltas[index];
    texts.kind = loyalty::to_string(delta.kind);
    texts.id = made.delta_id(delta);
    texts.rule_id = made.rule_id(delta);
    texts.unit = made.unit(delta);
    texts.debit = made.account(delta, delta.debit).to_string();
    texts.credit = made.account(delta, delta.credit).to_string();
    texts.made = true;
    return texts;
}

}  // namespace

void loyalty_outcome::start_over() {
    for (DeltaTexts& held : texts) held.made = false;
    owners.clear();
}

void loyalty_outcome::forget() {
    start_over();
    outcome = loyalty::Outcome{};
}

extern "C" {

loyalty_status loyalty_evaluator_new(loyalty_evaluator** evaluator, loyalty_error** error) {
    return guarded(error, [&] {
        if (evaluator == nullptr) return fail_null(error, "evaluator");
        *evaluator = new loyalty_evaluator;
        return LOYALTY_OK;
    });
}

void loyalty_evaluator_free(loyalty_evaluator* evaluator) { delete evaluator; }

void loyalty_evaluator_set_member_lookup(loyalty_evaluator* evaluator, loyalty_member_lookup lookup, void* context) {
    if (evaluator == nullptr) return;
    if (lookup == nullptr) {
        evaluator->options.other_member = nullptr;
        return;
    }
    // Set once, so that evaluating builds no function each time.
    evaluator->options.other_member = [lookup, context](const std::string& member_id) -> const loyalty::Member* {
        const loyalty_member* found = lookup(context, member_id.c_str());
        return found == nullptr ? nullptr : &found->member;
    };
}

loyalty_status loyalty_outcome_new(loyalty_outcome** outcome, loyalty_error** error) {
    return guarded(error, [&] {
        if (outcome == nullptr) return fail_null(error, "outcome");
        *outcome = new loyalty_outcome;
        return LOYALTY_OK;
    });
}

void loyalty_outcome_free(loyalty_outcome* outcome) { delete outcome; }

loyalty_status loyalty_evaluate(const loyalty_program* program, loyalty_evaluator* evaluator,
                                const loyalty_member* member, const loyalty_transaction* transaction,
                                loyalty_outcome* outcome, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        if (evaluator == nullptr) return fail_null(error, "evaluator");
        if (member == nullptr) return fail_null(error, "member");
        if (transaction == nullptr) return fail_null(error, "transaction");
        if (outcome == nullptr) return fail_null(error, "outcome");
        loyalty::Transaction& read = evaluator->transaction;
        if (const auto problem = loyalty::c_api::read_transaction(*transaction, read)) {
            outcome->forget();
            return fail(error, problem->code == "C001" ? LOYALTY_INVALID_ARGUMENT : LOYALTY_INVALID_INPUT, *problem);
        }
        return evaluate(*program, *evaluator, *member, read, *outcome, error);
    });
}

loyalty_status loyalty_evaluate_json(const loyalty_program* program, loyalty_evaluator* evaluator,
                                     const loyalty_member* member, const char* json, size_t length,
                                     loyalty_outcome* outcome, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        if (evaluator == nullptr) return fail_null(error, "evaluator");
        if (member == nullptr) return fail_null(error, "member");
        if (json == nullptr) return fail_null(error, "json");
        if (outcome == nullptr) return fail_null(error, "outcome");
        const auto read = loyalty::read_transaction_json(std::string_view(json, length));
        if (!read) {
            outcome->forget();
            return fail(error, LOYALTY_INVALID_INPUT, read.error());
        }
        return evaluate(*program, *evaluator, *member, read.value(), *outcome, error);
    });
}

int loyalty_outcome_already_applied(const loyalty_outcome* outcome) {
    return outcome != nullptr && outcome->outcome.already_applied ? 1 : 0;
}

size_t loyalty_outcome_delta_count(const loyalty_outcome* outcome) {
    return outcome == nullptr ? 0 : outcome->outcome.deltas.size();
}

loyalty_status loyalty_outcome_delta(const loyalty_outcome* outcome, size_t index, loyalty_delta* delta,
                                     loyalty_error** error) {
    return guarded(error, [&] {
        if (outcome == nullptr) return fail_null(error, "outcome");
        if (delta == nullptr) return fail_null(error, "delta");
        if (index >= outcome->outcome.deltas.size()) {
            return fail(error, LOYALTY_INVALID_ARGUMENT, "C002",
                        "delta " + std::to_string(index) + " of an outcome of " +
                            std::to_string(outcome->outcome.deltas.size()));
        }
        const DeltaTexts& texts = texts_of(*outcome, index);
        const loyalty::Delta& found = outcome->outcome.deltas[index];
        *delta = {c_kind(found.kind),        texts.kind.c_str(),  texts.id.c_str(),
                  texts.rule_id.c_str(),     outcome->outcome.owner_id(found.owner).c_str(),
                  found.amount,              texts.unit.c_str(),  texts.debit.c_str(),
                  texts.credit.c_str()};
        return LOYALTY_OK;
    });
}

size_t loyalty_outcome_owner_count(const loyalty_outcome* outcome) {
    return outcome == nullptr ? 0 : outcome->owners.size();
}

const char* loyalty_outcome_owner(const loyalty_outcome* outcome, size_t index) {
    return outcome == nullptr || index >= outcome->owners.size() ? nullptr : outcome->owners[index].c_str();
}

size_t loyalty_outcome_notice_count(const loyalty_outcome* outcome) {
    return outcome == nullptr ? 0 : outcome->outcome.notices.size();
}

loyalty_status loyalty_outcome_notice(const loyalty_outcome* outcome, size_t index, const char** code,
                                      const char** message) {
    if (outcome == nullptr || index >= outcome->outcome.notices.size()) return LOYALTY_INVALID_ARGUMENT;
    const loyalty::Notice& notice = outcome->outcome.notices[index];
    if (code != nullptr) *code = notice.code.c_str();
    if (message != nullptr) *message = notice.message.c_str();
    return LOYALTY_OK;
}

loyalty_status loyalty_outcome_to_json(const loyalty_outcome* outcome, const loyalty_program* program, char** json,
                                       loyalty_error** error) {
    return guarded(error, [&] {
        if (json == nullptr) return fail_null(error, "json");
        *json = nullptr;
        if (outcome == nullptr) return fail_null(error, "outcome");
        if (program == nullptr) return fail_null(error, "program");
        if (outcome->outcome.program_digest != program->program.digest()) {
            return fail(error, LOYALTY_EXPLAIN_ERROR, "X001", "the outcome was evaluated by another program");
        }
        *json = loyalty::c_api::copy_for_caller(loyalty::to_json(outcome->outcome, program->program));
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_explain(const loyalty_program* program, const loyalty_outcome* outcome, size_t index,
                               char* buffer, size_t capacity, size_t* length, loyalty_error** error) {
    return guarded(error, [&] {
        if (program == nullptr) return fail_null(error, "program");
        if (outcome == nullptr) return fail_null(error, "outcome");
        if (buffer == nullptr && capacity > 0) return fail_null(error, "buffer");
        // A text per thread, whose memory the next explanation reuses: no handle of the caller's
        // is written to.
        thread_local std::string sentence;
        sentence.clear();
        if (const auto problem = program->program.append_explanation(sentence, outcome->outcome, index)) {
            return fail(error, LOYALTY_EXPLAIN_ERROR, problem->code, problem->message);
        }
        if (length != nullptr) *length = sentence.size();
        if (capacity == 0) return LOYALTY_BUFFER_TOO_SMALL;
        const std::size_t copied = std::min(sentence.size(), capacity - 1);
        std::memcpy(buffer, sentence.data(), copied);
        buffer[copied] = '\0';
        return copied < sentence.size() ? LOYALTY_BUFFER_TOO_SMALL : LOYALTY_OK;
    });
}

loyalty_status loyalty_apply(loyalty_member* member, const loyalty_outcome* outcome, loyalty_evaluator* evaluator,
                             loyalty_error** error) {
    return guarded(error, [&] {
        if (member == nullptr) return fail_null(error, "member");
        if (outcome == nullptr) return fail_null(error, "outcome");
        if (evaluator == nullptr) return fail_null(error, "evaluator");
        if (const auto problem = loyalty::apply_in_place(member->member, outcome->outcome, evaluator->state)) {
            return fail(error, loyalty::c_api::status_of_code(problem->code), *problem);
        }
        return LOYALTY_OK;
    });
}

}  // extern "C"
