"""The SQLite ledger: record batches of transactions with their postings, durably, and read members back."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Iterable, List, Optional

from ._native import call, lib, take_text, text
from .engine import Member, Program, Transaction, transaction_json

_STATUSES = {0: "recorded", 1: "already_recorded", 2: "refused"}


@dataclass(frozen=True)
class RecordResult:
    """What became of one transaction of a batch: "recorded", "already_recorded" (a resend,
    nothing changed) or "refused", with the code and message that say why."""

    status: str
    code: str = ""
    message: str = ""


class Ledger:
    """A SQLite ledger opened to record one program's transactions. Use it from one thread at a
    time; several processes may record into one file. Close it, or use it in a `with` block."""

    def __init__(self, path: str, program: Program, joining: Iterable[Member] = ()) -> None:
        """`joining`: the states members join with when the ledger first records them (a tier, a
        referrer, an opening balance); the others join empty."""
        self._program = program  # the C handle needs the program alive as long as the ledger
        self._handle = ctypes.c_void_p()
        call(lib.loyalty_ledger_open, str(path).encode(), program._handle, ctypes.byref(self._handle))
        for member in joining:
            call(lib.loyalty_ledger_add_joining_member, self._handle, member._handle)

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Closes without a checkpoint: the next writer catches up from the last one, as after a crash."""
        if getattr(self, "_handle", None):
            lib.loyalty_ledger_close(self._handle)
            self._handle = None

    def record(self, transactions: Iterable[Transaction]) -> List[RecordResult]:
        """Records the transactions in one batch, committed together: each is evaluated against its
        member as the ledger has it and applied to every member it belongs to. One that cannot be
        read or is refused is refused alone; LedgerError means nothing was recorded."""
        lines = [transaction_json(transaction).replace("\n", " ") for transaction in transactions]
        data = "\n".join(lines).encode()
        batch = ctypes.c_void_p()
        call(lib.loyalty_ledger_record_json, self._handle, data, len(data), ctypes.byref(batch))
        try:
            results = []
            for index in range(lib.loyalty_batch_count(batch)):
                status, code, message = ctypes.c_int(), ctypes.c_char_p(), ctypes.c_char_p()
                lib.loyalty_batch_result(batch, index, ctypes.byref(status), ctypes.byref(code), ctypes.byref(message))
                results.append(RecordResult(_STATUSES[status.value], text(code.value), text(message.value)))
            return results
        finally:
            lib.loyalty_batch_free(batch)

    def finish(self) -> None:
        """Writes every changed member's state, so that the next writer has nothing to evaluate again."""
        call(lib.loyalty_ledger_finish, self._handle)

    def member(self, member_id: str) -> Optional[Member]:
        """A member's state as the ledger keeps it at its last checkpoint; None for one it does not know."""
        written = ctypes.c_void_p()
        call(lib.loyalty_ledger_member_json, self._handle, member_id.encode(), ctypes.byref(written))
        state = take_text(written)
        return None if state is None else Member.from_json(state)
