"""Dates: the letter's date and response deadlines (``Deadline.hours``).

Date candidates are found by patterns (numeric ``27.07.2006``, ISO ``2021-12-29``, Chinese
``2019年11月6日``, and month-name forms in the supported languages); month-name forms are
parsed by dateparser with the languages restricted and ``PREFER_DATES_FROM: past`` (it never
touches the network: no language auto-detection, no remote data). The letter's date is the
e-mail's ``Date`` header, else a date standing alone on a line (the dateline or the date
under the signature). Dates inside sentences are dates of laws and decisions, not of the
letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from scrutiny.intake.anchored import AnchoredAlternation, max_width
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import DATA_DIR, Hit

__all__ = ["DeadlineGrammar", "extract_deadline", "find_dates", "letter_date", "parse_date"]

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"januar|februar|märz|april|juni|juli|oktober|dezember|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|"
    r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
_DATE = re.compile(
    r"(?=[0-9JFMASONDjfmasond])(?:(?P<dmy>\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b)"
    r"|(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    r"|(?P<zh>(?P<zy>(?:19|20)\d\d)\s*年\s*(?P<zm>[01]?\d)\s*月\s*(?P<zd>[0-3]?\d)\s*日)"
    rf"|(?P<text>\b[0-3]?\d(?:st|nd|rd|th|er|\.)?(?:\s+de|\s*[,.]?)\s*(?:{_MONTHS})\.?"
    r"(?:\s+de|\s*[,.]?)\s*(?:19|20)\d\d\b"
    rf"|\b(?:{_MONTHS})\.?\s*[0-3]?\d(?:st|nd|rd|th)?\s*,?\s*(?:19|20)\d\d\b))",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"(?:\bdated?|\bdate\s+of\s+(?:the\s+)?(?:letter|order|notice)|дата|fecha|tarihi?|"
    r"\bdata|datum|日期|日付)\s*[:：]\s*$",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th|er)\b", re.I)
_LANGS = ["en", "ru", "es", "fr", "de", "tr", "pt"]


@cache
def _dateparser() -> Any:
    import dateparser  # type: ignore[import-untyped,unused-ignore]

    return dateparser


def parse_date(text: str) -> dt.date | None:
    """Parse one date written in any supported form.

    Args:
        text: e.g. ``27.07.2006``, ``2019年11月6日``, ``Nov.6th,2019``, ``29 декабря 2006``.
    """
    m = _DATE.fullmatch(text.strip())
    if m is None:
        return None
    try:
        if m.group("dmy"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("iso"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("zh"):
            return dt.date(int(m.group("zy")), int(m.group("zm")), int(m.group("zd")))
    except ValueError:
        return None
    cleaned = _ORDINAL.sub(r"\1", text)
    cleaned = re.sub(r"[,.]", " ", cleaned)
    parsed = _dateparser().parse(
        cleaned,
        languages=_LANGS,
        settings={"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY",
                  "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


@dataclass(frozen=True, slots=True)
class _DateHit:
    start: int
    end: int
    text: str


_WS_RUN = re.compile(r"\s{2,}")
_DECIMAL = re.compile(r"\d\d")


def _years(text: str) -> list[int]:
    """Every offset where a year ``(?:19|20)\\d\\d`` begins (overlapping ones included)."""
    out = []
    for century in ("19", "20"):
        i = text.find(century)
        while i >= 0:
            if _DECIMAL.match(text, i + 2):
                out.append(i)
            i = text.find(century, i + 1)
    return sorted(out)


def find_dates(text: str) -> list[_DateHit]:
    """Date candidates in ``text`` (offsets in ``text``): ``_DATE.finditer(text)``.

    Every date holds a year, so the pattern is searched only near the years: a date holding
    the year at ``y`` lies within ``y ± L``, ``L`` the longest a date can be in this text
    (its whitespace runs bound ``\\s*``). Searching from ``y - L`` up to ``y + 2L`` finds the
    first date starting before ``y`` exactly as a scan of the whole text would (the engine
    never looks past the window from such a start); one starting after ``y`` is left to the
    next year's window. Same dates as the plain scan, without trying the pattern at every
    position of the letter.
    """
    years = _years(text)
    if not years:
        return []
    spaces = max((len(run) for run in _WS_RUN.findall(text)), default=1)
    longest = max_width(_DATE.pattern, spaces)
    if longest is None:  # cannot happen: every part of a date is bounded
        return [_DateHit(m.start(), m.end(), m.group()) for m in _DATE.finditer(text)]
    out: list[_DateHit] = []
    pos = 0
    for year in years:
        if year < pos:
            continue
        m = _DATE.search(text, max(pos, year - longest), year + 2 * longest + 2)
        if m is None or m.start() > year:
            continue
        out.append(_DateHit(m.start(), m.end(), m.group()))
        pos = m.end()
    return out


def letter_date(text: str, email_date: str | None = None) -> Found[dt.date] | None:
    """The date of the letter.

    Args:
        text: the original text.
        email_date: the e-mail's ``Date`` header, if any.
    """
    if email_date:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(email_date)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            i = text.find(email_date.split(",")[-1].strip()[:11])
            span = (i, i + len(email_date)) if i >= 0 else (0, 0)
            return Found(when.date(), (span,), 0.95, "dates")
    hits = find_dates(text)
    for hit in hits:
        if _DATE_LABEL.search(text, max(0, hit.start - 24), hit.start):
            value = parse_date(hit.text)
            if value is not None:
                return Found(value, ((hit.start, hit.end),), 0.85, "dates")
    for hit in hits:
        line_start = text.rfind("\n", 0, hit.start) + 1
        line_end = text.find("\n", hit.end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        rest = line.replace(hit.text, "")
        if len(rest.strip(" ,.:;\t\r")) <= 12:
            value = parse_date(hit.text)
            if value is not None:
                return Found(value, ((hit.start, hit.end),), 0.8, "dates")
    return None


class DeadlineUnit(BaseModel):
    """One deadline unit and its patterns."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    unit: str
    patterns: list[str]
    hours_per_unit: float | None = None
    hours: float | None = None


class DeadlineGrammar(BaseModel):
    """The schema of ``deadlines.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    source: str
    numbers: dict[str, int]
    units: list[DeadlineUnit]


@cache
def _deadline_patterns() -> tuple[dict[str, int], AnchoredAlternation, list[DeadlineUnit]]:
    from scrutiny.policy.yamlload import load_yaml_model

    grammar = load_yaml_model(DATA_DIR / "deadlines.yaml", DeadlineGrammar)
    words = sorted(grammar.numbers, key=len, reverse=True)
    number = r"(?P<n>\d{1,4}(?:[.,]\d)?|" + "|".join(re.escape(w) for w in words) + r")"
    branches: list[tuple[str, str]] = []
    units: list[DeadlineUnit] = []
    for unit in grammar.units:
        for pattern in unit.patterns:
            k = len(units)
            branches.append((f"d{k}", pattern.replace("{N}", number.replace("(?P<n>",
                                                                            f"(?P<n{k}>"))))
            units.append(unit)
    numbers = {w.lower(): v for w, v in grammar.numbers.items()}
    return numbers, AnchoredAlternation(branches, re.IGNORECASE), units


_CLAUSE_START = re.compile(r"[.;!?。；]\s")


def extract_deadline(view: View, appeals: list[Hit]) -> Found[tuple[float, str]] | None:
    """The response deadline, as ``(hours, text)``.

    Args:
        view: the cleaned view.
        appeals: ``appeal`` cue hits in the view; a period in the same sentence as an appeal
            route is not a response deadline.

    Returns:
        The shortest deadline stated, or ``None`` when the letter gives none.
    """
    numbers, alternation, units = _deadline_patterns()
    text = view.text
    best: tuple[float, int, int] | None = None
    for m in alternation.finditer(text, view.lowered):
        key = m.lastgroup  # the branch's group encloses the number group, so it closes last
        if key is None or not key.startswith("d"):
            continue
        k = int(key[1:])
        unit = units[k]
        if unit.hours is not None:
            hours = unit.hours
        else:
            raw = m.group(f"n{k}")
            if raw is None:
                continue
            word = numbers.get(raw.lower())
            try:
                count = float(word) if word is not None else float(raw.replace(",", "."))
            except ValueError:
                continue
            hours = count * (unit.hours_per_unit or 1)
        if any(abs(a.start - m.start()) < 300 and _same_sentence(text, a.start, m.start())
               for a in appeals):
            continue
        if best is None or hours < best[0]:
            best = (hours, m.start(), m.end())
    if best is None:
        return None
    hours, s, e = best
    span = view.to_original(s, e)
    return Found((hours, text[s:e]), (span,), 0.85, "deadlines")


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not _CLAUSE_START.search(text, lo, hi)
