#pragma once
// What the C API's opaque handles hold: the C++ values, and the texts a handle lends to C.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "loyalty/diagnostic.hpp"
#include "loyalty/ledger_writer.hpp"
#include "loyalty/loyalty.h"
#include "loyalty/program.hpp"
#include "loyalty/sqlite_ledger.hpp"

struct loyalty_error {
    loyalty_status status = LOYALTY_INTERNAL_ERROR;
    std::vector<loyalty::Diagnostic> diagnostics;
    std::string field;
    std::string transaction_id;
    std::string report;
};

struct loyalty_program {
    loyalty::Program program;
    std::string digest;
    std::string currency;
};

struct loyalty_member {
    loyalty::Member member;
};

struct loyalty_evaluator {
    loyalty::EvaluatorState state;
    loyalty::EvaluationOptions options;
    /// A transaction given as structs, read into memory the next one reuses.
    loyalty::Transaction transaction;
};

/// The texts `loyalty_outcome_delta` lends, made when asked and kept until the next evaluation.
struct DeltaTexts {
    bool made = false;
    std::string kind;
    std::string id;
    std::string rule_id;
    std::string unit;
    std::string debit;
    std::string credit;
};

struct loyalty_outcome {
    loyalty::Outcome outcome;
    /// Made when asked: reading a delta changes no value of the outcome's.
    mutable std::vector<DeltaTexts> texts;
    std::vector<std::string> owners;
    /// Forgets what the evaluation before lent, keeping the memory.
    void start_over();
    /// Holds nothing at all: what a transaction that could not be read leaves.
    void forget();
};

struct loyalty_ledger {
    loyalty::SqliteLedger store;
    std::unique_ptr<loyalty::LedgerWriter> writer;
    /// The states members new to the ledger join with, by id.
    std::unordered_map<std::string, loyalty::Member> joining;
};

struct loyalty_batch {
    std::vector<loyalty::RecordResult> results;
};
