"""Reporting periods: ``2026``, ``2026H1``, ``2026Q3``, ``2026-03`` or ``FROM..TO``.

A period is a half-open range of UTC days ``[start, end)``; ``label`` is how the report names
it. Pure: no clock, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scrutiny.errors import InputError

__all__ = ["Period", "parse_as_of", "parse_period"]

_HINT = "use 2026, 2026H1, 2026Q3, 2026-03 or 2026-01-01..2026-06-30"


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: days ``start`` (inclusive) to ``end`` (exclusive).

    Attributes:
        start: first day of the period.
        end: the day after the last day of the period.
        label: the period as the report names it (``2026H1``, ``2026-01-01..2026-03-31``).
    """

    start: dt.date
    end: dt.date
    label: str

    @property
    def last_day(self) -> dt.date:
        """The last day inside the period."""
        return self.end - dt.timedelta(days=1)

    @property
    def start_utc(self) -> dt.datetime:
        """Midnight UTC at the start of the period."""
        return dt.datetime.combine(self.start, dt.time(), tzinfo=dt.UTC)

    @property
    def end_utc(self) -> dt.datetime:
        """Midnight UTC just after the period."""
        return dt.datetime.combine(self.end, dt.time(), tzinfo=dt.UTC)

    @property
    def iso_interval(self) -> str:
        """``YYYY-MM-DD/YYYY-MM-DD`` (inclusive), as the DSA templates write periods."""
        return f"{self.start.isoformat()}/{self.last_day.isoformat()}"

    def months(self) -> list[str]:
        """Every month (``YYYY-MM``) the period touches, in order."""
        out: list[str] = []
        year, month = self.start.year, self.start.month
        while dt.date(year, month, 1) < self.end:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def _month_after(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date (YYYY-MM-DD)", location="--period",
                         hint=_HINT) from None


def _year(text: str) -> int:
    year = int(text)
    if not 1990 <= year <= 2200:
        raise InputError(f"year {year} is out of range (1990–2200)", location="--period",
                         hint=_HINT)
    return year


def parse_period(text: str) -> Period:
    """Parse a period as written on the command line.

    Args:
        text: ``2026`` (calendar year), ``2026H1``/``2026H2`` (half year), ``2026Q1``–``Q4``
            (quarter), ``2026-03`` (month), or ``FROM..TO`` with ISO dates, both inclusive.

    Returns:
        The period.

    Raises:
        InputError: the text is none of these forms, or the range is empty.
    """
    raw = text.strip()
    if not raw:
        raise InputError("the period is empty", location="--period", hint=_HINT)
    up = raw.upper()
    if m := re.fullmatch(r"(\d{4})", up):
        year = _year(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), f"{year}")
    if m := re.fullmatch(r"(\d{4})-?H([12])", up):
        year, half = _year(m[1]), int(m[2])
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 7, 1) if half == 1 else dt.date(year + 1, 1, 1)
        return Period(start, end, f"{year}H{half}")
    if m := re.fullmatch(r"(\d{4})-?Q(\d)", up):
        year, quarter = _year(m[1]), int(m[2])
        if not 1 <= quarter <= 4:
            raise InputError(f"quarter Q{quarter} does not exist (Q1–Q4)", location="--period",
                             hint=_HINT)
        first = 3 * (quarter - 1) + 1
        return Period(dt.date(year, first, 1), _month_after(year, first + 2),
                      f"{year}Q{quarter}")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", up):
        year, month = _year(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise InputError(f"month {m[2]} does not exist (01–12)", location="--period",
                             hint=_HINT)
        return Period(dt.date(year, month, 1), _month_after(year, month),
                      f"{year}-{month:02d}")
    if ".." in raw:
        left, _, right = raw.partition("..")
        start = _date(left.strip(), "start")
        last = _date(right.strip(), "end")
        if last < start:
            raise InputError(f"the period ends ({last}) before it starts ({start})",
                             location="--period", hint="give FROM..TO with FROM ≤ TO")
        label = f"{start.isoformat()}..{last.isoformat()}"
        return Period(start, last + dt.timedelta(days=1), label)
    raise InputError(f"{raw!r} is not a reporting period", location="--period", hint=_HINT)


def parse_as_of(text: str | None, default: dt.datetime) -> dt.datetime:
    """The instant the report is computed at.

    Args:
        text: ``YYYY-MM-DD`` (end of that day, UTC) or an ISO timestamp with a zone; ``None``
            means ``default``.
        default: the instant used when no text is given (the CLI passes "now").

    Returns:
        An aware UTC datetime; records created after it are left out.

    Raises:
        InputError: unreadable date, or a naive timestamp.
    """
    if text is None:
        return default.astimezone(dt.UTC)
    raw = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        day = _date(raw, "as-of")
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{raw!r} is not a date or timestamp", location="--as-of",
                         hint="use YYYY-MM-DD or 2026-07-01T00:00:00Z") from None
    if when.tzinfo is None:
        raise InputError(f"timestamp {raw!r} has no time zone", location="--as-of",
                         hint="append Z or +00:00")
    return when.astimezone(dt.UTC)
