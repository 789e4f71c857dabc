// The representation of targets without __int128 (32-bit ARM), built here so that both run on
// every build and are seen to agree.
#define LOYALTY_WIDE_INTEGER_PORTABLE
#define WIDE_INTEGER_REPRESENTATION "Boost's 256-bit integer"
#include "wide_integer_cases.hpp"
