"""What data a demand asks for: categories, items and the period covered.

From the ``data`` lexicon (values ``category:field``): subscriber (name, address,
registration, billing, IP at registration), traffic (logs, IP addresses with timestamps,
connection records, metadata), stored content (messages, e-mails, files, posts) and real-time
collection (interception, wiretap, live monitoring). Read only in a letter that asks to
disclose, preserve or intercept, and not in a sentence that only asks to remove or block
("remove the posts" names content to take down, not data to hand over).

The period (``time_range``) is two dates joined by a range connector ("from … to …",
"between … and …", "за период с … по …", "自…至…", "desde el … hasta el …", "du … au …",
"vom … bis …", "… ile … tarihleri arasında", "de … a/até …"), or one date followed by "to the
present" in any of the languages: again only in a letter that asks for data.
"""

from __future__ import annotations

import datetime as dt
import re

from scrutiny.demands.model import TimeRange
from scrutiny.demands.vocab import Action, DataCategory
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.extractors.dates import find_dates, parse_date
from scrutiny.intake.extractors.scope import Sentences
from scrutiny.intake.lexicon import Hit, load_lexicon

__all__ = ["RECORDS_ACTIONS", "DataAsked", "extract_data", "extract_time_range"]

RECORDS_ACTIONS = frozenset({Action.DISCLOSE_USER_DATA.value, Action.PRESERVE.value,
                             "interception"})
"""Action hit values that make a letter a request for data."""
_RESTRICTING = frozenset({Action.REMOVE.value, Action.RESTRICT_IN_COUNTRY.value,
                          Action.SUSPEND_ACCOUNT.value})
_ORDER = list(DataCategory)

_JOIN = re.compile(
    r"\s*(?:[-–—~]|to|until|till|through|thru|по|до|至|到|hasta(?:\s+el)?|al|au|bis(?:\s+(?:zum|einschließlich))?|"
    r"até|a)\s*", re.IGNORECASE)
_JOIN_AND = re.compile(r"\s*(?:and|и|y|et|und|e|ile|和|与)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|между|entre|zwischen|在|自|从)\s*$", re.IGNORECASE)
_PRESENT = re.compile(
    r"\s*(?:to|until|till|through|по|до|至|hasta|à|au|bis|até)?\s*(?:the\s+)?"
    r"(?:present(?:\s+(?:day|date|time))?|date\s+of\s+(?:this|the)\s+(?:request|letter|order)|"
    r"now|настоящее\s+время|текущую\s+дату|今|现在|la\s+fecha|la\s+actualidad|ce\s+jour|"
    r"aujourd[’']hui|heute|zum\s+heutigen\s+Tag|bugüne\s+kadar|a\s+presente\s+data|hoje)",
    re.IGNORECASE)
_SINCE = re.compile(r"(?:from|since|с|начиная\s+с|自|从|desde(?:\s+el)?|depuis\s+le|du|seit|"
                    r"vom|von|a\s+partir\s+de|de)\s*$", re.IGNORECASE)


class DataAsked:
    """The data a letter asks for.

    Attributes:
        categories: data categories, in vocabulary order, each with its spans.
        fields: item labels (``name``, ``ip_logs``…), in order of first mention.
    """

    def __init__(self, categories: list[Found[DataCategory]], fields: list[Found[str]]) -> None:
        self.categories = categories
        self.fields = fields


def _asks_for_data(actions: list[Hit]) -> bool:
    return any(a.value in RECORDS_ACTIONS for a in actions)


def extract_data(view: View, actions: list[Hit],
                 sentences: Sentences | None = None) -> DataAsked:
    """Data categories and items asked for.

    Args:
        view: the cleaned view.
        actions: action hits in the view (``actions.action_hits``).
        sentences: the view's sentences if already cut.
    """
    if not _asks_for_data(actions):
        return DataAsked([], [])
    sents = sentences or Sentences(view.text)
    by_cat: dict[str, list[Hit]] = {}
    by_field: dict[str, list[Hit]] = {}
    for hit in load_lexicon("data").finditer(view.text, view.lowered):
        s, e = sents.around(hit.start)
        inside = [a.value for a in actions if s <= a.start < e]
        if any(v in _RESTRICTING for v in inside) and not any(v in RECORDS_ACTIONS
                                                               for v in inside):
            continue
        cat, _, name = hit.value.partition(":")
        by_cat.setdefault(cat, []).append(hit)
        by_field.setdefault(name, []).append(hit)
    cats = [Found(c, _spans(view, by_cat[c.value]), _conf(by_cat[c.value]), "data")
            for c in _ORDER if c.value in by_cat]
    fields = [Found(n, _spans(view, hits), _conf(hits), "data") for n, hits in by_field.items()]
    return DataAsked(cats, fields)


def _spans(view: View, hits: list[Hit]) -> tuple[tuple[int, int], ...]:
    return tuple(view.to_original(h.start, h.end) for h in hits[:5])


def _conf(hits: list[Hit]) -> float:
    return round(min(0.95, max(h.confidence for h in hits) + 0.05 * (len(hits) - 1)), 2)


def extract_time_range(view: View, actions: list[Hit]) -> Found[TimeRange] | None:
    """The period of the data asked for: the first date range in a letter asking for data.

    Args:
        view: the cleaned view.
        actions: action hits in the view.
    """
    if not _asks_for_data(actions):
        return None
    text = view.text
    dates = find_dates(text)
    for i, first in enumerate(dates):
        start = parse_date(first.text)
        if start is None:
            continue
        before = text[max(0, first.start - 25):first.start]
        if i + 1 < len(dates):
            second = dates[i + 1]
            gap = text[first.end:second.start]
            joined = _JOIN.fullmatch(gap) is not None or (
                _JOIN_AND.fullmatch(gap) is not None and _BETWEEN.search(before) is not None)
            if joined:
                end = parse_date(second.text)
                if end is not None and end >= start:
                    return _range(view, start, end, first.start, second.end)
        after = _PRESENT.match(text, first.end)
        if after is not None and _SINCE.search(before) is not None:
            return _range(view, start, None, first.start, after.end())
    return None


def _range(view: View, start: dt.date, end: dt.date | None, s: int, e: int) -> Found[TimeRange]:
    text = view.text[s:e]
    lead = re.search(r"(?:for\s+the\s+period|за\s+период|durante\s+el\s+período|"
                     r"pour\s+la\s+période|für\s+den\s+Zeitraum|no\s+período)\s+(?:from\s+|с\s+|"
                     r"de\s+|du\s+|vom\s+|del\s+)?$", view.text[max(0, s - 40):s], re.I)
    if lead is not None:
        s -= len(lead.group())
        text = view.text[s:e]
    return Found(TimeRange(start=start, end=end, text=text), (view.to_original(s, e),), 0.8,
                 "time_range")
