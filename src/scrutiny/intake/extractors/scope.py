"""Where a restriction must take effect, and whether the company is asked to monitor.

Both read the sentence a lexicon hit stands in. The territorial scope (``scope`` lexicon)
counts only next to the words asking for removal, restriction or suspension (after them, or
shortly before), in a sentence that does not threaten a sanction, and not across a word that
makes the place the place of a prohibition or of a lifted measure ("prohibited on the
territory of…", "access … on the territory … will be restored"): "block access on the
territory of the Russian Federation" in a threat is the state's own measure. A removal verb
says nothing of where, so without a hit the scope stays unknown and review asks.

Overbroad wording (``monitoring`` lexicon: "similar content", "all copies", "any future
uploads") sets ``monitoring_required`` in a letter asking to remove, block or suspend, unless
its sentence only asks to preserve or disclose records ("preserve all copies of the logs").
"""

from __future__ import annotations

import bisect
import re

from scrutiny.demands.vocab import Action, TerritorialScope
from scrutiny.intake.document import View
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import Hit, load_lexicon

__all__ = ["Sentences", "extract_monitoring", "extract_scope"]

_END = re.compile(r"[.!?](?=\s+[\"'«“(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ\u4e00-\u9fff])|[。！？；]")
_RESTRICTING = {Action.REMOVE.value, Action.RESTRICT_IN_COUNTRY.value,
                Action.SUSPEND_ACCOUNT.value}
_RECORDS = {Action.PRESERVE.value, Action.DISCLOSE_USER_DATA.value}
_RANK = {"global": 0, "regional": 1, "national": 2}
_AFTER = 160
"""How far (view characters) a scope phrase may follow the restricting words it qualifies."""
_BEFORE = 80
"""How far it may precede them ("在中国境内屏蔽", "на территории РФ ограничить доступ")."""


class Sentences:
    """Sentence bounds of a view's text (cut at end punctuation before a capital or CJK).

    Args:
        text: the cleaned view's text.
    """

    def __init__(self, text: str) -> None:
        self.ends = [m.end() for m in _END.finditer(text)]
        self.length = len(text)

    def around(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``pos``."""
        i = bisect.bisect_right(self.ends, pos)
        start = self.ends[i - 1] if i else 0
        end = self.ends[i] if i < len(self.ends) else self.length
        return start, end


def _inside(hits: list[Hit], bounds: tuple[int, int], values: set[str] | None = None) -> bool:
    s, e = bounds
    return any(h.start < e and s < h.end and (values is None or h.value in values)
               for h in hits)


def extract_scope(view: View, actions: list[Hit], threats: list[Hit],
                  sentences: Sentences | None = None) -> Found[TerritorialScope] | None:
    """The territorial scope the letter states for a restriction, if any.

    Args:
        view: the cleaned view.
        actions: action hits in the view (see ``actions.action_hits``).
        threats: sanction hits in the view.
        sentences: the view's sentences if already cut.

    Returns:
        The broadest scope stated in a requesting sentence (global > regional > national),
        with its spans; ``None`` when the letter does not say where.
    """
    if not any(a.value in _RESTRICTING for a in actions):
        return None
    sents = sentences or Sentences(view.text)
    hits = list(load_lexicon("scope").finditer(view.text, view.lowered))
    guards = [h for h in hits if h.value == "prohibited"]
    restricting = [a for a in actions if a.value in _RESTRICTING]
    kept: list[Hit] = []
    for hit in hits:
        if hit.value == "prohibited":
            continue
        bounds = sents.around(hit.start)
        if _inside(threats, bounds):
            continue
        for a in restricting:
            if not bounds[0] <= a.start < bounds[1]:
                continue
            if a.end <= hit.start <= a.end + _AFTER:
                gap = (a.end, hit.start)
            elif hit.end <= a.start <= hit.end + _BEFORE:
                gap = (hit.end, a.start)
            elif a.start < hit.end and hit.start < a.end:
                gap = (hit.start, hit.start)
            else:
                continue
            if not any(gap[0] <= g.start and g.end <= gap[1] for g in guards):
                kept.append(hit)
                break
    if not kept:
        return None
    best = min(kept, key=lambda h: _RANK[h.value])
    same = [h for h in kept if h.value == best.value]
    spans = tuple(view.to_original(h.start, h.end) for h in same[:5])
    conf = min(0.95, best.confidence + 0.05 * (len(same) - 1))
    return Found(TerritorialScope(best.value), spans, round(conf, 2), "scope")


def extract_monitoring(view: View, actions: list[Hit],
                       sentences: Sentences | None = None) -> Found[bool] | None:
    """Whether the letter asks for more than named items (similar content, all copies…).

    Args:
        view: the cleaned view.
        actions: action hits in the view.
        sentences: the view's sentences if already cut.
    """
    if not any(a.value in _RESTRICTING for a in actions):
        return None  # monitoring is asked of a removal or block, not of a request for data
    sents = sentences or Sentences(view.text)
    kept: list[Hit] = []
    for hit in load_lexicon("monitoring").finditer(view.text, view.lowered):
        bounds = sents.around(hit.start)
        if _inside(actions, bounds, _RECORDS) and not _inside(actions, bounds, _RESTRICTING):
            continue
        kept.append(hit)
    if not kept:
        return None
    spans = tuple(view.to_original(h.start, h.end) for h in kept[:5])
    conf = min(0.95, max(h.confidence for h in kept) + 0.05 * (len(kept) - 1))
    return Found(True, spans, round(conf, 2), "monitoring")
