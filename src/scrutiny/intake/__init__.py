"""Intake: demand letters (text, e-mail, PDF, HTML) into Demands with provenance.

``read_letter(path)`` reads a file and extracts a :class:`~scrutiny.demands.model.Demand`
whose ``raw_text`` is the letter's text exactly as read and whose ``provenance`` maps every
extracted field to spans of it; ``extract(text)`` does the same for plain text. See
``docs/intake.md``.
"""

from __future__ import annotations

from pathlib import Path

import scrutiny.intake.extract as _pipeline
from scrutiny.demands.model import Demand
from scrutiny.intake.document import Document
from scrutiny.intake.limits import DEFAULT_LIMITS, Budget, Limits

# The pipeline module has the name of the ``extract`` function below. It is imported first,
# so the function, defined after it, is what ``scrutiny.intake.extract`` names: importing a
# submodule sets the package attribute only when the submodule is first loaded (before, the
# first ``read_letter`` call replaced the function by the module).

__all__ = ["DEFAULT_LIMITS", "Document", "Limits", "extract", "read_document", "read_letter"]


def read_document(path: Path | str, limits: Limits | None = None) -> Document:
    """Read a letter file into a Document (no extraction).

    Raises:
        InputError, UnsupportedInput, LimitError: naming the file.
    """
    from scrutiny.intake.readers import read_document as _read

    limits = limits or _default_limits()
    return _read(Path(path), limits, Budget(limits.seconds, str(path)))


def read_letter(path: Path | str, limits: Limits | None = None) -> Demand:
    """Read a letter file and extract its Demand.

    Args:
        path: a ``.txt``, ``.md``, ``.eml``, ``.pdf``, ``.html`` or ``.htm`` file.
        limits: limits to apply (default: :data:`DEFAULT_LIMITS` with the time budget from
            ``SCRUTINY_INTAKE_TIMEOUT_SECONDS``).

    Raises:
        InputError: missing, unreadable or empty file.
        UnsupportedInput: unknown kind, binary junk, PDF without a text layer, corrupt file.
        LimitError: over a documented limit (size, pages, nesting, time).
    """
    from scrutiny.intake.readers import read_document as _read

    limits = limits or _default_limits()
    budget = Budget(limits.seconds, str(path))
    doc = _read(Path(path), limits, budget)
    return _pipeline.extract_document(doc, budget)


def extract(text: str, source_name: str | None = None) -> Demand:
    """Extract a Demand from plain text (``raw_text`` is ``text`` unchanged)."""
    return _pipeline.extract_text(text, source_name)


def _default_limits() -> Limits:
    from dataclasses import replace

    from scrutiny.settings import get_settings

    return replace(DEFAULT_LIMITS, seconds=get_settings().intake_timeout_seconds)
