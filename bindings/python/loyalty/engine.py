"""Programs, members and outcomes: load a program, evaluate transactions, read and explain deltas, apply."""

from __future__ import annotations

import ctypes
import json
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _native
from ._native import call, lib, take_text, text

Transaction = Union[str, Mapping[str, Any]]
"""A transaction: its JSON text, or a dict of the same fields (amounts as strings or Decimals, "4.50")."""


def transaction_json(transaction: Transaction) -> str:
    """A transaction's JSON, from its text or from a dict whose Decimals are written as decimal strings."""
    if isinstance(transaction, str):
        return transaction
    return json.dumps(transaction, default=_decimal_as_text, ensure_ascii=False)


def _decimal_as_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not a value of a transaction's JSON")


class Program:
    """A compiled rule file. Immutable: one program may evaluate on many threads at once."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self._handle = handle
        self._local = threading.local()

    @classmethod
    def from_file(cls, path: str) -> "Program":
        """Loads a rule file; ProgramError lists every problem, each with its line and column."""
        handle = ctypes.c_void_p()
        call(lib.loyalty_program_load_file, str(path).encode(), ctypes.byref(handle))
        return cls(handle)

    @classmethod
    def from_yaml(cls, text_of_rules: str, file_name: str = "<text>") -> "Program":
        """Loads a rule file's text; `file_name` is what the diagnostics call it."""
        handle = ctypes.c_void_p()
        data = text_of_rules.encode()
        call(lib.loyalty_program_load_yaml, data, len(data), file_name.encode(), ctypes.byref(handle))
        return cls(handle)

    @classmethod
    def from_image(cls, image: bytes, file_name: str = "<image>") -> "Program":
        """Loads a program image (`loyalty compile`, `Program.image()`); ProgramError with I001..I005 when refused."""
        handle = ctypes.c_void_p()
        call(lib.loyalty_program_load_image, image, len(image), file_name.encode(), ctypes.byref(handle))
        return cls(handle)

    def image(self) -> bytes:
        """The compiled program as a binary image: the same bytes for the same rule file on every host."""
        data, length = ctypes.c_void_p(), ctypes.c_size_t()
        call(lib.loyalty_program_write_image, self._handle, ctypes.byref(data), ctypes.byref(length))
        try:
            return ctypes.string_at(data.value, length.value)
        finally:
            lib.loyalty_free(data)

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            lib.loyalty_program_free(self._handle)
            self._handle = None

    @property
    def name(self) -> str:
        return text(lib.loyalty_program_name(self._handle))

    @property
    def version(self) -> str:
        return text(lib.loyalty_program_version(self._handle))

    @property
    def digest(self) -> str:
        """The content digest a ledger knows the program by: 64 hexadecimal digits."""
        return text(lib.loyalty_program_digest(self._handle))

    @property
    def currency(self) -> str:
        return text(lib.loyalty_program_currency(self._handle))

    def evaluate(self, member: "Member", transaction: Transaction,
                 referrers: Optional[Mapping[str, "Member"]] = None) -> "Outcome":
        """The deltas `transaction` earns `member`; the member is only read. Raises RefusedError
        (T0xx, with its field) when the engine refuses it, InputError when it cannot be read.
        `referrers` gives the states of members a return takes referral points back from."""
        evaluator = self._evaluator()
        outcome = Outcome(self)
        data = transaction_json(transaction).encode()
        lookup = _member_lookup(referrers)
        lib.loyalty_evaluator_set_member_lookup(evaluator, ctypes.cast(lookup, ctypes.c_void_p) if lookup else None,
                                                None)
        try:
            call(lib.loyalty_evaluate_json, self._handle, evaluator, member._handle, data, len(data),
                 outcome._handle)
        finally:
            lib.loyalty_evaluator_set_member_lookup(evaluator, None, None)
        outcome._read()
        return outcome

    def _evaluator(self) -> ctypes.c_void_p:
        """This thread's working memory, reused by every evaluation on it."""
        evaluator = getattr(self._local, "evaluator", None)
        if evaluator is None:
            evaluator = _Evaluator()
            self._local.evaluator = evaluator
        return evaluator.handle


class _Evaluator:
    def __init__(self) -> None:
        self.handle = ctypes.c_void_p()
        call(lib.loyalty_evaluator_new, ctypes.byref(self.handle))

    def __del__(self) -> None:
        if getattr(self, "handle", None):
            lib.loyalty_evaluator_free(self.handle)
            self.handle = None


def _member_lookup(referrers: Optional[Mapping[str, "Member"]]) -> Any:
    if not referrers:
        return None

    def lookup(_context: Any, member_id: bytes) -> Optional[int]:
        found = referrers.get(member_id.decode())
        return found._handle.value if found is not None else None

    return _native.MEMBER_LOOKUP(lookup)


class Member:
    """One member's state. Apply each outcome that belongs to it; evaluating never changes it."""

    def __init__(self, member_id: str) -> None:
        self._handle = ctypes.c_void_p()
        call(lib.loyalty_member_new, member_id.encode(), ctypes.byref(self._handle))

    @classmethod
    def from_json(cls, state: Union[str, Mapping[str, Any]]) -> "Member":
        """A member's state as docs/api.md writes it, as text or as a dict; InputError (M100) names the field at fault."""
        data = (state if isinstance(state, str) else json.dumps(state, ensure_ascii=False)).encode()
        member = cls.__new__(cls)
        member._handle = ctypes.c_void_p()
        call(lib.loyalty_member_from_json, data, len(data), ctypes.byref(member._handle))
        return member

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            lib.loyalty_member_free(self._handle)
            self._handle = None

    def to_json(self) -> str:
        """One line of JSON, the same bytes on every host."""
        written = ctypes.c_void_p()
        call(lib.loyalty_member_to_json, self._handle, ctypes.byref(written))
        return take_text(written) or ""

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(self.to_json())

    @property
    def id(self) -> str:
        return text(lib.loyalty_member_id(self._handle))

    @property
    def tier(self) -> str:
        """"" for a member in no tier."""
        return text(lib.loyalty_member_tier(self._handle))

    @property
    def points(self) -> int:
        """Spendable points."""
        return self._points()[0]

    @property
    def pending_points(self) -> int:
        """Points held until a purchase's return window has passed."""
        return self._points()[1]

    def _points(self) -> tuple:
        spendable, pending = ctypes.c_int64(), ctypes.c_int64()
        call(lib.loyalty_member_points, self._handle, ctypes.byref(spendable), ctypes.byref(pending))
        return spendable.value, pending.value

    def apply(self, outcome: "Outcome") -> None:
        """Folds the outcome's effects that belong to this member into it; applying again changes nothing."""
        call(lib.loyalty_apply, self._handle, outcome._handle, outcome._program._evaluator())

    def __repr__(self) -> str:
        return f"Member({self.id!r}, points={self.points})"


@dataclass(frozen=True)
class Delta:
    """`amount` of `unit` moved from `debit` to `credit`, by rule `rule`, for member `owner`."""

    id: str
    kind: str
    rule: str
    owner: str
    amount: int
    unit: str
    debit: str
    credit: str
    explanation: str


@dataclass(frozen=True)
class Notice:
    """What did not happen and why, without a delta (N001..N008)."""

    code: str
    message: str


class Outcome:
    """What one evaluation produced: its deltas, each with its explanation, the members it
    changes (the buyer first), and its notices."""

    def __init__(self, program: Program) -> None:
        self._program = program
        self._handle = ctypes.c_void_p()
        call(lib.loyalty_outcome_new, ctypes.byref(self._handle))
        self.deltas: List[Delta] = []
        self.owners: List[str] = []
        self.notices: List[Notice] = []
        self.already_applied = False

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            lib.loyalty_outcome_free(self._handle)
            self._handle = None

    def _read(self) -> None:
        self.already_applied = bool(lib.loyalty_outcome_already_applied(self._handle))
        self.deltas = [self._delta(index) for index in range(lib.loyalty_outcome_delta_count(self._handle))]
        self.owners = [text(lib.loyalty_outcome_owner(self._handle, index))
                       for index in range(lib.loyalty_outcome_owner_count(self._handle))]
        self.notices = []
        for index in range(lib.loyalty_outcome_notice_count(self._handle)):
            code, message = ctypes.c_char_p(), ctypes.c_char_p()
            lib.loyalty_outcome_notice(self._handle, index, ctypes.byref(code), ctypes.byref(message))
            self.notices.append(Notice(text(code.value), text(message.value)))

    def _delta(self, index: int) -> Delta:
        found = _native.Delta()
        call(lib.loyalty_outcome_delta, self._handle, index, ctypes.byref(found))
        return Delta(id=text(found.id), kind=text(found.kind_name), rule=text(found.rule_id), owner=text(found.owner_id),
                     amount=found.amount, unit=text(found.unit), debit=text(found.debit_account),
                     credit=text(found.credit_account), explanation=self._explain(index))

    def _explain(self, index: int) -> str:
        length = ctypes.c_size_t()
        buffer = ctypes.create_string_buffer(256)
        error = ctypes.c_void_p()
        status = lib.loyalty_explain(self._program._handle, self._handle, index, buffer, len(buffer),
                                     ctypes.byref(length), ctypes.byref(error))
        if status == _native.BUFFER_TOO_SMALL:
            buffer = ctypes.create_string_buffer(length.value + 1)
            status = lib.loyalty_explain(self._program._handle, self._handle, index, buffer, len(buffer), None,
                                         ctypes.byref(error))
        _native.raise_for(status, error)
        return buffer.value.decode("utf-8")

    def points_for(self, member_id: str) -> int:
        """The change of `member_id`'s spendable points."""
        total = 0
        for delta in self.deltas:
            if delta.unit == "points" and delta.credit == f"member:{member_id}:points":
                total += delta.amount
            if delta.unit == "points" and delta.debit == f"member:{member_id}:points":
                total -= delta.amount
        return total

    def to_json(self) -> str:
        """The outcome with every explanation, as one line of JSON."""
        written = ctypes.c_void_p()
        call(lib.loyalty_outcome_to_json, self._handle, self._program._handle, ctypes.byref(written))
        return take_text(written) or ""
