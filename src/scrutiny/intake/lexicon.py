"""Keyword lexicons as data: one YAML file per concern in ``scrutiny/data/intake/``.

A lexicon file has a ``source`` (who compiled it, from what) and ``entries``; each entry
gives a ``value`` (a vocabulary code such as ``remove`` or ``suicide``), the ``lang`` of its
patterns and a list of regular expressions (case-insensitive, matched on the cleaned view
of the letter). All entries of a file are compiled once into a single alternation, so a
letter is scanned once per lexicon. Macros keep phrase shapes general: ``<COUNTRY>`` stands
for any country name of ``countries.yaml`` (or "this/our country"), ``<N>`` for a number (digits,
Chinese numerals, or a number word of ``deadlines.yaml``), ``<ID>`` for a file or case number
(a token with a digit: ``04-12/3456``, ``2019-123``, ``П-77/2020``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from scrutiny.errors import PolicyError
from scrutiny.intake.anchored import AnchoredAlternation

__all__ = [
    "DATA_DIR",
    "ID_PATTERN",
    "Entry",
    "Hit",
    "Lexicon",
    "LexiconFile",
    "load_lexicon",
    "number_pattern",
    "number_words",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "intake"
"""Where the intake lexicons and citation grammar live."""


class Entry(BaseModel):
    """One lexicon entry: a value and the patterns that signal it in one language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    lang: str = Field(description="ISO 639-1 code of the patterns, or '*' for any.")
    patterns: list[str] = Field(min_length=1)
    confidence: float = Field(default=0.8, ge=0.0, le=1.0)
    note: str | None = None


class LexiconFile(BaseModel):
    """The schema of a lexicon YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    source: str
    entries: list[Entry]


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match in a text."""

    value: str
    lang: str
    start: int
    end: int
    confidence: float
    text: str


class Lexicon:
    """A compiled lexicon.

    Args:
        name: file stem, e.g. ``actions``.
        data: the validated file.
    """

    def __init__(self, name: str, data: LexiconFile) -> None:
        self.name = name
        self.data = data
        self.entries = list(data.entries)
        branches = []
        for i, entry in enumerate(data.entries):
            if any("<" in p for p in entry.patterns):
                entry = entry.model_copy(update={"patterns": [
                    _expand(p) for p in entry.patterns]})
                self.entries[i] = entry
            for pattern in entry.patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise PolicyError(
                        f"invalid pattern {pattern!r} for {entry.value!r}: {exc}",
                        location=f"{DATA_DIR / name}.yaml",
                    ) from None
            if entry.lang == "url":
                continue  # matched against URLs one by one, never scanned in the text
            branches.append((f"e{i}", "|".join(f"(?:{p})" for p in entry.patterns)))
        self.alternation = AnchoredAlternation(branches, re.IGNORECASE)

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[Hit]:
        """Non-overlapping hits, left to right.

        Args:
            text: the text to scan.
            lowered: ``text.lower()`` if already computed.
        """
        for m in self.alternation.finditer(text, lowered):
            group = m.lastgroup
            if group is None:
                continue
            entry = self.entries[int(group[1:])]
            yield Hit(entry.value, entry.lang, m.start(), m.end(), entry.confidence, m.group())

    def find(self, text: str, lowered: str | None = None) -> list[Hit]:
        """All non-overlapping hits as a list."""
        return list(self.finditer(text, lowered))

    def values(self) -> set[str]:
        """The distinct values the lexicon can yield."""
        return {e.value for e in self.entries}


ID_PATTERN = r"(?:[A-Za-zА-Яа-яЁё0-9][\w\-/.()]*\d[\w\-/()]*|\d)"
"""A file or case number: a token with at least one digit."""


def _expand(pattern: str) -> str:
    if "<COUNTRY>" in pattern:
        pattern = pattern.replace("<COUNTRY>", _country_names())
    if "<N>" in pattern:
        pattern = pattern.replace("<N>", number_pattern())
    return pattern.replace("<ID>", ID_PATTERN)


@cache
def number_words() -> dict[str, int]:
    """Number words of ``deadlines.yaml`` (lower-cased) → value."""
    import yaml

    with (DATA_DIR / "deadlines.yaml").open(encoding="utf-8") as fh:
        numbers = yaml.safe_load(fh)["numbers"]
    return {str(w).lower(): int(v) for w, v in numbers.items()}


@cache
def number_pattern() -> str:
    """``<N>``: digits, Chinese numerals or a number word (longest first)."""
    words = sorted(number_words(), key=len, reverse=True)
    return (r"(?:\d{1,4}(?:[.,]\d)?|[零〇一二两三四五六七八九十百]+|"
            + "|".join(re.escape(w) + r"\b" for w in words) + ")")


@cache
def _country_names() -> str:
    """``<COUNTRY>``: one group of every country name in ``countries.yaml``."""
    import yaml

    with (DATA_DIR / "countries.yaml").open(encoding="utf-8") as fh:
        names = yaml.safe_load(fh)["names"]
    pats = [p for ps in names.values() for p in ps]
    pats.append(r"(?:this|our|the\s+requesting)\s+country")
    return "(?:" + "|".join(f"(?:{p})" for p in pats) + ")"


@cache
def load_lexicon(name: str) -> Lexicon:
    """Load and compile ``data/intake/<name>.yaml`` (cached; strict).

    Args:
        name: the file stem.

    Raises:
        PolicyError: the file is missing, has unknown keys, or a bad pattern.
    """
    from scrutiny.policy.yamlload import load_yaml_model

    data = load_yaml_model(DATA_DIR / f"{name}.yaml", LexiconFile)
    return Lexicon(name, data)
