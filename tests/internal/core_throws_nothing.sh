#!/usr/bin/env bash
# The evaluation core is built without exceptions, so no `throw` can be written in it. It could
# still call one of the library's throwing conveniences (Points' operators, Money's constructor,
# the throwing apply): this finds any such call among the core's objects.
#
# Usage: core_throws_nothing.sh OBJECT...
set -euo pipefail

throwing_calls=(
    'loyalty::detail::raise_invalid_argument'
    'loyalty::detail::raise_out_of_range'
    'loyalty::detail::raise_currency_mismatch'
    'loyalty::detail::points_or_raise'
    'loyalty::Points::operator+'
    'loyalty::Points::operator-'
    'loyalty::Money::Money(long, loyalty::Currency)'
    'loyalty::Money::operator+'
    'loyalty::Money::operator-'
    'loyalty::Money::times(long)'
    'loyalty::Member::points()'
    'loyalty::Member::pending_points()'
    'loyalty::Member::set_opening_balance'
    'loyalty::TransactionError::TransactionError'
    'loyalty::ArithmeticError::ArithmeticError'
    'loyalty::LoadError::LoadError'
    'loyalty::apply(loyalty::Member const&, loyalty::Outcome const&)'
    'loyalty::apply_in_place(loyalty::Member&, loyalty::Outcome const&)'
    'loyalty::Program::evaluate(loyalty::Member const&, loyalty::Transaction const&, loyalty::EvaluationOptions) const'
    'loyalty::detail::raise_out_of_memory'
    'boost::throw_exception'
    '__cxa_throw'
)
# The value types that offer the throwing forms call the raising functions themselves.
raisers='/(money|points|member)\.cpp\.o$'

found=0
for object in "$@"; do
    undefined=$(nm -C --undefined-only "$object")
    for call in "${throwing_calls[@]}"; do
        if [[ ($call == loyalty::detail::raise_* || $call == *_or_raise) && $object =~ $raisers ]]; then continue; fi
        if grep -qF -- "$call" <<<"$undefined"; then
            echo "$(basename "$object") calls $call" >&2
            found=1
        fi
    done
done
[[ $found == 0 ]] && echo "$# objects of the evaluation core call nothing that throws"
exit "$found"
