// The representation of this build: __int128 where the compiler has it.
#if defined(__SIZEOF_INT128__)
#define WIDE_INTEGER_REPRESENTATION "__int128"
#else
#define WIDE_INTEGER_REPRESENTATION "Boost's 256-bit integer"
#endif
#include "wide_integer_cases.hpp"
