"""Documented limits on what intake reads (docs/intake.md, "Limits").

Every reader checks these before doing expensive work, so a huge or hostile file costs
bounded time and memory and fails with a :class:`~scrutiny.errors.LimitError` that names
the file and the limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from scrutiny.errors import LimitError

__all__ = ["DEFAULT_LIMITS", "Budget", "Limits", "call_with_deadline"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one letter.

    Attributes:
        max_file_bytes: largest file read at all (checked with ``stat`` before reading).
        max_text_chars: longest text kept after decoding/extraction; longer text is an error.
        max_pdf_pages: most pages of a PDF whose text layer is read.
        max_email_depth: deepest nesting of multipart / attached messages followed.
        max_email_parts: most MIME parts of one e-mail looked at.
        max_attachment_bytes: largest single attachment decoded.
        seconds: time budget for reading and extracting one letter.
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_text_chars: int = 1_000_000
    max_pdf_pages: int = 300
    max_email_depth: int = 5
    max_email_parts: int = 200
    max_attachment_bytes: int = 25 * 1024 * 1024
    seconds: float = 30.0


DEFAULT_LIMITS = Limits()


class Budget:
    """A per-letter time budget, checked between steps (and, around third-party parsers that
    can run long inside one call, enforced by :func:`call_with_deadline`).

    Args:
        seconds: time allowed.
        location: the file name used in the error message.
    """

    __slots__ = ("_deadline", "location", "seconds")

    def __init__(self, seconds: float, location: str) -> None:
        self.seconds = seconds
        self.location = location
        self._deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (0 when spent)."""
        return max(0.0, self._deadline - time.monotonic())

    def check(self, step: str) -> None:
        """Raise :class:`LimitError` if the budget is spent.

        Args:
            step: what was being done, for the message.
        """
        if time.monotonic() > self._deadline:
            raise LimitError(
                f"intake took longer than {self.seconds:g} s (during {step})",
                location=self.location,
                hint="raise SCRUTINY_INTAKE_TIMEOUT_SECONDS or split the file",
            )


class _Expired(BaseException):
    """Raised asynchronously in a thread whose guarded call ran out of time (a BaseException,
    so third-party ``except Exception`` blocks do not swallow it)."""


def call_with_deadline(fn: Callable[[], T], budget: Budget, step: str) -> T:
    """Run ``fn()`` in the current thread, interrupting it when ``budget`` is spent.

    For third-party parsers (pdfminer) that can loop for a long time inside one call, between
    the points where :meth:`Budget.check` runs. A watchdog timer raises an exception
    asynchronously in the calling thread (``PyThreadState_SetAsyncExc``); it takes effect at
    the next Python bytecode, so it bounds pure-Python parsing in any thread (not time spent
    inside one C call). The watchdog is cancelled as soon as ``fn`` returns.

    Args:
        fn: the call to bound.
        budget: the time budget.
        step: what is being done, for the message.

    Raises:
        LimitError: the budget ran out during the call.
    """
    import ctypes
    import threading

    budget.check(step)
    tid = threading.get_ident()
    lock = threading.Lock()
    done = False

    def expire() -> None:
        with lock:
            if not done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid),
                                                           ctypes.py_object(_Expired))

    timer = threading.Timer(budget.remaining(), expire)
    timer.daemon = True
    try:
        timer.start()
        result = fn()
        with lock:
            done = True
        timer.cancel()
        return result
    except _Expired:
        raise LimitError(
            f"intake took longer than {budget.seconds:g} s (during {step})",
            location=budget.location,
            hint="raise SCRUTINY_INTAKE_TIMEOUT_SECONDS or split the file",
        ) from None
    finally:
        with lock:
            done = True
        timer.cancel()
