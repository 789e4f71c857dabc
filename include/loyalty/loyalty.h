#ifndef LOYALTY_LOYALTY_H
#define LOYALTY_LOYALTY_H
/* The C API of loyalty (C11), for hosts in other languages and for firmware.
 *
 * Every call that can fail returns a loyalty_status and, when `error` is not NULL, stores in
 * *error a new loyalty_error that the caller frees with loyalty_error_free (NULL on success).
 * No exception ever crosses this boundary. Each handle has a matching free; each text this API
 * allocates is freed with loyalty_free; texts a handle lends (const char*) stay valid until that
 * handle is freed or, for an outcome, evaluated again.
 *
 * Threads: a program is immutable, and any number of threads may use one at once. An evaluator,
 * an outcome, a member and a ledger are each used by one thread at a time. Errors are values:
 * nothing here keeps a per-thread or global "last error". docs/api.md, The C API, says it per
 * function. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define LOYALTY_C_API
#else
#define LOYALTY_C_API __attribute__((visibility("default")))
#endif

/* The ABI this header describes; the shared library's soname carries it (libloyalty_c.so.1). */
#define LOYALTY_C_ABI_VERSION 1

typedef enum loyalty_status {
    LOYALTY_OK = 0,
    LOYALTY_INVALID_ARGUMENT = 1, /* a NULL where a value is needed, an index past the end (C001, C002) */
    LOYALTY_INVALID_PROGRAM = 2,  /* rule text with errors (E...), or an image refused (I...) */
    LOYALTY_INVALID_INPUT = 3,    /* JSON of a member or a transaction that cannot be read (M..., T...) */
    LOYALTY_REFUSED = 4,          /* the transaction was refused (T...): the outcome holds nothing */
    LOYALTY_LEDGER_ERROR = 5,     /* the ledger cannot be opened or written (L...) */
    LOYALTY_BUFFER_TOO_SMALL = 6, /* the text did not fit: the needed length is given back */
    LOYALTY_EXPLAIN_ERROR = 7,    /* an outcome another program evaluated, or edited since (X...) */
    LOYALTY_OUT_OF_MEMORY = 8,
    LOYALTY_INTERNAL_ERROR = 9 /* a fault of the library: please report it with the error's text */
} loyalty_status;

typedef struct loyalty_error loyalty_error;
typedef struct loyalty_program loyalty_program;
typedef struct loyalty_member loyalty_member;
typedef struct loyalty_evaluator loyalty_evaluator;
typedef struct loyalty_outcome loyalty_outcome;
typedef struct loyalty_ledger loyalty_ledger;
typedef struct loyalty_batch loyalty_batch;

/* ---- The library ---- */

/* LOYALTY_C_ABI_VERSION of the library loaded, to compare with the header's. Any thread. */
LOYALTY_C_API int loyalty_abi_version(void);
/* The library's version, "0.1.0". Any thread. */
LOYALTY_C_API const char* loyalty_version(void);
/* The short name of a status, "LOYALTY_REFUSED". Any thread. */
LOYALTY_C_API const char* loyalty_status_name(loyalty_status status);
/* Frees a text this API allocated; NULL does nothing. Any thread. */
LOYALTY_C_API void loyalty_free(void* text);

/* ---- Errors ---- */

/* One problem: a rule file has as many as it has problems, every other error one. */
typedef struct loyalty_diagnostic {
    const char* code;    /* "E101", "T007", "M100", "L009", "X002", "C001" (docs/errors.md) */
    const char* message;
    const char* file;    /* the rule file, "" when the problem is not in one */
    int line;            /* 1-based; 0 when the problem has no position */
    int column;
} loyalty_diagnostic;

LOYALTY_C_API void loyalty_error_free(loyalty_error* error);
/* The first problem's code and message. */
LOYALTY_C_API const char* loyalty_error_code(const loyalty_error* error);
LOYALTY_C_API const char* loyalty_error_message(const loyalty_error* error);
/* The transaction's field at fault, "items[1].quantity"; "" when none. */
LOYALTY_C_API const char* loyalty_error_field(const loyalty_error* error);
/* The transaction the error is about; "" when none. */
LOYALTY_C_API const char* loyalty_error_transaction_id(const loyalty_error* error);
/* Every problem, formatted as the command line prints them (rule files with their source line
 * and a caret). */
LOYALTY_C_API const char* loyalty_error_report(const loyalty_error* error);
LOYALTY_C_API size_t loyalty_error_diagnostic_count(const loyalty_error* error);
/* The texts stay valid while `error` lives. LOYALTY_INVALID_ARGUMENT past the end. */
LOYALTY_C_API loyalty_status loyalty_error_diagnostic(const loyalty_error* error, size_t index,
                                                      loyalty_diagnostic* diagnostic);

/* ---- Programs ---- */

/* Parses, validates and compiles a rule file. `file_name` is what diagnostics call the text. */
LOYALTY_C_API loyalty_status loyalty_program_load_yaml(const char* text, size_t length, const char* file_name,
                                                       loyalty_program** program, loyalty_error** error);
/* A rule file, or a program image (`loyalty compile`), known by its first bytes. */
LOYALTY_C_API loyalty_status loyalty_program_load_file(const char* path, loyalty_program** program,
                                                       loyalty_error** error);
/* A program image held in memory (linked into flash, say), without a YAML parser: checked as the
 * compiler would have it, or refused with I001-I005. The bytes are not kept after the call. */
LOYALTY_C_API loyalty_status loyalty_program_load_image(const void* bytes, size_t length, const char* file_name,
                                                        loyalty_program** program, loyalty_error** error);
/* The program's image, as `loyalty compile` writes it: *length bytes at *bytes, freed with loyalty_free. */
LOYALTY_C_API loyalty_status loyalty_program_write_image(const loyalty_program* program, void** bytes, size_t* length,
                                                         loyalty_error** error);
LOYALTY_C_API void loyalty_program_free(loyalty_program* program);
LOYALTY_C_API const char* loyalty_program_name(const loyalty_program* program);
LOYALTY_C_API const char* loyalty_program_version(const loyalty_program* program);
/* The content digest a ledger knows the program by: 64 hexadecimal digits. */
LOYALTY_C_API const char* loyalty_program_digest(const loyalty_program* program);
/* ISO 4217: "USD". Amounts of the struct-level calls are in its minor units. */
LOYALTY_C_API const char* loyalty_program_currency(const loyalty_program* program);

/* ---- Members ---- */

/* A member with nothing yet: no points, no tier. */
LOYALTY_C_API loyalty_status loyalty_member_new(const char* member_id, loyalty_member** member, loyalty_error** error);
/* A member's state as docs/api.md writes it in JSON. */
LOYALTY_C_API loyalty_status loyalty_member_from_json(const char* json, size_t length, loyalty_member** member,
                                                      loyalty_error** error);
/* The state as one line of JSON, the same bytes on every host; free it with loyalty_free. */
LOYALTY_C_API loyalty_status loyalty_member_to_json(const loyalty_member* member, char** json, loyalty_error** error);
LOYALTY_C_API void loyalty_member_free(loyalty_member* member);
LOYALTY_C_API const char* loyalty_member_id(const loyalty_member* member);
/* "" for a member in no tier. */
LOYALTY_C_API const char* loyalty_member_tier(const loyalty_member* member);
/* Spendable points, and points held pending a return window. */
LOYALTY_C_API loyalty_status loyalty_member_points(const loyalty_member* member, int64_t* spendable, int64_t* pending,
                                                   loyalty_error** error);

/* ---- Transactions, struct by struct ---- */

typedef enum loyalty_transaction_kind {
    LOYALTY_PURCHASE = 0,
    LOYALTY_RETURN = 1, /* names the purchase it returns in original_transaction_id */
    LOYALTY_EVENT = 2   /* a named happening, "birthday", in event_name */
} loyalty_transaction_kind;

typedef struct loyalty_attribute {
    const char* name;
    const char* value;
} loyalty_attribute;

/* Amounts are integers of the currency's minor units: 450 is 4.50 USD, 450 is 450 JPY. */
typedef struct loyalty_line_item {
    const char* sku;
    const char* category; /* NULL or "" for none */
    int64_t unit_price;
    int64_t quantity;
    int has_discount; /* a discount the host already gave on the line */
    int64_t discount;
    const loyalty_attribute* attributes;
    size_t attribute_count;
} loyalty_line_item;

typedef struct loyalty_transaction {
    const char* id;
    const char* member_id;
    const char* at;       /* RFC 3339 with its offset: "2026-03-02T08:15:00-05:00" */
    loyalty_transaction_kind kind;
    const char* channel;  /* NULL or "" for none */
    const char* event_name;
    const char* original_transaction_id;
    const char* currency; /* "USD" */
    const loyalty_line_item* items;
    size_t item_count;
    const char* const* coupons; /* ids of the coupons the member presents */
    size_t coupon_count;
    int has_shipping;
    int64_t shipping;
    int has_tax;
    int64_t tax;
    int64_t points_payment; /* points spent to pay part of the purchase */
    const loyalty_attribute* attributes;
    size_t attribute_count;
} loyalty_transaction;

/* The transaction as the JSON that loyalty_evaluate_json reads; free it with loyalty_free. */
LOYALTY_C_API loyalty_status loyalty_transaction_to_json(const loyalty_transaction* transaction, char** json,
                                                         loyalty_error** error);
/* Reads a transaction's JSON and gives it back as the library writes it (fields in a fixed order,
 * amounts as decimal strings): the check a host makes before queueing one. */
LOYALTY_C_API loyalty_status loyalty_transaction_normalize_json(const char* json, size_t length, char** normalized,
                                                                loyalty_error** error);

/* ---- Evaluating ---- */

/* Working memory for evaluations, reused on one thread: evaluating with the same evaluator and
 * outcome stops allocating once members stop growing. */
LOYALTY_C_API loyalty_status loyalty_evaluator_new(loyalty_evaluator** evaluator, loyalty_error** error);
LOYALTY_C_API void loyalty_evaluator_free(loyalty_evaluator* evaluator);
/* A return may take back the points a purchase gave its referrer: the evaluation asks `lookup`
 * for that member's state (NULL when unknown). NULL `lookup` asks no one. */
typedef const loyalty_member* (*loyalty_member_lookup)(void* context, const char* member_id);
LOYALTY_C_API void loyalty_evaluator_set_member_lookup(loyalty_evaluator* evaluator, loyalty_member_lookup lookup,
                                                       void* context);

LOYALTY_C_API loyalty_status loyalty_outcome_new(loyalty_outcome** outcome, loyalty_error** error);
LOYALTY_C_API void loyalty_outcome_free(loyalty_outcome* outcome);

/* The deltas `transaction` earns `member`, into `outcome`. Pure: the member is only read. On
 * LOYALTY_REFUSED the outcome holds nothing to apply and the error names the code and field. */
LOYALTY_C_API loyalty_status loyalty_evaluate(const loyalty_program* program, loyalty_evaluator* evaluator,
                                              const loyalty_member* member, const loyalty_transaction* transaction,
                                              loyalty_outcome* outcome, loyalty_error** error);
/* The same for a transaction in JSON (LOYALTY_INVALID_INPUT when it cannot be read). */
LOYALTY_C_API loyalty_status loyalty_evaluate_json(const loyalty_program* program, loyalty_evaluator* evaluator,
                                                   const loyalty_member* member, const char* json, size_t length,
                                                   loyalty_outcome* outcome, loyalty_error** error);

typedef enum loyalty_delta_kind {
    LOYALTY_DELTA_EARN = 0,
    LOYALTY_DELTA_EXPIRE = 1,
    LOYALTY_DELTA_BURN = 2,
    LOYALTY_DELTA_COUPON_ISSUE = 3,
    LOYALTY_DELTA_COUPON_USE = 4,
    LOYALTY_DELTA_DISCOUNT = 5,
    LOYALTY_DELTA_BADGE = 6,
    LOYALTY_DELTA_CLAWBACK = 7,
    LOYALTY_DELTA_COUPON_RESTORE = 8,
    LOYALTY_DELTA_REBATE = 9,
    LOYALTY_DELTA_TIER_CHANGE = 10,
    LOYALTY_DELTA_BENEFIT = 11,
    LOYALTY_DELTA_REFUND = 12,
    LOYALTY_DELTA_RELEASE = 13
} loyalty_delta_kind;

/* One delta: `amount` of `unit` from the debit account to the credit account. */
typedef struct loyalty_delta {
    loyalty_delta_kind kind;
    const char* kind_name;      /* "earn" */
    const char* id;             /* "t1/everyday@1" */
    const char* rule_id;        /* the rule it comes from, or a built-in one ("expiry", "returns") */
    const char* owner_id;       /* the member it belongs to: the buyer, or a referrer */
    int64_t amount;             /* points, or minor units of a currency */
    const char* unit;           /* "points", "USD", "coupons", "tier:gold" */
    const char* debit_account;  /* "program:points_issued" */
    const char* credit_account; /* "member:m1:points" */
} loyalty_delta;

/* 1 when the member had already applied this transaction (a resend): nothing to apply. */
LOYALTY_C_API int loyalty_outcome_already_applied(const loyalty_outcome* outcome);
LOYALTY_C_API size_t loyalty_outcome_delta_count(const loyalty_outcome* outcome);
/* The texts stay valid until the outcome is evaluated again or freed. */
LOYALTY_C_API loyalty_status loyalty_outcome_delta(const loyalty_outcome* outcome, size_t index, loyalty_delta* delta,
                                                   loyalty_error** error);
/* The members the outcome changes, the buyer first: apply it to each. */
LOYALTY_C_API size_t loyalty_outcome_owner_count(const loyalty_outcome* outcome);
LOYALTY_C_API const char* loyalty_outcome_owner(const loyalty_outcome* outcome, size_t index);
/* Notices: what did not happen and why, without a delta ("N003": a coupon not valid yet). */
LOYALTY_C_API size_t loyalty_outcome_notice_count(const loyalty_outcome* outcome);
LOYALTY_C_API loyalty_status loyalty_outcome_notice(const loyalty_outcome* outcome, size_t index, const char** code,
                                                    const char** message);
/* The outcome with every delta's explanation, as one line of JSON; free it with loyalty_free. */
LOYALTY_C_API loyalty_status loyalty_outcome_to_json(const loyalty_outcome* outcome, const loyalty_program* program,
                                                     char** json, loyalty_error** error);

/* The sentence that explains delta `index`, into the caller's buffer, as snprintf does: at most
 * capacity - 1 bytes and a NUL; *length (when not NULL) is the sentence's whole length, and
 * LOYALTY_BUFFER_TOO_SMALL says it was cut. `program` must be the one that evaluated it. */
LOYALTY_C_API loyalty_status loyalty_explain(const loyalty_program* program, const loyalty_outcome* outcome,
                                             size_t index, char* buffer, size_t capacity, size_t* length,
                                             loyalty_error** error);

/* Folds the outcome's effects that belong to `member` into it (none when it owns none). */
LOYALTY_C_API loyalty_status loyalty_apply(loyalty_member* member, const loyalty_outcome* outcome,
                                           loyalty_evaluator* evaluator, loyalty_error** error);

/* ---- The SQLite ledger ---- */

/* Opens (creating, or upgrading in place) the ledger at `path` to record `program`'s
 * transactions. The program must outlive the ledger handle. Several processes may record into
 * one ledger. */
LOYALTY_C_API loyalty_status loyalty_ledger_open(const char* path, const loyalty_program* program,
                                                 loyalty_ledger** ledger, loyalty_error** error);
/* Closes without a checkpoint: the next writer catches up from the last one, as after a crash. */
LOYALTY_C_API void loyalty_ledger_close(loyalty_ledger* ledger);
/* Records the transactions of `jsonl` (one JSON transaction a line) in one batch: evaluated
 * against each member as the ledger has it, recorded with their postings, applied to every
 * member they belong to, committed together. A line that cannot be read or is refused is
 * refused alone; LOYALTY_LEDGER_ERROR means the store failed and nothing was recorded. */
LOYALTY_C_API loyalty_status loyalty_ledger_record_json(loyalty_ledger* ledger, const char* jsonl, size_t length,
                                                        loyalty_batch** batch, loyalty_error** error);
/* The state `member` joins with when the ledger first records a transaction of its (a tier,
 * attributes such as a referrer, an opening balance); a member not given joins empty. The state
 * is copied. A member the ledger already knows keeps the state the ledger has. */
LOYALTY_C_API loyalty_status loyalty_ledger_add_joining_member(loyalty_ledger* ledger, const loyalty_member* member,
                                                               loyalty_error** error);
/* Writes every changed member's state, so the next writer has nothing to evaluate again. */
LOYALTY_C_API loyalty_status loyalty_ledger_finish(loyalty_ledger* ledger, loyalty_error** error);
/* A member's state as the ledger holds it, as JSON (free it with loyalty_free); NULL in *json for
 * a member the ledger does not know. */
LOYALTY_C_API loyalty_status loyalty_ledger_member_json(loyalty_ledger* ledger, const char* member_id, char** json,
                                                        loyalty_error** error);

typedef enum loyalty_record_status {
    LOYALTY_RECORDED = 0,
    LOYALTY_ALREADY_RECORDED = 1, /* recorded before with the same contents: nothing changed */
    LOYALTY_RECORD_REFUSED = 2    /* nothing of it was recorded: code and message say why */
} loyalty_record_status;

/* What became of each line of a batch, in order (blank lines are not counted). */
LOYALTY_C_API size_t loyalty_batch_count(const loyalty_batch* batch);
LOYALTY_C_API loyalty_status loyalty_batch_result(const loyalty_batch* batch, size_t index,
                                                  loyalty_record_status* status, const char** code,
                                                  const char** message);
LOYALTY_C_API void loyalty_batch_free(loyalty_batch* batch);

#ifdef __cplusplus
}
#endif

#endif /* LOYALTY_LOYALTY_H */
