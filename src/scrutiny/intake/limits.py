"""Documented limits on what intake reads (docs/intake.md, "Limits").

Every reader checks these before doing expensive work, so a huge or hostile file costs
bounded time and memory and fails with a :class:`~scrutiny.errors.LimitError` that names
the file and the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scrutiny.errors import LimitError

__all__ = ["DEFAULT_LIMITS", "Budget", "Limits"]


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
    """A per-letter time budget, checked between steps (no threads, no signals).

    Args:
        seconds: time allowed.
        location: the file name used in the error message.
    """

    __slots__ = ("_deadline", "location", "seconds")

    def __init__(self, seconds: float, location: str) -> None:
        self.seconds = seconds
        self.location = location
        self._deadline = time.monotonic() + seconds

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
