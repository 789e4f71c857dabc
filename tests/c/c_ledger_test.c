/* The SQLite ledger through the C API: a batch recorded with each line's fate, a resend that
 * changes nothing, members' states as the ledger keeps them, and a second writer that catches up.
 *   c_ledger_test RULES_DIR WORK_DIR */

#include <loyalty/loyalty.h>

#include <stdlib.h>

#include "c_check.h"

static const char batch_text[] =
    "{\"id\":\"t1\",\"member\":\"ana\",\"at\":\"2026-03-02T08:15:00-05:00\",\"kind\":\"purchase\",\"channel\":\"app\","
    "\"currency\":\"USD\",\"items\":[{\"sku\":\"LATTE\",\"category\":\"coffee\",\"unit_price\":\"4.50\",\"quantity\":2},"
    "{\"sku\":\"SANDWICH\",\"category\":\"food\",\"unit_price\":\"8.75\",\"quantity\":2}]}\n"
    "\n"
    "{\"id\":\"t2\",\"member\":\"ana\",\"at\":\"not a time\",\"kind\":\"purchase\",\"currency\":\"USD\"}\r\n"
    "{\"id\":\"t3\",\"member\":\"ben\",\"at\":\"2026-03-02T09:00:00-05:00\",\"kind\":\"purchase\",\"channel\":\"store\","
    "\"currency\":\"USD\",\"items\":[{\"sku\":\"MUG\",\"category\":\"merch\",\"unit_price\":\"12.00\",\"quantity\":1}]}\n"
    "{\"id\":\"t4\",\"member\":\"ben\",\"at\":\"2026-03-02T09:30:00-05:00\",\"kind\":\"purchase\",\"channel\":\"store\","
    "\"currency\":\"USD\",\"items\":[{\"sku\":\"MUG\",\"category\":\"merch\",\"unit_price\":\"12.00\",\"quantity\":0}]}";

static int64_t points_in(const char* member_json) {
    const char* found = strstr(member_json, "\"points\":");
    return found == NULL ? -1 : strtoll(found + strlen("\"points\":"), NULL, 10);
}

static void check_result(const loyalty_batch* batch, size_t index, loyalty_record_status expected, const char* code) {
    loyalty_record_status status = LOYALTY_RECORDED;
    const char* found_code = NULL;
    const char* message = NULL;
    CHECK(loyalty_batch_result(batch, index, &status, &found_code, &message) == LOYALTY_OK);
    CHECK(status == expected);
    CHECK_TEXT(found_code, code);
    CHECK(message != NULL && (expected != LOYALTY_RECORD_REFUSED || strlen(message) > 0));
}

/* A member's spendable points as the ledger keeps them, or -1 for a member it does not know. */
static int64_t stored_points(loyalty_ledger* ledger, const char* member_id) {
    char* json = NULL;
    CHECK(loyalty_ledger_member_json(ledger, member_id, &json, NULL) == LOYALTY_OK);
    const int64_t points = json == NULL ? -1 : points_in(json);
    loyalty_free(json);
    return points;
}

static void record_and_check(loyalty_ledger* ledger, const char* jsonl, loyalty_record_status expected) {
    loyalty_batch* batch = NULL;
    CHECK(loyalty_ledger_record_json(ledger, jsonl, strlen(jsonl), &batch, NULL) == LOYALTY_OK);
    check_result(batch, 0, expected, "");
    loyalty_batch_free(batch);
}

static void test_a_batch_and_its_resend(const loyalty_program* program, const char* path) {
    loyalty_ledger* ledger = NULL;
    loyalty_batch* batch = NULL;
    loyalty_error* error = NULL;
    CHECK(loyalty_ledger_open(path, program, &ledger, &error) == LOYALTY_OK);
    CHECK(error == NULL);
    /* Four lines that are not blank: a purchase, one whose time cannot be read, another member's
     * purchase, and one the engine refuses. */
    CHECK(loyalty_ledger_record_json(ledger, batch_text, strlen(batch_text), &batch, &error) == LOYALTY_OK);
    CHECK(loyalty_batch_count(batch) == 4);
    check_result(batch, 0, LOYALTY_RECORDED, "");
    check_result(batch, 1, LOYALTY_RECORD_REFUSED, "T100");
    check_result(batch, 2, LOYALTY_RECORDED, "");
    check_result(batch, 3, LOYALTY_RECORD_REFUSED, "T007");
    CHECK(loyalty_batch_result(batch, 4, NULL, NULL, NULL) == LOYALTY_INVALID_ARGUMENT);
    loyalty_batch_free(batch);
    /* The same lines again: the recorded ones are resends. */
    CHECK(loyalty_ledger_record_json(ledger, batch_text, strlen(batch_text), &batch, NULL) == LOYALTY_OK);
    check_result(batch, 0, LOYALTY_ALREADY_RECORDED, "");
    check_result(batch, 2, LOYALTY_ALREADY_RECORDED, "");
    loyalty_batch_free(batch);
    CHECK(loyalty_ledger_finish(ledger, NULL) == LOYALTY_OK);
    CHECK(stored_points(ledger, "ana") == 85); /* 35 for what was paid, coffee twice, and 50 for the app */
    CHECK(stored_points(ledger, "ben") == 12);
    CHECK(stored_points(ledger, "nobody") == -1);
    loyalty_ledger_close(ledger);
}

/* A second writer, after a close without a checkpoint, catches up from the ledger itself. */
static void test_a_second_writer_catches_up(const loyalty_program* program, const char* path) {
    const char more[] =
        "{\"id\":\"t5\",\"member\":\"ben\",\"at\":\"2026-03-03T09:00:00-05:00\",\"kind\":\"purchase\",\"channel\":\"store\","
        "\"currency\":\"USD\",\"items\":[{\"sku\":\"BEANS\",\"category\":\"beans\",\"unit_price\":\"24.00\",\"quantity\":1}]}";
    loyalty_ledger* ledger = NULL;
    loyalty_batch* batch = NULL;
    CHECK(loyalty_ledger_open(path, program, &ledger, NULL) == LOYALTY_OK);
    record_and_check(ledger, more, LOYALTY_RECORDED);
    loyalty_ledger_close(ledger);
    CHECK(loyalty_ledger_open(path, program, &ledger, NULL) == LOYALTY_OK);
    CHECK(loyalty_ledger_record_json(ledger, "", 0, &batch, NULL) == LOYALTY_OK);
    CHECK(loyalty_batch_count(batch) == 0);
    loyalty_batch_free(batch);
    CHECK(loyalty_ledger_finish(ledger, NULL) == LOYALTY_OK);
    CHECK(stored_points(ledger, "ben") == 36);
    loyalty_ledger_close(ledger);
}

/* A member who joins with a referrer: her signup gives the referrer 100 points too. */
static void test_a_member_joins_with_a_referrer(const loyalty_program* program, const char* path) {
    loyalty_ledger* ledger = NULL;
    loyalty_member* bea = NULL;
    const char bea_json[] = "{\"id\":\"bea\",\"attributes\":{\"referrer\":\"ana\"}}";
    const char signup[] = "{\"id\":\"s1\",\"member\":\"bea\",\"at\":\"2026-03-04T09:00:00-05:00\",\"kind\":\"event\","
                          "\"event\":\"signup\",\"currency\":\"USD\"}";
    remove(path);
    CHECK(loyalty_member_from_json(bea_json, strlen(bea_json), &bea, NULL) == LOYALTY_OK);
    CHECK(loyalty_ledger_open(path, program, &ledger, NULL) == LOYALTY_OK);
    CHECK(loyalty_ledger_add_joining_member(ledger, bea, NULL) == LOYALTY_OK);
    loyalty_member_free(bea); /* the ledger keeps its own copy */
    record_and_check(ledger, signup, LOYALTY_RECORDED);
    CHECK(loyalty_ledger_finish(ledger, NULL) == LOYALTY_OK);
    char* json = NULL;
    CHECK(loyalty_ledger_member_json(ledger, "bea", &json, NULL) == LOYALTY_OK);
    CHECK(json != NULL && points_in(json) == 50 && strstr(json, "\"referrer\":\"ana\"") != NULL);
    loyalty_free(json);
    CHECK(stored_points(ledger, "ana") == 100);
    loyalty_ledger_close(ledger);
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: c_ledger_test RULES_DIR WORK_DIR\n");
        return 2;
    }
    char rules[4096], path[4096];
    snprintf(rules, sizeof rules, "%s/corner-cafe.yaml", argv[1]);
    snprintf(path, sizeof path, "%s/c-ledger.db", argv[2]);
    remove(path);
    loyalty_program* program = NULL;
    CHECK(loyalty_program_load_file(rules, &program, NULL) == LOYALTY_OK);
    test_a_batch_and_its_resend(program, path);
    test_a_second_writer_catches_up(program, path);
    snprintf(path, sizeof path, "%s/c-ledger-joining.db", argv[2]);
    test_a_member_joins_with_a_referrer(program, path);

    /* A file that is not a ledger. */
    loyalty_ledger* ledger = NULL;
    loyalty_error* error = NULL;
    CHECK(loyalty_ledger_open(rules, program, &ledger, &error) == LOYALTY_LEDGER_ERROR);
    CHECK(ledger == NULL);
    CHECK(loyalty_error_code(error)[0] == 'L');
    loyalty_error_free(error);
    loyalty_program_free(program);
    return report_checks();
}
