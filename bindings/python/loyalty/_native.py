"""The C API's functions, declared for ctypes, and the one place that turns its errors into exceptions."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path
from typing import Any, Callable, Optional

from .errors import Diagnostic, error_class_for_status

ABI_VERSION = 1

# loyalty_status
OK = 0
BUFFER_TOO_SMALL = 6


class _Diagnostic(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
    ]


class Delta(ctypes.Structure):
    """loyalty_delta: the texts it points at belong to the outcome."""

    _fields_ = [
        ("kind", ctypes.c_int),
        ("kind_name", ctypes.c_char_p),
        ("id", ctypes.c_char_p),
        ("rule_id", ctypes.c_char_p),
        ("owner_id", ctypes.c_char_p),
        ("amount", ctypes.c_int64),
        ("unit", ctypes.c_char_p),
        ("debit_account", ctypes.c_char_p),
        ("credit_account", ctypes.c_char_p),
    ]


_handle = ctypes.c_void_p
_error_out = ctypes.POINTER(ctypes.c_void_p)
_text_out = ctypes.POINTER(ctypes.c_void_p)

# name: (result type, argument types)
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "loyalty_abi_version": (ctypes.c_int, []),
    "loyalty_version": (ctypes.c_char_p, []),
    "loyalty_free": (None, [ctypes.c_void_p]),
    "loyalty_error_free": (None, [_handle]),
    "loyalty_error_code": (ctypes.c_char_p, [_handle]),
    "loyalty_error_message": (ctypes.c_char_p, [_handle]),
    "loyalty_error_field": (ctypes.c_char_p, [_handle]),
    "loyalty_error_transaction_id": (ctypes.c_char_p, [_handle]),
    "loyalty_error_report": (ctypes.c_char_p, [_handle]),
    "loyalty_error_diagnostic_count": (ctypes.c_size_t, [_handle]),
    "loyalty_error_diagnostic": (ctypes.c_int, [_handle, ctypes.c_size_t, ctypes.POINTER(_Diagnostic)]),
    "loyalty_program_load_yaml": (
        ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(_handle), _error_out]),
    "loyalty_program_load_file": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(_handle), _error_out]),
    "loyalty_program_load_image": (
        ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(_handle), _error_out]),
    "loyalty_program_write_image": (
        ctypes.c_int, [_handle, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), _error_out]),
    "loyalty_program_free": (None, [_handle]),
    "loyalty_program_name": (ctypes.c_char_p, [_handle]),
    "loyalty_program_version": (ctypes.c_char_p, [_handle]),
    "loyalty_program_digest": (ctypes.c_char_p, [_handle]),
    "loyalty_program_currency": (ctypes.c_char_p, [_handle]),
    "loyalty_member_new": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(_handle), _error_out]),
    "loyalty_member_from_json": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_handle), _error_out]),
    "loyalty_member_to_json": (ctypes.c_int, [_handle, _text_out, _error_out]),
    "loyalty_member_free": (None, [_handle]),
    "loyalty_member_id": (ctypes.c_char_p, [_handle]),
    "loyalty_member_tier": (ctypes.c_char_p, [_handle]),
    "loyalty_member_points": (
        ctypes.c_int, [_handle, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int64), _error_out]),
    "loyalty_transaction_normalize_json": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _text_out, _error_out]),
    "loyalty_evaluator_new": (ctypes.c_int, [ctypes.POINTER(_handle), _error_out]),
    "loyalty_evaluator_free": (None, [_handle]),
    "loyalty_evaluator_set_member_lookup": (None, [_handle, ctypes.c_void_p, ctypes.c_void_p]),
    "loyalty_outcome_new": (ctypes.c_int, [ctypes.POINTER(_handle), _error_out]),
    "loyalty_outcome_free": (None, [_handle]),
    "loyalty_evaluate_json": (
        ctypes.c_int, [_handle, _handle, _handle, ctypes.c_char_p, ctypes.c_size_t, _handle, _error_out]),
    "loyalty_outcome_already_applied": (ctypes.c_int, [_handle]),
    "loyalty_outcome_delta_count": (ctypes.c_size_t, [_handle]),
    "loyalty_outcome_delta": (ctypes.c_int, [_handle, ctypes.c_size_t, ctypes.POINTER(Delta), _error_out]),
    "loyalty_outcome_owner_count": (ctypes.c_size_t, [_handle]),
    "loyalty_outcome_owner": (ctypes.c_char_p, [_handle, ctypes.c_size_t]),
    "loyalty_outcome_notice_count": (ctypes.c_size_t, [_handle]),
    "loyalty_outcome_notice": (
        ctypes.c_int, [_handle, ctypes.c_size_t, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p)]),
    "loyalty_outcome_to_json": (ctypes.c_int, [_handle, _handle, _text_out, _error_out]),
    "loyalty_explain": (
        ctypes.c_int,
        [_handle, _handle, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t), _error_out]),
    "loyalty_apply": (ctypes.c_int, [_handle, _handle, _handle, _error_out]),
    "loyalty_ledger_open": (ctypes.c_int, [ctypes.c_char_p, _handle, ctypes.POINTER(_handle), _error_out]),
    "loyalty_ledger_close": (None, [_handle]),
    "loyalty_ledger_record_json": (
        ctypes.c_int, [_handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_handle), _error_out]),
    "loyalty_ledger_add_joining_member": (ctypes.c_int, [_handle, _handle, _error_out]),
    "loyalty_ledger_finish": (ctypes.c_int, [_handle, _error_out]),
    "loyalty_ledger_member_json": (ctypes.c_int, [_handle, ctypes.c_char_p, _text_out, _error_out]),
    "loyalty_batch_count": (ctypes.c_size_t, [_handle]),
    "loyalty_batch_result": (
        ctypes.c_int,
        [_handle, ctypes.c_size_t, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_char_p),
         ctypes.POINTER(ctypes.c_char_p)]),
    "loyalty_batch_free": (None, [_handle]),
}

MEMBER_LOOKUP = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p)


def _candidates() -> list[str]:
    """Where the library may be: LOYALTY_LIBRARY, the system's search, then a build tree beside this package."""
    found = [os.environ["LOYALTY_LIBRARY"]] if os.environ.get("LOYALTY_LIBRARY") else []
    system = ctypes.util.find_library("loyalty_c")
    if system:
        found.append(system)
    source = Path(__file__).resolve().parents[3]
    found.append(str(source / "build" / "release" / "src" / f"libloyalty_c.so.{ABI_VERSION}"))
    found.append(f"libloyalty_c.so.{ABI_VERSION}")
    return found


def _load() -> ctypes.CDLL:
    problems = []
    for candidate in _candidates():
        try:
            library = ctypes.CDLL(candidate)
        except OSError as failure:
            problems.append(f"{candidate}: {failure}")
            continue
        for name, (result, arguments) in _SIGNATURES.items():
            function = getattr(library, name)
            function.restype = result
            function.argtypes = arguments
        if library.loyalty_abi_version() != ABI_VERSION:
            problems.append(f"{candidate}: C ABI {library.loyalty_abi_version()}, this binding needs {ABI_VERSION}")
            continue
        return library
    raise ImportError("the loyalty C library (libloyalty_c.so.1) was not found; set LOYALTY_LIBRARY to its path. Tried:\n  "
                      + "\n  ".join(problems))


lib = _load()


def text(value: Optional[bytes]) -> str:
    return "" if value is None else value.decode("utf-8")


def raise_for(status: int, error: ctypes.c_void_p) -> None:
    """Raises the exception of a failed call, with every fact its error holds, and frees the error."""
    if status == OK:
        return
    try:
        diagnostics = []
        for index in range(lib.loyalty_error_diagnostic_count(error)):
            found = _Diagnostic()
            lib.loyalty_error_diagnostic(error, index, ctypes.byref(found))
            diagnostics.append(Diagnostic(text(found.code), text(found.message), text(found.file), found.line,
                                          found.column))
        raise error_class_for_status(status)(
            code=text(lib.loyalty_error_code(error)),
            message=text(lib.loyalty_error_message(error)),
            field=text(lib.loyalty_error_field(error)),
            transaction_id=text(lib.loyalty_error_transaction_id(error)),
            report=text(lib.loyalty_error_report(error)),
            diagnostics=diagnostics,
        )
    finally:
        lib.loyalty_error_free(error)


def call(function: Callable[..., int], *arguments: Any) -> None:
    """Calls a C function whose last argument is the error out-parameter, raising on failure."""
    error = ctypes.c_void_p()
    raise_for(function(*arguments, ctypes.byref(error)), error)


def take_text(pointer: ctypes.c_void_p) -> Optional[str]:
    """A text the library allocated, as Python's, freed."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.loyalty_free(pointer)
