"""One exception hierarchy with stable codes (DESIGN.md §10).

Every error a user can see is a :class:`ScrutinyError`: it carries a stable ``code``
(part of the public API, documented in ``docs/errors.md``), a message saying what is
wrong, where (file, field, line), and how to fix it. The CLI prints ``str(error)`` and
exits with ``exit_code``; the API turns it into one JSON shape with ``status``.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "ConflictError",
    "InputError",
    "LimitError",
    "NotFoundError",
    "PermissionDenied",
    "PolicyError",
    "ScrutinyError",
    "StateError",
    "StoreUnavailable",
    "UnsupportedInput",
]


class ScrutinyError(Exception):
    """Base class: a problem the user can act on.

    Attributes:
        code: stable machine-readable code, e.g. ``input.invalid``.
        message: what is wrong.
        location: the file, field or line concerned, when known.
        hint: how to fix it, when known.
    """

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.details = details or {}
        if code is not None:
            self.code = code  # type: ignore[misc]

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The public JSON error shape shared by the CLI (--json) and the API."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.location:
            body["location"] = self.location
        if self.hint:
            body["hint"] = self.hint
        if self.details:
            body["details"] = self.details
        return {"error": body}


class InputError(ScrutinyError):
    """Input that cannot be read or does not validate (bad JSON, wrong type, bad value)."""

    code = "input.invalid"
    status = 422
    exit_code = 2


class UnsupportedInput(InputError):
    """A file of a kind Scrutiny cannot read (binary junk, unknown format, no text layer)."""

    code = "input.unsupported"
    status = 415


class LimitError(InputError):
    """Input over a documented limit (size, time, nesting)."""

    code = "input.too_large"
    status = 413


class PolicyError(ScrutinyError):
    """A policy pack or reference data file that does not load strictly."""

    code = "policy.invalid"
    status = 500
    exit_code = 2


class NotFoundError(ScrutinyError):
    """A case, demand, user or other record that does not exist."""

    code = "not_found"
    status = 404
    exit_code = 3


class PermissionDenied(ScrutinyError):
    """The actor's roles do not allow the action (see ``scrutiny.cases.guards``)."""

    code = "permission.denied"
    status = 403
    exit_code = 4


class StateError(ScrutinyError):
    """A transition not allowed from the case's current state, or a failed guard."""

    code = "state.invalid_transition"
    status = 409
    exit_code = 5


class ConflictError(ScrutinyError):
    """A concurrent change won first (optimistic locking); reload and retry."""

    code = "conflict"
    status = 409
    exit_code = 5


class StoreUnavailable(ScrutinyError):
    """The case database cannot be opened: server down, wrong address or credentials."""

    code = "store.unavailable"
    status = 503
    exit_code = 2
