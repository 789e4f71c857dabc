"""The exceptions of the binding: each carries the library's stable code (docs/errors.md), its
message, the transaction and field at fault when there are, and every diagnostic of a rule file."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import List


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is (a rule file's line and column, 0 when it has none) and what."""

    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0


@dataclass(eq=False)
class LoyaltyError(Exception):
    """A call of the library failed. `report` is every problem, as the command line prints them."""

    code: str
    message: str
    field: str = ""
    transaction_id: str = ""
    report: str = ""
    diagnostics: List[Diagnostic] = dataclass_field(default_factory=list)

    def __str__(self) -> str:
        return self.report.rstrip("\n") or f"error[{self.code}]: {self.message}"


class ProgramError(LoyaltyError):
    """A rule file that does not load (E...): `diagnostics` lists every problem with its line and column."""


class InputError(LoyaltyError):
    """A member's or a transaction's data that cannot be read (M100, T100)."""


class RefusedError(LoyaltyError):
    """The engine refused the transaction (T0xx): nothing of it applies."""


class LedgerError(LoyaltyError):
    """The ledger could not be opened or written (L...): nothing of the batch was recorded."""


class ExplainError(LoyaltyError):
    """An outcome another program evaluated (X001), or a delta it does not hold (X002)."""


class ArgumentError(LoyaltyError, ValueError):
    """An argument the library cannot take (C001 a missing value, C002 an index past the end)."""


class OutOfMemoryError(LoyaltyError, MemoryError):
    """The library ran out of memory (C003)."""


_BY_STATUS = {1: ArgumentError, 2: ProgramError, 3: InputError, 4: RefusedError, 5: LedgerError, 7: ExplainError,
              8: OutOfMemoryError}


def error_class_for_status(status: int) -> type:
    """The exception of a loyalty_status; LoyaltyError for a fault of the library's own (C004)."""
    return _BY_STATUS.get(status, LoyaltyError)
