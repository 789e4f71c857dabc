/* Links loyalty::c from C: the same purchase, given as structs. */
#include <inttypes.h>
#include <stdio.h>

#include <loyalty/loyalty.h>

int main(int argc, char** argv) {
    (void)argc;
    loyalty_program* program = NULL;
    loyalty_evaluator* evaluator = NULL;
    loyalty_outcome* outcome = NULL;
    loyalty_member* member = NULL;
    loyalty_error* error = NULL;
    const loyalty_line_item items[] = {{"A", NULL, 6050, 1, 0, 0, NULL, 0}};
    loyalty_transaction purchase = {0};
    purchase.id = "t1";
    purchase.member_id = "m1";
    purchase.at = "2026-03-02T10:00:00-06:00";
    purchase.kind = LOYALTY_PURCHASE;
    purchase.currency = "USD";
    purchase.items = items;
    purchase.item_count = 1;
    int64_t points = 0;
    const int done = loyalty_program_load_file(argv[1], &program, &error) == LOYALTY_OK &&
                     loyalty_evaluator_new(&evaluator, &error) == LOYALTY_OK &&
                     loyalty_outcome_new(&outcome, &error) == LOYALTY_OK &&
                     loyalty_member_new("m1", &member, &error) == LOYALTY_OK &&
                     loyalty_evaluate(program, evaluator, member, &purchase, outcome, &error) == LOYALTY_OK &&
                     loyalty_apply(member, outcome, evaluator, &error) == LOYALTY_OK &&
                     loyalty_member_points(member, &points, NULL, &error) == LOYALTY_OK;
    if (!done) fprintf(stderr, "%s", loyalty_error_report(error));
    else printf("C consumer: %" PRId64 " points\n", points);
    loyalty_error_free(error);
    loyalty_member_free(member);
    loyalty_outcome_free(outcome);
    loyalty_evaluator_free(evaluator);
    loyalty_program_free(program);
    return done ? 0 : 1;
}
