/* A till in C: it evaluates a basket for a member, prints the receipt's lines with the points
 * each rule gave and why, and applies them to the member's state.
 *   pos RULES.yaml */

#include <loyalty/loyalty.h>

#include <inttypes.h>
#include <stdio.h>

/* Fails the run with the error's report when `status` is not LOYALTY_OK. */
static int ok(loyalty_status status, loyalty_error* error) {
    if (status == LOYALTY_OK) return 1;
    fprintf(stderr, "%s\n%s", loyalty_status_name(status), loyalty_error_report(error));
    loyalty_error_free(error);
    return 0;
}

static void print_amount(const char* label, int64_t cents) {
    printf("  %-22s %5" PRId64 ".%02" PRId64 "\n", label, cents / 100, cents % 100);
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: pos RULES.yaml\n");
        return 2;
    }
    loyalty_error* error = NULL;
    loyalty_program* program = NULL;
    loyalty_evaluator* evaluator = NULL;
    loyalty_outcome* outcome = NULL;
    loyalty_member* member = NULL;
    int done = ok(loyalty_program_load_file(argv[1], &program, &error), error) &&
               ok(loyalty_evaluator_new(&evaluator, &error), error) && ok(loyalty_outcome_new(&outcome, &error), error) &&
               ok(loyalty_member_new("ana", &member, &error), error);

    /* The basket as the till holds it: prices in cents, no JSON anywhere. */
    const loyalty_line_item items[] = {
        {"LATTE", "coffee", 450, 2, 0, 0, NULL, 0},
        {"SANDWICH", "food", 875, 2, 0, 0, NULL, 0},
        {"MUFFIN", "bakery", 295, 1, 1, 50, NULL, 0}, /* 0.50 off at the till */
    };
    loyalty_transaction basket = {0};
    basket.id = "till-7/1001";
    basket.member_id = "ana";
    basket.at = "2026-03-02T08:15:00-05:00";
    basket.kind = LOYALTY_PURCHASE;
    basket.channel = "app";
    basket.currency = "USD";
    basket.items = items;
    basket.item_count = sizeof items / sizeof items[0];

    done = done && ok(loyalty_evaluate(program, evaluator, member, &basket, outcome, &error), error);
    if (done) {
        printf("%s\nreceipt %s for %s\n", loyalty_program_name(program), basket.id, basket.member_id);
        int64_t total = 0;
        for (size_t i = 0; i < basket.item_count; ++i) {
            char label[64];
            snprintf(label, sizeof label, "%s x%" PRId64, items[i].sku, items[i].quantity);
            const int64_t paid = items[i].unit_price * items[i].quantity - (items[i].has_discount ? items[i].discount : 0);
            print_amount(label, paid);
            total += paid;
        }
        print_amount("total", total);
        printf("points\n");
        for (size_t i = 0; done && i < loyalty_outcome_delta_count(outcome); ++i) {
            loyalty_delta delta;
            char why[512];
            done = ok(loyalty_outcome_delta(outcome, i, &delta, &error), error) &&
                   ok(loyalty_explain(program, outcome, i, why, sizeof why, NULL, &error), error);
            if (done) printf("  %+6" PRId64 " %-8s %s\n", delta.amount, delta.unit, why);
        }
        done = done && ok(loyalty_apply(member, outcome, evaluator, &error), error);
        int64_t balance = 0;
        done = done && ok(loyalty_member_points(member, &balance, NULL, &error), error);
        if (done) printf("balance: %" PRId64 " points\n", balance);
    }
    loyalty_member_free(member);
    loyalty_outcome_free(outcome);
    loyalty_evaluator_free(evaluator);
    loyalty_program_free(program);
    return done ? 0 : 1;
}
