"""Wording markers the checks look for in free-text fields (English and the corpus languages).

These are linguistic cues, not law: which words signal a catch-all clause, a dragnet, an
unreviewable decision or a free webmail address. Legal thresholds and lists live in the policy
pack and the reference data. Matching is case-insensitive on substrings.
"""

from __future__ import annotations

__all__ = [
    "ALL_RECORDS",
    "BOILERPLATE",
    "CATCH_ALL",
    "FREE_WEBMAIL",
    "HARM_WORDS",
    "UNREVIEWABLE",
    "contains_any",
]

CATCH_ALL = (
    "public order", "public morals", "social order", "social stability", "national unity",
    "national honour", "national honor", "state honour", "state honor", "honour and interest",
    "honor and interest", "reputation and interests of the state", "rumour", "rumor",
    "false information", "fake news", "false news", "basic principles established by the "
    "constitution", "constitutional principles", "subversion",
    "общественного порядка", "общественной нравственности", "国家荣誉", "谣言", "社会秩序",
    "社会稳定",
)
"""Vague, catch-all grounds (GC34 ¶25: laws must be precise enough to be foreseeable)."""

ALL_RECORDS = (
    "all records", "all information", "all data", "any and all", "all correspondence",
    "all content", "everything", "all communications", "all files", "all logs",
    "complete history", "full history", "всю информацию", "все данные",
)
"""Dragnet wording for data sought."""

BOILERPLATE = (
    "for investigation purposes", "for investigative purposes", "for the purposes of the "
    "investigation", "for judicial police investigations", "necessary for the investigation",
    "relevant to an ongoing investigation", "in the interest of justice", "as required by law",
)
"""Generic phrases that do not link a target to an offence."""

UNREVIEWABLE = (
    "not subject to appeal", "not subject to review", "final and binding", "cannot be appealed",
    "no appeal", "not open to challenge", "обжалованию не подлежит",
)
"""Statements that a decision cannot be contested."""

FREE_WEBMAIL = (
    "@gmail.", "@googlemail.", "@yahoo.", "@hotmail.", "@outlook.", "@live.", "@aol.",
    "@mail.ru", "@yandex.", "@qq.com", "@163.com", "@126.com", "@proton.me", "@protonmail.",
    "@gmx.", "@icloud.", "@web.de",
)
"""Free webmail domains: an official demand from one is a known forgery pattern."""

HARM_WORDS: dict[str, tuple[str, ...]] = {
    "death": ("death", "die", "dying", "kill", "murder", "life", "lethal", "suicid", "overdose",
              "fatal"),
    "serious_physical_injury": ("injur", "assault", "kidnap", "abduct", "hostage", "bomb",
                                "explosi", "shooting", "stab", "violence", "physical harm",
                                "self-harm", "trafficking", "rape"),
    "property_damage": ("property", "damage to", "vandal"),
    "financial_loss": ("financial", "money", "payment", "loss of funds", "ransom"),
    "fraud": ("fraud", "scam", "phishing"),
    "reputational_harm": ("reputation", "defam", "insult"),
    "public_order": ("public order", "unrest", "protest", "riot"),
    "national_security": ("national security", "state security", "terroris"),
}
"""Words that signal each harm token of the policy's emergency lists."""


_MEMO: dict[tuple[int, str], str | None] = {}
_MEMO_LIMIT = 65536
_MEMO_MAX_TEXT = 1024
_MISS = object()


def contains_any(text: str | None, markers: tuple[str, ...]) -> str | None:
    """The first marker found in ``text`` (case-insensitive), or ``None``.

    Memoised per (lexicon, text): the same citations and phrases recur across demands.
    """
    if not text:
        return None
    short = len(text) <= _MEMO_MAX_TEXT
    if short:
        key = (id(markers), text)
        hit = _MEMO.get(key, _MISS)
        if hit is not _MISS:
            return hit  # type: ignore[return-value]
    low = text.lower()
    found = None
    for m in markers:
        if m in low:
            found = m
            break
    if short:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = found
    return found
