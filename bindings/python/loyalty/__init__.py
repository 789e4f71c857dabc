"""loyalty: the embeddable rules engine for loyalty programs, from Python.

    import loyalty
    program = loyalty.Program.from_file("rules/corner-cafe.yaml")
    member = loyalty.Member("ana")
    outcome = program.evaluate(member, {"id": "t1", "member": "ana", "at": "2026-03-02T08:15:00-05:00",
                                        "kind": "purchase", "currency": "USD",
                                        "items": [{"sku": "LATTE", "category": "coffee", "unit_price": "4.50"}]})
    for delta in outcome.deltas:
        print(delta.amount, delta.unit, delta.explanation)
    member.apply(outcome)

The tutorial is docs/python.md in the project.
"""

from ._native import ABI_VERSION, lib as _lib, text as _text
from .engine import Delta, Member, Notice, Outcome, Program, Transaction
from .errors import (ArgumentError, Diagnostic, ExplainError, InputError, LedgerError, LoyaltyError, OutOfMemoryError,
                     ProgramError, RefusedError)
from .ledger import Ledger, RecordResult

__version__ = _text(_lib.loyalty_version())

__all__ = [
    "ABI_VERSION", "ArgumentError", "Delta", "Diagnostic", "ExplainError", "InputError", "Ledger", "LedgerError",
    "LoyaltyError", "Member", "Notice", "OutOfMemoryError", "Outcome", "Program", "ProgramError", "RecordResult",
    "RefusedError", "Transaction",
]
