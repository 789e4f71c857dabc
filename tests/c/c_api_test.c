/* The C API as a C host uses it: loading, members, evaluating by struct and by JSON, reading
 * deltas, explaining into a caller's buffer, applying, refusals and errors.
 *   c_api_test RULES_DIR */

#include <loyalty/loyalty.h>

#include <stdlib.h>

#include "c_check.h"

static char rules_path[4096];

static const char* rules(const char* name) {
    static char path[4096 + 64];
    snprintf(path, sizeof path, "%s/%s", rules_path, name);
    return path;
}

static loyalty_program* load_cafe(void) {
    loyalty_program* program = NULL;
    loyalty_error* error = NULL;
    CHECK(loyalty_program_load_file(rules("corner-cafe.yaml"), &program, &error) == LOYALTY_OK);
    CHECK(error == NULL);
    return program;
}

/* The sample program, the working memory to evaluate it, and a member "ana" with nothing yet. */
typedef struct till {
    loyalty_program* program;
    loyalty_evaluator* evaluator;
    loyalty_outcome* outcome;
    loyalty_member* ana;
} till;

static till open_till(void) {
    till opened = {load_cafe(), NULL, NULL, NULL};
    CHECK(loyalty_evaluator_new(&opened.evaluator, NULL) == LOYALTY_OK);
    CHECK(loyalty_outcome_new(&opened.outcome, NULL) == LOYALTY_OK);
    CHECK(loyalty_member_new("ana", &opened.ana, NULL) == LOYALTY_OK);
    return opened;
}

static void close_till(till* opened) {
    loyalty_member_free(opened->ana);
    loyalty_outcome_free(opened->outcome);
    loyalty_evaluator_free(opened->evaluator);
    loyalty_program_free(opened->program);
}

static void test_library_and_program(void) {
    CHECK(loyalty_abi_version() == LOYALTY_C_ABI_VERSION);
    CHECK(strlen(loyalty_version()) > 0);
    CHECK_TEXT(loyalty_status_name(LOYALTY_REFUSED), "LOYALTY_REFUSED");

    loyalty_program* program = load_cafe();
    CHECK_TEXT(loyalty_program_name(program), "Corner Caf\xc3\xa9 Rewards");
    CHECK_TEXT(loyalty_program_version(program), "2026.1");
    CHECK_TEXT(loyalty_program_currency(program), "USD");
    CHECK(strlen(loyalty_program_digest(program)) == 64);
    loyalty_program_free(program);
}

static void test_program_images(void) {
    loyalty_program* program = load_cafe();
    void* image = NULL;
    size_t length = 0;
    CHECK(loyalty_program_write_image(program, &image, &length, NULL) == LOYALTY_OK);
    CHECK(length > 88 && memcmp(image, "\x89LPI\r\n\x1a\n", 8) == 0);
    loyalty_program* loaded = NULL;
    CHECK(loyalty_program_load_image(image, length, "cafe.lpi", &loaded, NULL) == LOYALTY_OK);
    CHECK_TEXT(loyalty_program_name(loaded), loyalty_program_name(program));
    CHECK_TEXT(loyalty_program_digest(loaded), loyalty_program_digest(program));
    loyalty_program_free(loaded);

    /* A byte changed: the checksum says so. */
    unsigned char* bytes = image;
    bytes[length / 2] ^= 0x20;
    loyalty_error* error = NULL;
    CHECK(loyalty_program_load_image(image, length, "damaged.lpi", &loaded, &error) == LOYALTY_INVALID_PROGRAM);
    CHECK(loaded == NULL);
    CHECK_TEXT(loyalty_error_code(error), "I004");
    CHECK(strstr(loyalty_error_report(error), "damaged.lpi: error[I004]") != NULL);
    loyalty_error_free(error);
    CHECK(loyalty_program_load_image(image, 40, "cut.lpi", &loaded, &error) == LOYALTY_INVALID_PROGRAM);
    CHECK_TEXT(loyalty_error_code(error), "I003");
    loyalty_error_free(error);
    loyalty_free(image);
    loyalty_program_free(program);
}

static void test_rule_file_errors(void) {
    const char text[] =
        "program: {name: Broken, version: \"1\", currency: USD, time_zone: \"-05:00\"}\n"
        "earn:\n"
        "  - id: everyday\n"
        "    rate: {points: 1, per: 1.00}\n"
        "    multipler: 2\n";
    loyalty_program* program = (loyalty_program*)1;
    loyalty_error* error = NULL;
    CHECK(loyalty_program_load_yaml(text, sizeof text - 1, "broken.yaml", &program, &error) == LOYALTY_INVALID_PROGRAM);
    CHECK(program == NULL);
    CHECK(loyalty_error_diagnostic_count(error) >= 1);
    loyalty_diagnostic diagnostic;
    CHECK(loyalty_error_diagnostic(error, 0, &diagnostic) == LOYALTY_OK);
    CHECK_TEXT(diagnostic.code, "E101");
    CHECK_TEXT(diagnostic.file, "broken.yaml");
    CHECK(diagnostic.line == 5);
    CHECK(diagnostic.column == 5);
    CHECK(strstr(loyalty_error_report(error), "broken.yaml:5:5: error[E101]") != NULL);
    CHECK(loyalty_error_diagnostic(error, 99, &diagnostic) == LOYALTY_INVALID_ARGUMENT);
    loyalty_error_free(error);

    CHECK(loyalty_program_load_file(rules("no-such-file.yaml"), &program, &error) == LOYALTY_INVALID_PROGRAM);
    CHECK(loyalty_error_code(error)[0] == 'E');
    loyalty_error_free(error);

    CHECK(loyalty_program_load_file(NULL, &program, &error) == LOYALTY_INVALID_ARGUMENT);
    CHECK_TEXT(loyalty_error_code(error), "C001");
    CHECK_TEXT(loyalty_error_message(error), "path is NULL");
    loyalty_error_free(error);
    /* Without an error to fill, the status alone says it. */
    CHECK(loyalty_program_load_file(NULL, &program, NULL) == LOYALTY_INVALID_ARGUMENT);
}

static const loyalty_line_item breakfast_items[] = {
    {"LATTE", "coffee", 450, 2, 0, 0, NULL, 0},
    {"SANDWICH", "food", 875, 2, 0, 0, NULL, 0},
};

static loyalty_transaction breakfast(void) {
    loyalty_transaction transaction;
    memset(&transaction, 0, sizeof transaction);
    transaction.id = "t1";
    transaction.member_id = "ana";
    transaction.at = "2026-03-02T08:15:00-05:00";
    transaction.kind = LOYALTY_PURCHASE;
    transaction.channel = "app";
    transaction.currency = "USD";
    transaction.items = breakfast_items;
    transaction.item_count = 2;
    return transaction;
}

static const char grinders_json[] =
    "{\"id\":\"t2\",\"member\":\"ana\",\"at\":\"2026-03-03T12:00:00-05:00\",\"kind\":\"purchase\",\"channel\":\"store\","
    "\"currency\":\"USD\",\"items\":[{\"sku\":\"GRINDER\",\"category\":\"equipment\",\"unit_price\":\"129.00\","
    "\"quantity\":2}]}";

/* The first delta's sentence, whole, and cut to a buffer too small, snprintf's way. */
static void check_explanations(const loyalty_program* program, const loyalty_outcome* outcome) {
    loyalty_error* error = NULL;
    char sentence[256];
    size_t length = 0;
    const char* expected = "Everyday points: 35 points for 26.50 USD paid at 1 point per 1.00 USD, \xc3\x97" "2 on 9.00 USD "
                           "(coffee counts double), rounded down.";
    CHECK(loyalty_explain(program, outcome, 0, sentence, sizeof sentence, &length, NULL) == LOYALTY_OK);
    CHECK_TEXT(sentence, expected);
    CHECK(length == strlen(expected));
    char short_buffer[16];
    CHECK(loyalty_explain(program, outcome, 0, short_buffer, sizeof short_buffer, &length, NULL) == LOYALTY_BUFFER_TOO_SMALL);
    CHECK(length == strlen(expected));
    CHECK(strncmp(short_buffer, expected, 15) == 0 && short_buffer[15] == '\0');
    CHECK(loyalty_explain(program, outcome, 0, NULL, 0, &length, NULL) == LOYALTY_BUFFER_TOO_SMALL);
    CHECK(loyalty_explain(program, outcome, 7, sentence, sizeof sentence, NULL, &error) == LOYALTY_EXPLAIN_ERROR);
    CHECK_TEXT(loyalty_error_code(error), "X002");
    loyalty_error_free(error);

}

/* By JSON, after the breakfast of 85 points: 258.00 paid is 258 points, and 284.50 spent this month
 * passes the 150.00 of the big-month coupon. */
static void check_grinders_by_json(const till* opened) {
    loyalty_program* program = opened->program;
    loyalty_outcome* outcome = opened->outcome;
    loyalty_delta delta;
    int64_t spendable = -1;
    CHECK(loyalty_evaluate_json(program, opened->evaluator, opened->ana, grinders_json, strlen(grinders_json), outcome,
                                NULL) == LOYALTY_OK);
    CHECK(loyalty_outcome_delta_count(outcome) == 2);
    CHECK(loyalty_outcome_delta(outcome, 0, &delta, NULL) == LOYALTY_OK && delta.amount == 258);
    CHECK(loyalty_outcome_delta(outcome, 1, &delta, NULL) == LOYALTY_OK);
    CHECK(delta.kind == LOYALTY_DELTA_COUPON_ISSUE);
    CHECK_TEXT(delta.rule_id, "big-month");
    CHECK_TEXT(delta.unit, "coupons");
    CHECK(delta.amount == 1);
    char* json = NULL;
    CHECK(loyalty_outcome_to_json(outcome, program, &json, NULL) == LOYALTY_OK);
    CHECK(strstr(json, "\"explanation\":\"Everyday points: 258 points for 258.00 USD paid at 1 point per 1.00 USD.\"") != NULL);
    loyalty_free(json);
    CHECK(loyalty_apply(opened->ana, outcome, opened->evaluator, NULL) == LOYALTY_OK);
    CHECK(loyalty_member_points(opened->ana, &spendable, NULL, NULL) == LOYALTY_OK && spendable == 343);
}

static void test_evaluating_and_applying(void) {
    till opened = open_till();
    loyalty_error* error = NULL;

    /* 26.50 paid, the 9.00 of coffee counted twice: 35.50 points, rounded down to 35; an app
     * order of 20.00 or more adds 50. */
    const loyalty_transaction transaction = breakfast();
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, &error) == LOYALTY_OK);
    CHECK(error == NULL);
    CHECK(loyalty_outcome_delta_count(opened.outcome) == 2);
    loyalty_delta delta;
    CHECK(loyalty_outcome_delta(opened.outcome, 0, &delta, NULL) == LOYALTY_OK);
    CHECK(delta.kind == LOYALTY_DELTA_EARN);
    CHECK_TEXT(delta.kind_name, "earn");
    CHECK_TEXT(delta.id, "t1/everyday@2026.1");
    CHECK_TEXT(delta.rule_id, "everyday");
    CHECK_TEXT(delta.owner_id, "ana");
    CHECK(delta.amount == 35);
    CHECK_TEXT(delta.unit, "points");
    CHECK_TEXT(delta.debit_account, "program:points_issued");
    CHECK_TEXT(delta.credit_account, "member:ana:points");
    CHECK(loyalty_outcome_delta(opened.outcome, 1, &delta, NULL) == LOYALTY_OK);
    CHECK_TEXT(delta.rule_id, "app-order");
    CHECK(delta.amount == 50);
    CHECK(loyalty_outcome_delta(opened.outcome, 2, &delta, &error) == LOYALTY_INVALID_ARGUMENT);
    CHECK_TEXT(loyalty_error_code(error), "C002");
    loyalty_error_free(error);

    check_explanations(opened.program, opened.outcome);

    CHECK(loyalty_outcome_owner_count(opened.outcome) == 1);
    CHECK_TEXT(loyalty_outcome_owner(opened.outcome, 0), "ana");
    CHECK(loyalty_apply(opened.ana, opened.outcome, opened.evaluator, NULL) == LOYALTY_OK);
    int64_t spendable = -1, pending = -1;
    CHECK(loyalty_member_points(opened.ana, &spendable, &pending, NULL) == LOYALTY_OK);
    CHECK(spendable == 85);
    CHECK(pending == 0);

    /* Sent again, it is recognised and changes nothing; under its id with other contents, refused. */
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, NULL) == LOYALTY_OK);
    CHECK(loyalty_outcome_already_applied(opened.outcome) == 1);
    CHECK(loyalty_outcome_delta_count(opened.outcome) == 0);
    CHECK(loyalty_apply(opened.ana, opened.outcome, opened.evaluator, NULL) == LOYALTY_OK);
    CHECK(loyalty_member_points(opened.ana, &spendable, NULL, NULL) == LOYALTY_OK && spendable == 85);
    loyalty_transaction changed = transaction;
    changed.channel = "store";
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &changed, opened.outcome, &error) == LOYALTY_REFUSED);
    CHECK_TEXT(loyalty_error_code(error), "T020");
    CHECK_TEXT(loyalty_error_field(error), "id");
    CHECK_TEXT(loyalty_error_transaction_id(error), "t1");
    CHECK(loyalty_outcome_delta_count(opened.outcome) == 0);
    loyalty_error_free(error);

    check_grinders_by_json(&opened);
    close_till(&opened);
}

static void test_referrals_have_two_owners(void) {
    till opened = open_till();
    loyalty_member* bea = NULL;
    const char bea_json[] = "{\"id\":\"bea\",\"attributes\":{\"referrer\":\"ana\"}}";
    CHECK(loyalty_member_from_json(bea_json, strlen(bea_json), &bea, NULL) == LOYALTY_OK);
    const char signup[] = "{\"id\":\"s1\",\"member\":\"bea\",\"at\":\"2026-03-04T09:00:00-05:00\",\"kind\":\"event\","
                          "\"event\":\"signup\",\"currency\":\"USD\"}";
    CHECK(loyalty_evaluate_json(opened.program, opened.evaluator, bea, signup, strlen(signup), opened.outcome, NULL) == LOYALTY_OK);
    CHECK(loyalty_outcome_owner_count(opened.outcome) == 2);
    CHECK_TEXT(loyalty_outcome_owner(opened.outcome, 0), "bea");
    CHECK_TEXT(loyalty_outcome_owner(opened.outcome, 1), "ana");
    CHECK(loyalty_outcome_owner(opened.outcome, 2) == NULL);
    loyalty_delta delta;
    CHECK(loyalty_outcome_delta(opened.outcome, 1, &delta, NULL) == LOYALTY_OK);
    CHECK_TEXT(delta.owner_id, "ana");
    CHECK(delta.amount == 100);
    /* Each member folds only its own effects. */
    CHECK(loyalty_apply(bea, opened.outcome, opened.evaluator, NULL) == LOYALTY_OK);
    CHECK(loyalty_apply(opened.ana, opened.outcome, opened.evaluator, NULL) == LOYALTY_OK);
    int64_t points = 0;
    CHECK(loyalty_member_points(bea, &points, NULL, NULL) == LOYALTY_OK && points == 50);
    CHECK(loyalty_member_points(opened.ana, &points, NULL, NULL) == LOYALTY_OK && points == 100);

    /* A member's state comes back from its JSON byte for byte. */
    char* written = NULL;
    char* again = NULL;
    loyalty_member* read = NULL;
    CHECK(loyalty_member_to_json(bea, &written, NULL) == LOYALTY_OK);
    CHECK(loyalty_member_from_json(written, strlen(written), &read, NULL) == LOYALTY_OK);
    CHECK(loyalty_member_to_json(read, &again, NULL) == LOYALTY_OK);
    CHECK_TEXT(again, written);
    loyalty_free(written);
    loyalty_free(again);
    loyalty_member_free(read);

    loyalty_member_free(bea);
    close_till(&opened);
}

static void test_input_errors(void) {
    till opened = open_till();
    loyalty_error* error = NULL;

    const char not_json[] = "{\"id\": \"t9\", \"member\": ";
    CHECK(loyalty_evaluate_json(opened.program, opened.evaluator, opened.ana, not_json, strlen(not_json), opened.outcome, &error) == LOYALTY_INVALID_INPUT);
    CHECK_TEXT(loyalty_error_code(error), "T100");
    loyalty_error_free(error);

    loyalty_line_item items[1] = {{NULL, "coffee", 450, 1, 0, 0, NULL, 0}};
    loyalty_transaction transaction = breakfast();
    transaction.items = items;
    transaction.item_count = 1;
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, &error) == LOYALTY_INVALID_ARGUMENT);
    CHECK_TEXT(loyalty_error_code(error), "C001");
    CHECK_TEXT(loyalty_error_field(error), "items[0].sku");
    loyalty_error_free(error);

    items[0].sku = "LATTE";
    items[0].quantity = 0;
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, &error) == LOYALTY_REFUSED);
    CHECK_TEXT(loyalty_error_code(error), "T007");
    CHECK_TEXT(loyalty_error_field(error), "items[0].quantity");
    loyalty_error_free(error);

    transaction.at = "2026-03-02 08:15";
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, &error) == LOYALTY_INVALID_INPUT);
    CHECK_TEXT(loyalty_error_field(error), "at");
    loyalty_error_free(error);

    transaction.at = "2026-03-02T08:15:00-05:00";
    transaction.currency = "XYZ";
    CHECK(loyalty_evaluate(opened.program, opened.evaluator, opened.ana, &transaction, opened.outcome, &error) == LOYALTY_INVALID_INPUT);
    CHECK_TEXT(loyalty_error_field(error), "currency");
    loyalty_error_free(error);

    const char bad_member[] = "{\"id\":\"ana\",\"points\":\"lots\"}";
    loyalty_member* member = (loyalty_member*)1;
    CHECK(loyalty_member_from_json(bad_member, strlen(bad_member), &member, &error) == LOYALTY_INVALID_INPUT);
    CHECK(member == NULL);
    CHECK_TEXT(loyalty_error_code(error), "M100");
    loyalty_error_free(error);
    CHECK(loyalty_member_new("", &member, &error) == LOYALTY_INVALID_INPUT);
    CHECK_TEXT(loyalty_error_code(error), "M100");
    loyalty_error_free(error);

    close_till(&opened);
}

static void test_transactions_as_json(void) {
    const loyalty_transaction transaction = breakfast();
    char* from_struct = NULL;
    char* normalized = NULL;
    CHECK(loyalty_transaction_to_json(&transaction, &from_struct, NULL) == LOYALTY_OK);
    const char written_by_hand[] =
        "{\"member\": \"ana\", \"id\": \"t1\", \"kind\": \"purchase\", \"at\": \"2026-03-02T08:15:00-05:00\", "
        "\"channel\": \"app\", \"currency\": \"USD\", \"items\": [{\"sku\": \"LATTE\", \"category\": \"coffee\", "
        "\"unit_price\": \"4.50\", \"quantity\": 2}, {\"sku\": \"SANDWICH\", \"category\": \"food\", "
        "\"unit_price\": \"8.75\", \"quantity\": 2}]}";
    CHECK(loyalty_transaction_normalize_json(written_by_hand, strlen(written_by_hand), &normalized, NULL) == LOYALTY_OK);
    CHECK_TEXT(from_struct, normalized);
    CHECK(strstr(from_struct, "\"unit_price\":\"8.75\"") != NULL);
    loyalty_free(from_struct);
    loyalty_free(normalized);
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: c_api_test RULES_DIR\n");
        return 2;
    }
    snprintf(rules_path, sizeof rules_path, "%s", argv[1]);
    test_library_and_program();
    test_rule_file_errors();
    test_program_images();
    test_evaluating_and_applying();
    test_referrals_have_two_owners();
    test_input_errors();
    test_transactions_as_json();
    return report_checks();
}
