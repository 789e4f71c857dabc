#ifndef LOYALTY_TESTS_C_CHECK_H
#define LOYALTY_TESTS_C_CHECK_H
/* The C tests' checks: each counts, a failed one says where, and the run ends with the count. */

#include <stdio.h>
#include <string.h>

static int checks_passed;
static int checks_failed;

#define CHECK(condition)                                                                    \
    do {                                                                                    \
        if (condition) {                                                                    \
            ++checks_passed;                                                                \
        } else {                                                                            \
            ++checks_failed;                                                                \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #condition);   \
        }                                                                                   \
    } while (0)

#define CHECK_TEXT(actual, expected)                                                          \
    do {                                                                                      \
        const char* actual_text = (actual);                                                   \
        if (actual_text != NULL && strcmp(actual_text, (expected)) == 0) {                    \
            ++checks_passed;                                                                  \
        } else {                                                                              \
            ++checks_failed;                                                                  \
            fprintf(stderr, "%s:%d: %s is \"%s\", not \"%s\"\n", __FILE__, __LINE__, #actual, \
                    actual_text ? actual_text : "(NULL)", (expected));                        \
        }                                                                                     \
    } while (0)

static int report_checks(void) {
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif
