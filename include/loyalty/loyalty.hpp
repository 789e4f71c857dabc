#pragma once
// Everything a host needs, in one include.

#include "loyalty/attributes.hpp"
#include "loyalty/currency.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/diagnostic.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/ledger.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/member.hpp"
#include "loyalty/money.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/points.hpp"
#include "loyalty/program.hpp"
#include "loyalty/rounding.hpp"
#include "loyalty/time.hpp"
#include "loyalty/transaction.hpp"
