"""The authority registry and the matcher that finds requesting authorities in letters.

The registry (``data/reference/authorities.yaml``) lists government bodies that send demands to
online services: regulators, police units, prosecutors, courts (as name patterns per country),
ministries, intelligence services, CERTs and other bodies acting for the state, with their names in
their own languages and in English, their abbreviations and their official web domains.

Matching works on tokens, not on raw characters, so that case, quotes (``«»``, ``“”``), hyphens,
line breaks and diacritics do not matter:

* every letter is split once into word tokens (CJK, Thai and kana characters are one token each);
  tokens are case-folded, stripped of diacritics and, for Cyrillic and Latin words, reduced to a
  light stem (``Роскомнадзора`` → ``роскомнадзор``, ``Bundeskriminalamtes`` →
  ``bundeskriminalamt``), so declined forms match;
* all registered names are compiled into one token trie (an Aho–Corasick-style automaton walked
  from each token), and abbreviations into a case-sensitive token table;
* families of bodies (courts, regional police, prosecutors' offices) are regular expressions that
  run only when one of their anchor words occurs;
* only when a window of the letter shares most distinctive words with a registered long name is it
  compared fuzzily (rapidfuzz), and single-word names are compared fuzzily only when nothing else
  was found.

Short or ambiguous abbreviations need corroboration: evidence in the letter for the authority's
country (its script or language, a country name, an official domain, another authority of that
country). Each match carries a ``role`` — ``sender`` for the body that most likely wrote the letter
(letterhead, ``From:`` header, the signature block after ``Sincerely`` / ``С уважением``,
self-identification such as ``This is …``), ``mentioned`` for the others (``decision of the …
court``, ``требование Генеральной прокуратуры``) — and the ``sender_score`` behind it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz, process

from scrutiny.demands.vocab import ISO_639_1, ISO_3166_ALPHA2, AuthorityKind
from scrutiny.errors import PolicyError
from scrutiny.policy.yamlload import DATA_DIR, load_yaml_model

__all__ = [
    "AUTHORITIES_PATH",
    "Authority",
    "AuthorityMatch",
    "AuthorityPattern",
    "AuthorityRegistry",
    "CountryHints",
    "RegistryFile",
    "Role",
    "find_authorities",
    "load_authorities",
    "lookup",
    "normalize_name",
]

AUTHORITIES_PATH = DATA_DIR / "reference" / "authorities.yaml"
"""The shipped registry."""

Role = Literal["sender", "mentioned"]
Via = Literal["name", "abbreviation", "pattern", "fuzzy", "domain"]

# --------------------------------------------------------------------------------------------
# Data model (strict; unknown keys are errors naming the key)
# --------------------------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG_RE = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2,4})?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A source the registry was compiled from."""

    title: str
    url: str


class CountryHints(_Strict):
    """What in a letter points to a country: its names, languages and web domains."""

    name_en: str
    languages: list[str] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)

    @field_validator("languages")
    @classmethod
    def _langs(cls, value: list[str]) -> list[str]:
        for lang in value:
            if lang not in ISO_639_1:
                raise ValueError(f"{lang!r} is not an ISO 639-1 language code")
        return value


class AuthorityPattern(_Strict):
    """A family of bodies given by a regular expression (e.g. Russian district courts).

    Attributes:
        regex: Python regular expression run over the original text (use inline flags such
            as ``(?i)`` where case does not matter).
        anchors: lower-case words of which one must occur (as a substring of the lower-cased
            letter) before the expression is tried; they keep matching fast.
        lang: language of the expression (ISO 639-1).
    """

    regex: str
    anchors: list[str] = Field(min_length=1)
    lang: str

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from None
        return value

    @field_validator("anchors")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        for anchor in value:
            if anchor != anchor.lower() or not anchor.strip():
                raise ValueError(f"anchor {anchor!r} must be a non-empty lower-case word")
        return value


class Authority(_Strict):
    """One government body (or one family of bodies, when it has ``patterns``).

    Attributes:
        id: stable identifier, ``<country in lower case>-<slug>`` (e.g. ``ru-roskomnadzor``).
        country: ISO 3166-1 alpha-2 code of the state the body acts for.
        kind: the AuthorityKind.
        name_en: normalised English name.
        names: official names and common variants per language (ISO 639-1), including the
            English translations used in letters.
        weak_names: names that are also ordinary phrases or shared by many states ("Home
            Office", "Security Service"): they count only in title case and with evidence for
            the country in the letter.
        abbreviations: abbreviations that identify the body on their own (matched case-
            sensitively, as whole words).
        weak_abbreviations: abbreviations that are short or ambiguous: they count only with
            corroboration (evidence for the country in the letter).
        domains: official web domains (``rkn.gov.ru``); a mention in the letter corroborates.
        parent: id of the body this one belongs to.
        patterns: name patterns for a family of bodies (courts, regional police).
        source: official web site (or the page the name was checked against).
        note: free-text remark for maintainers.
    """

    id: str
    country: str
    kind: AuthorityKind
    name_en: str
    names: dict[str, list[str]] = Field(default_factory=dict)
    weak_names: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    weak_abbreviations: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    parent: str | None = None
    patterns: list[AuthorityPattern] = Field(default_factory=list)
    source: str
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID_RE.match(value):
            raise ValueError("id must look like 'ru-roskomnadzor' (country prefix, a-z0-9, '-')")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if value not in ISO_3166_ALPHA2:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code")
        return value

    @field_validator("names")
    @classmethod
    def _names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang in value:
            if lang.split("-")[0] not in ISO_639_1 or not _LANG_RE.match(lang):
                raise ValueError(f"{lang!r} is not an ISO 639-1 language code")
        return value

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("source must be an http(s) URL")
        return value

    @model_validator(mode="after")
    def _prefix(self) -> Authority:
        if not self.id.startswith(self.country.lower() + "-"):
            raise ValueError(f"id {self.id!r} must start with {self.country.lower()}-")
        return self

    def all_names(self) -> Iterator[tuple[str, str]]:
        """Yield ``(language, name)`` for every registered name.

        ``name_en`` comes first, without a trailing parenthesis, unless the entry is a family
        of bodies given by patterns (its English name is then a description, not a name).
        """
        if not self.patterns:
            yield "en", re.sub(r"\s*\([^()]*\)\s*$", "", self.name_en)
        for lang, names in self.names.items():
            for name in names:
                yield lang, name


class RegistryFile(_Strict):
    """The YAML file: header, country hints, authorities."""

    as_of: dt.date
    description: str
    sources: list[Source]
    countries: dict[str, CountryHints]
    authorities: list[Authority]

    @model_validator(mode="after")
    def _consistent(self) -> RegistryFile:
        ids: set[str] = set()
        for cc in self.countries:
            if cc not in ISO_3166_ALPHA2:
                raise ValueError(f"countries.{cc}: not an ISO 3166-1 alpha-2 code")
        for i, auth in enumerate(self.authorities):
            if auth.id in ids:
                raise ValueError(f"authorities.{i}.id: duplicate id {auth.id!r}")
            ids.add(auth.id)
            if auth.country not in self.countries:
                raise ValueError(f"authorities.{i}.country: {auth.country} has no countries entry")
        for i, auth in enumerate(self.authorities):
            if auth.parent is not None and auth.parent not in ids:
                raise ValueError(f"authorities.{i}.parent: unknown id {auth.parent!r}")
        return self


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------

_SINGLE = (
    "\u0e00-\u0e7f"  # Thai
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af"  # Hangul syllables
)
_TOKEN_RE = re.compile(rf"[{_SINGLE}]|[^\W_{_SINGLE}]+")
_CYR_RE = re.compile(r"[\u0400-\u04ff]")
_CYR_ENDINGS = tuple(
    sorted(
        """
        иями ями ами ого его ому ему ыми ими иях ях ах ых их ией ием ием ой ей ий ый ая яя ое ее
        ые ие ую юю ом ем ам ям ов ев ью ия ию ии а я ы и у ю е о ь й і ї є ого ої ої
        """.split(),
        key=len,
        reverse=True,
    )
)
_LAT_ENDINGS = ("es", "s", "e")
_DROP = frozenset({"the", "s"})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _norm_token(token: str) -> str:
    """Case-fold, stem lightly, strip diacritics: the form names and letters are compared in."""
    t = token.casefold().replace("ı", "i")  # Turkish dotless i: I and İ both fold to i
    if _CYR_RE.match(t):
        for ending in _CYR_ENDINGS:
            if t.endswith(ending) and len(t) - len(ending) >= 3:
                t = t[: -len(ending)]
                break
        t = t.replace("ё", "е")
    if not t.isascii():
        t = _strip_marks(t)
    if t.isascii() and t.isalpha() and len(t) >= 5:
        for ending in _LAT_ENDINGS:
            if t.endswith(ending) and len(t) - len(ending) >= 4:
                t = t[: -len(ending)]
                break
    return t


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The word tokens of a text: normalised form, original form and offsets."""

    norms: list[str]
    raws: list[str]
    starts: list[int]
    ends: list[int]
    norm_set: frozenset[str]

    def __len__(self) -> int:
        return len(self.norms)


_NORM_CACHE: dict[str, str] = {}
_SPLIT_RE = re.compile(rf"([{_SINGLE}]|[^\W_{_SINGLE}]+)")
_SPLIT_PLAIN_RE = re.compile(r"(\w+)")
_HAS_SINGLE_RE = re.compile(rf"[{_SINGLE}]")
_SKIP = frozenset({"", *_DROP})


def _tokens(text: str) -> _Tokens:
    """Split ``text`` into word tokens (C-level split and offset sums, cached normalisation).

    CJK, kana, Hangul and Thai characters are tokens of one character each; other tokens are
    runs of letters and digits.
    """
    splitter = _SPLIT_RE if _HAS_SINGLE_RE.search(text) else _SPLIT_PLAIN_RE
    parts = splitter.split(text)
    raws_all = parts[1::2]
    if "-" in text or "\xad" in text or "\u2010" in text or "\u2011" in text:
        parts, raws_all = _join_hyphenated(parts, raws_all)
    offs = list(accumulate(map(len, parts)))
    cache = _NORM_CACHE
    if len(cache) > 200_000:
        cache.clear()
    norms_all = list(map(cache.get, raws_all))
    if None in norms_all:
        for k, raw in enumerate(raws_all):
            if norms_all[k] is None:
                norms_all[k] = cache[raw] = _norm_token(raw)
    norms: list[str] = norms_all  # type: ignore[assignment]
    return _Tokens(
        norms=norms,
        raws=raws_all,
        starts=offs[0 : 2 * len(raws_all) : 2],
        ends=offs[1::2],
        norm_set=frozenset(norms),
    )


def _name_tokens(name: str) -> list[str]:
    """Normalised tokens of a registered name, without the ignored ones ("the", "'s")."""
    return [t for t in _tokens(name).norms if t not in _SKIP]


_HYPHENS = "-\xad\u2010\u2011"
_HYPHEN_SEPS = frozenset(
    h + tail + indent
    for h in _HYPHENS
    for tail in ("", "\n", "\r\n", " \n", " \r\n")
    for indent in ("", *(" " * n for n in range(1, 9)), "\t", "\t\t")
    if tail or not indent
)


def _join_hyphenated(parts: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Join words split by a hyphen or a hyphenated line break (``Роскомнад-\\nзор``).

    ``parts`` alternates separators and words (``re.split`` with a group); the joined word keeps
    the hyphen in ``parts`` (so offsets stay exact) and drops it in ``words``.
    """
    seps = parts[0::2]
    joins = [
        k
        for k in compress(range(len(seps)), map(_HYPHEN_SEPS.__contains__, seps))
        if 0 < k < len(words)
        and not _SINGLE_RE.match(words[k])
        and not _SINGLE_RE.match(words[k - 1])
    ]
    if not joins:
        return parts, words
    new_parts: list[str] = []
    new_words: list[str] = []
    prev_part = prev_word = 0
    i = 0
    while i < len(joins):
        j = i
        while j + 1 < len(joins) and joins[j + 1] == joins[j] + 1:
            j += 1
        first, last = joins[i] - 1, joins[j]  # words first..last become one
        new_parts.extend(parts[prev_part : 2 * first + 1])
        new_parts.append("".join(parts[2 * first + 1 : 2 * last + 2]))
        new_words.extend(words[prev_word:first])
        new_words.append("".join(words[first : last + 1]))
        prev_part, prev_word = 2 * last + 2, last + 1
        i = j + 1
    new_parts.extend(parts[prev_part:])
    new_words.extend(words[prev_word:])
    return new_parts, new_words


def normalize_name(name: str) -> str:
    """The comparison key of a name: normalised tokens joined by spaces.

    >>> normalize_name("«Роскомнадзора»") == normalize_name("РОСКОМНАДЗОР")
    True
    """
    return " ".join(_name_tokens(name))


# --------------------------------------------------------------------------------------------
# Matches
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuthorityMatch:
    """An authority found in a text.

    Attributes:
        authority: the registry entry.
        start: offset of the best occurrence in the original text.
        end: end offset (exclusive) of that occurrence.
        confidence: how sure the identification is (0..1), independent of the role.
        matched_text: ``text[start:end]``.
        role: ``sender`` for the body that most likely sent the letter, else ``mentioned``.
        sender_score: the evidence for the sender role (positive: letterhead, signature, From:
            header, self-identification; negative: "decision of …", "in accordance with …").
        via: how it was found: ``name``, ``abbreviation``, ``pattern``, ``fuzzy`` or ``domain``
            (an e-mail address or a link at the body's official domain).
        occurrences: ``(start, end)`` of every occurrence, in text order.
    """

    authority: Authority
    start: int
    end: int
    confidence: float
    matched_text: str
    role: Role = "mentioned"
    sender_score: float = 0.0
    via: Via = "name"
    occurrences: tuple[tuple[int, int], ...] = field(default=())

    @property
    def country(self) -> str:
        """The authority's country (ISO 3166-1 alpha-2)."""
        return self.authority.country

    @property
    def kind(self) -> AuthorityKind:
        """The authority's kind."""
        return self.authority.kind

    @property
    def name(self) -> str:
        """The name to show: the text found for a family of bodies, else ``name_en``.

        A court found by pattern is shown as written ("Tverskoy District Court of Moscow"),
        not as its family ("Russian court (district, city, …)").
        """
        if self.via == "pattern":
            return " ".join(self.matched_text.split())
        return self.authority.name_en

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary (CLI ``--json``, API)."""
        return {
            "id": self.authority.id,
            "name": self.name,
            "name_en": self.authority.name_en,
            "country": self.authority.country,
            "kind": self.authority.kind.value,
            "start": self.start,
            "end": self.end,
            "matched_text": self.matched_text,
            "confidence": self.confidence,
            "role": self.role,
            "sender_score": self.sender_score,
            "via": self.via,
            "occurrences": [list(o) for o in self.occurrences],
        }


@dataclass(slots=True)
class _Hit:
    ids: tuple[str, ...]
    start: int
    end: int
    via: Via
    confidence: float
    ntokens: int
    weak_ids: frozenset[str] = frozenset()

    @property
    def weak(self) -> bool:
        """Every candidate needs corroboration."""
        return bool(self.weak_ids) and self.weak_ids.issuperset(self.ids)


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: list[str] = field(default_factory=list)
    prefix_finals: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _CompiledPattern:
    authority_id: str
    regex: re.Pattern[str]
    anchors: tuple[tuple[str, ...], ...]
    anchor_sets: tuple[frozenset[str], ...]


# Sender / mention cues ---------------------------------------------------------------------

_CLOSINGS = (
    "sincerely", "best regards", "kind regards", "warm regards", "yours faithfully",
    "yours truly", "best wishes", "с уважением", "з повагою", "atentamente", "cordialmente",
    "un saludo", "saludos", "mit freundlichen grüßen", "mit freundlichen gruessen",
    "hochachtungsvoll", "cordialement", "veuillez agréer", "distinti saluti", "cordiali saluti",
    "atenciosamente", "saygılarımızla", "saygılarımla", "z poważaniem", "met vriendelijke groet",
    "med vänlig hälsning", "hormat kami", "trân trọng", "此致", "敬礼", "敬禮", "顺颂", "順頌",
    "謹啟", "敬具", "감사합니다", "올림",
)
"""Closing formulas after which the signature block (the sender) follows."""
_FROM_LINE_RE = re.compile(
    r"(?im)^[ \t>*]*(?:from|sender|от|отправитель|von|absender|de|da|kimden|gönderen|van|od"
    r"|发件人|寄件者|寄件人|差出人|보낸\s*사람|remitente|expéditeur|mittente|remetente)\s*[:：]"
)
_CLOSING_REACH = 600
_LETTERHEAD = 400
"""Characters at the start of a letter that count as its letterhead."""
_PATTERN_REACH = 160
"""Characters around an anchor word within which a family pattern is tried."""
_SENDER_MIN = 1.0
"""Sender score from which the best-placed authority is called the sender."""
_SENDER_MARGIN = 1.0
"""Or: lead over the next authority from which the best-placed one is called the sender."""
_MENTION_TOKENS = 5
_SELF_TOKENS = 16

_MENTION_WORDS = """
    decision ruling judgment judgement order warrant demand request requirement accordance
    according pursuant issued basis решение требование определение постановление приговор
    соответствии согласно предписание вынесенный рішення ухвала вимога відповідно beschluss urteil
    gemäß anordnung verfügung auto sentencia resolución orden mandato según conformidad décision
    jugement arrêt ordonnance réquisition conformément karar kararı uyarınca decisão mandado
    determinação ordem conforme provvedimento decreto ordinanza sentenza postanowienie wyrok nakaz
""".split()
_SELF_WORDS = "behalf это мы имени somos nombre auftrag nome biz".split()
_SELF_PAIRS = (
    ("this", "is"), ("we", "are"), ("i", "am"), ("esta", "es"), ("wir", "sind"),
    ("nous", "sommes"), ("hier", "ist"), ("official", "account"), ("official", "email"),
    ("official", "mail"),
)
_CJK_MENTION = tuple("根据 依据 依照 按照 判决 裁定 决定 要求 根據 依據 判決".split())
_CJK_SELF = tuple("本局 我局 本院 我院 本部 我部 我们 我們 本中心 本协会 本會".split())


def _chars(*ranges: str) -> frozenset[str]:
    """The characters of ``ranges`` given as "a-z" spans or literal strings."""
    out: set[str] = set()
    for spec in ranges:
        if len(spec) == 3 and spec[1] == "-":
            out.update(chr(c) for c in range(ord(spec[0]), ord(spec[2]) + 1))
        else:
            out.update(spec)
    return frozenset(out | {c.upper() for c in out})


_SCRIPT_HINTS: tuple[tuple[frozenset[str], tuple[str, ...], float], ...] = (
    (_chars("\u0400-\u04ff"), ("ru", "uk", "be", "kk"), 0.5),
    (_chars("ыэъ"), ("ru", "be"), 0.5),
    (_chars("іїєґ"), ("uk",), 1.0),
    (_chars("ў"), ("be",), 1.0),
    (_chars("әғқңөұүһ"), ("kk",), 1.0),
    (_chars("\u4e00-\u9fff"), ("zh", "ja"), 0.5),
    (_chars("\u3040-\u30ff"), ("ja",), 1.0),
    (_chars("\uac00-\ud7af"), ("ko",), 1.0),
    (_chars("\u0e00-\u0e7f"), ("th",), 1.0),
    (_chars("\u0600-\u06ff"), ("ar", "fa", "ur"), 0.5),
    (_chars("پچژگ"), ("fa", "ur"), 0.5),
    (_chars("\u0590-\u05ff"), ("he",), 1.0),
    (_chars("\u0370-\u03ff"), ("el",), 1.0),
    (_chars("\u0980-\u09ff"), ("bn",), 1.0),
    (_chars("\u0900-\u097f"), ("hi",), 1.0),
    (_chars("ğışİ"), ("tr",), 1.0),
    (_chars("ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), ("vi",), 1.0),
    (_chars("ßäöü"), ("de",), 0.3),
    (_chars("łąęśźżńć"), ("pl",), 1.0),
    (_chars("ãõ"), ("pt",), 0.5),
    (_chars("ñ¿¡"), ("es",), 0.5),
    (_chars("œèêëàâîôûç"), ("fr",), 0.3),
    (_chars("å"), ("sv",), 0.2),
)


_FIRST = itemgetter(0)
_EMAIL_RE = re.compile(r"@((?:[\w-]+\.)+[^\W\d_]{2,})")
_URL_HOST_RE = re.compile(r"://(?:www\.)?((?:[\w-]+\.)+[^\W\d_]{2,})")
_HOST_STRIP = "<>()[]{}.,;:!?\"'«»“”‘’*"
_LETTERS_RE = re.compile(
    "["
    + "".join(
        sorted({c for charset, _c, _w in _SCRIPT_HINTS if len(charset) < 200 for c in charset})
    )
    + "]"
)
"""Letters that tell languages of one script apart (ы, і, ğ, ñ, ł …); scripts come from tokens."""


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


class AuthorityRegistry:
    """The loaded registry with its compiled matcher.

    Attributes:
        as_of: date the registry was last checked.
        countries: country hints by ISO code.
        authorities: every entry, in file order.
    """

    _FUZZY_MIN_TOKENS = 3
    _FUZZY_CUTOFF = 86.0
    _SINGLE_FUZZY_CUTOFF = 90.0
    _FUZZY_MAX_CANDIDATES = 6
    _SINGLE_FUZZY_MAX_WORDS = 500

    def __init__(self, data: RegistryFile) -> None:
        """Compile the matcher for ``data``."""
        self.as_of = data.as_of
        self.countries: dict[str, CountryHints] = dict(data.countries)
        self.authorities: list[Authority] = list(data.authorities)
        self._by_id = {a.id: a for a in self.authorities}
        self._children: dict[str, list[str]] = defaultdict(list)
        for auth in self.authorities:
            if auth.parent:
                self._children[auth.parent].append(auth.id)
        self._root = _Node()
        self._abbr: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        self._names_by_key: dict[str, list[str]] = defaultdict(list)
        self._weak_by_key: dict[str, list[str]] = defaultdict(list)
        self._patterns: list[_CompiledPattern] = []
        self._fuzzy_names: list[tuple[str, str, frozenset[str], int, float]] = []
        self._single_names: dict[str, list[str]] = defaultdict(list)
        self._domains: list[tuple[str, str, str | None]] = []
        self._build()

    # construction ---------------------------------------------------------------------------

    def _insert(self, root: _Node, tokens: list[str], value: str) -> None:
        node = root
        for tok in tokens[:-1]:
            node = node.children.setdefault(tok, _Node())
        last = tokens[-1]
        prefix_ok = len(tokens) >= 2 and len(last) >= 4 and not _is_single(last)
        if prefix_ok and (last, value) not in node.prefix_finals:
            node.prefix_finals.append((last, value))
        node = node.children.setdefault(last, _Node())
        if value not in node.terminal:
            node.terminal.append(value)

    def _build(self) -> None:
        for auth in self.authorities:
            weak_keys = {normalize_name(n) for n in auth.weak_names}
            for _lang, name in _with_split_hyphens(auth.all_names()):
                toks = _name_tokens(name)
                key = " ".join(toks)
                if not toks or key in weak_keys:
                    continue
                raw_compact = re.sub(r"\W", "", name)
                if len(toks) == 1 and len(toks[0]) < 5 and not _is_cjk_run(raw_compact):
                    # a short one-word name ("MI5") behaves like an abbreviation: matched as
                    # written, and only with corroboration when it has two characters or fewer
                    self._abbr[raw_compact].append((auth.id, len(raw_compact) <= 2))
                    continue
                if auth.id not in self._names_by_key[key]:
                    self._names_by_key[key].append(auth.id)
                self._insert(self._root, toks, auth.id)
                if len(toks) == 1 and len(toks[0]) >= 7:
                    self._single_names[toks[0]].append(auth.id)
            for _lang, name in _with_split_hyphens(("", n) for n in auth.weak_names):
                toks = _name_tokens(name)
                if len(toks) == 1:
                    self._add_abbreviation(auth.id, name, weak=True)
                elif toks:
                    self._insert(self._root, toks, _WEAK + auth.id)
                    self._weak_by_key[" ".join(toks)].append(auth.id)
            for abbr in auth.abbreviations:
                self._add_abbreviation(auth.id, abbr, weak=False)
            for abbr in auth.weak_abbreviations:
                self._add_abbreviation(auth.id, abbr, weak=True)
            for dom in auth.domains:
                self._domains.append((dom.lower(), auth.country, auth.id))
            for pat in auth.patterns:
                anchors = tuple(tuple(_name_tokens(a)) for a in pat.anchors)
                self._patterns.append(
                    _CompiledPattern(
                        auth.id,
                        re.compile(pat.regex),
                        anchors,
                        tuple(frozenset(a) for a in anchors),
                    )
                )
        for phrase in _CLOSINGS:
            toks = _name_tokens(phrase)
            if toks:
                self._insert(self._root, toks, _CLOSING)
        self._lang_countries: dict[str, list[str]] = defaultdict(list)
        for cc, hints in self.countries.items():
            for lang in hints.languages:
                self._lang_countries[lang].append(cc)
            for name in [hints.name_en, *hints.names]:
                toks = _name_tokens(name)
                if toks:
                    self._insert(self._root, toks, _COUNTRY + cc)
            for dom in hints.domains:
                self._domains.append((dom.lower(), cc, None))
        # fuzzy candidates: long names, indexed by their distinctive tokens
        df: dict[str, int] = defaultdict(int)
        long_names: list[tuple[str, list[str]]] = []
        for key, ids in self._names_by_key.items():
            toks = key.split()
            if len(toks) >= self._FUZZY_MIN_TOKENS and not any(_is_single(t) for t in toks):
                for aid in ids:
                    long_names.append((aid, toks))
                for tok in set(toks):
                    df[tok] += 1
        n_names = max(len(long_names), 1)
        self._fuzzy_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for aid, toks in long_names:
            words = frozenset(t for t in toks if len(t) >= 3 and df[t] <= 40)
            if len(words) < 2:
                continue
            weights = {t: math.log(n_names / df[t]) + 0.1 for t in words}
            idx = len(self._fuzzy_names)
            self._fuzzy_names.append((aid, " ".join(toks), words, len(toks), sum(weights.values())))
            for tok, weight in weights.items():
                self._fuzzy_index[tok].append((idx, weight))
        self._domain_authorities: dict[str, list[str]] = defaultdict(list)
        for dom, _cc, dom_aid in self._domains:
            if dom_aid is not None and "." in dom and dom_aid not in self._domain_authorities[dom]:
                self._domain_authorities[dom].append(dom_aid)
        self._domain_info: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for dom, cc, dom_aid in self._domains:
            self._domain_info[dom].append((cc, dom_aid))
        self._single_choices = list(self._single_names)
        self._fuzzy_keys = frozenset(self._fuzzy_index)
        self._patterns_by_anchor: dict[str, list[int]] = defaultdict(list)
        for i, compiled in enumerate(self._patterns):
            for anchor in compiled.anchors:
                if anchor and i not in self._patterns_by_anchor[anchor[0]]:
                    self._patterns_by_anchor[anchor[0]].append(i)
        self._anchor_keys = frozenset(self._patterns_by_anchor)
        self._search_keys: list[tuple[str, str]] = [
            (k, aid)
            for table in (self._names_by_key, self._weak_by_key)
            for k, ids in table.items()
            for aid in ids
        ]
        self._search_keys_by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k, aid in self._search_keys:
            self._search_keys_by_country[self._by_id[aid].country].append((k, aid))
        self._abbr_keys = frozenset(self._abbr)

    def _add_abbreviation(self, authority_id: str, abbr: str, *, weak: bool) -> None:
        tokens = _tokens(abbr)
        toks = tokens.raws
        if len(toks) == 1 and not _is_single(toks[0]):
            short = len(toks[0]) <= 2 and toks[0].isascii()
            self._abbr[toks[0]].append((authority_id, weak or short))
        elif norms := _name_tokens(abbr):
            self._insert(self._root, norms, (_WEAK + authority_id) if weak else authority_id)

    # access ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.authorities)

    def __iter__(self) -> Iterator[Authority]:
        return iter(self.authorities)

    def get(self, authority_id: str) -> Authority | None:
        """The authority with ``authority_id``, or None."""
        return self._by_id.get(authority_id)

    def by_country(self, country: str) -> list[Authority]:
        """All authorities of ``country`` (ISO 3166-1 alpha-2), in file order."""
        cc = country.upper()
        return [a for a in self.authorities if a.country == cc]

    def ids_named(self, name: str) -> list[str]:
        """Ids of the authorities registered under ``name`` (normalised; weak names excluded)."""
        return list(self._names_by_key.get(normalize_name(name), []))

    def children(self, authority_id: str) -> list[Authority]:
        """Bodies whose ``parent`` is ``authority_id``."""
        return [self._by_id[c] for c in self._children.get(authority_id, [])]

    def country_codes(self) -> list[str]:
        """Countries that have at least one authority, sorted."""
        return sorted({a.country for a in self.authorities})

    # matching -------------------------------------------------------------------------------

    def _walk(self, root: _Node, norms: list[str]) -> list[tuple[int, int, list[str]]]:
        """Longest trie match starting at each token: ``(first, last, values)``."""
        out: list[tuple[int, int, list[str]]] = []
        children = root.children
        skip = _SKIP
        n = len(norms)
        for i in compress(range(n), map(children.__contains__, norms)):
            node = children[norms[i]]
            best: tuple[int, int, list[str]] | None = None
            j = i
            while True:
                if node.terminal:
                    best = (i, j, node.terminal)
                nj = j + 1
                while nj < n and norms[nj] in skip:
                    nj += 1
                if nj >= n:
                    break
                nxt_tok = norms[nj]
                if node.prefix_finals:
                    for final, value in node.prefix_finals:
                        if nxt_tok != final and nxt_tok.startswith(final):
                            best = (i, nj, [value])
                            break
                nxt = node.children.get(nxt_tok)
                if nxt is None:
                    break
                node = nxt
                j = nj
            if best is not None:
                out.append(best)
        return out

    def _country_evidence(
        self, text: str, toks: _Tokens, country_mentions: list[str], hits: list[_Hit]
    ) -> dict[str, float]:
        """Evidence per country: script and letters, country names, domains, other authorities."""
        ev: dict[str, float] = defaultdict(float)
        langs: dict[str, float] = defaultdict(float)
        chars = set(map(_FIRST, toks.raws)) | set(_LETTERS_RE.findall(text))
        for charset, codes, weight in _SCRIPT_HINTS:
            if not chars.isdisjoint(charset):
                for code in codes:
                    langs[code] = max(langs[code], weight)
        if not any(c in langs for c in ("ru", "zh", "ja", "ko", "ar", "fa", "he", "th", "el")):
            langs["en"] = 0.2
        by_country: dict[str, float] = {}
        for lang, weight in langs.items():
            for cc in self._lang_countries.get(lang, ()):
                by_country[cc] = max(by_country.get(cc, 0.0), weight)
        for cc, weight in by_country.items():
            ev[cc] += weight
        for cc in country_mentions:
            ev[cc] += 1.0
        for cc in self._domain_countries(text):
            ev[cc] += 1.5
        for hit in hits:
            if not hit.weak and len(hit.ids) == 1:
                ev[self._by_id[hit.ids[0]].country] += 1.5
        return ev

    def _domain_countries(self, text: str) -> list[str]:
        """Countries whose registered domains (or TLDs) occur as host names in ``text``."""
        out: list[str] = []
        info = self._domain_info
        for word in [w for w in text.split() if "." in w]:
            host = word.strip(_HOST_STRIP)
            if "//" in host:
                host = host.split("//", 1)[1]
            host = host.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
            labels = host.split(".")
            if len(labels) < 2 or not labels[-1].isalpha():
                continue
            seen: set[str] = set()
            for k in range(max(0, len(labels) - 4), len(labels)):
                for cc, _aid in info.get(".".join(labels[k:]), ()):
                    if cc not in seen:
                        seen.add(cc)
                        out.append(cc)
        return out

    def _candidates(
        self, text: str, toks: _Tokens, countries: list[str], closings: list[int]
    ) -> list[_Hit]:
        """Name, abbreviation and pattern hits.

        Country names found go to ``countries``, the end offsets of closing formulas
        ("Sincerely", "С уважением") to ``closings``.
        """
        hits: list[_Hit] = []
        starts, ends = toks.starts, toks.ends
        for i, j, values in self._walk(self._root, toks.norms):
            start, end = starts[i], ends[j]
            if values[0][0] in _MARKERS:
                for v in values:
                    if v[0] == _COUNTRY:
                        countries.append(v[1:])
                    elif v == _CLOSING:
                        closings.append(end)
                values = [v for v in values if v[0] not in _MARKERS]
                if not values:
                    continue
            strong = tuple(v for v in values if not v.startswith(_WEAK))
            weak_ids = tuple(v[1:] for v in values if v.startswith(_WEAK))
            if weak_ids and _title_case(toks.raws[i : j + 1]):
                hits.append(
                    _Hit(
                        strong + weak_ids, start, end, "name", 0.9 if not strong else 0.97,
                        j - i + 1, weak_ids=frozenset(weak_ids) - frozenset(strong),
                    )
                )
            elif strong:
                hits.append(_Hit(strong, start, end, "name", 0.97 if j > i else 0.93, j - i + 1))
        raws = toks.raws
        for raw in self._abbr_keys.intersection(raws):
            entries = self._abbr[raw]
            ids = tuple(dict.fromkeys(e[0] for e in entries))
            strong_ids = {e[0] for e in entries if not e[1]}
            weak_abbr = frozenset(e[0] for e in entries if e[1]) - strong_ids
            k = raws.index(raw)
            while True:
                hits.append(
                    _Hit(ids, starts[k], ends[k], "abbreviation", 0.85, 1, weak_ids=weak_abbr)
                )
                try:
                    k = raws.index(raw, k + 1)
                except ValueError:
                    break
        if self._patterns:
            present = toks.norm_set
            maybe = {
                i for tok in present & self._anchor_keys for i in self._patterns_by_anchor[tok]
            }
            active = [
                pat
                for i, pat in enumerate(self._patterns)
                if i in maybe and any(anchor <= present for anchor in pat.anchor_sets)
            ]
            if active:
                hits.extend(self._pattern_hits(text, toks, active))
        if "@" in text or "://" in text:
            hits.extend(self._domain_hits(text))
        return _merge_same_span(hits)

    def _domain_hits(self, text: str) -> list[_Hit]:
        """E-mail addresses (0.8) and links (0.6) at a registered official domain."""
        out: list[_Hit] = []
        info = self._domain_authorities
        for regex, conf, mark in ((_EMAIL_RE, 0.8, "@"), (_URL_HOST_RE, 0.6, "://")):
            if mark not in text:
                continue
            for m in regex.finditer(text):
                labels = m.group(1).lower().split(".")
                for k in range(max(0, len(labels) - 5), len(labels) - 1):
                    ids = info.get(".".join(labels[k:]))
                    if ids:
                        out.append(_Hit(tuple(ids), m.start(1), m.end(1), "domain", conf, 1))
                        break
        return out

    def _pattern_hits(
        self, text: str, toks: _Tokens, active: list[_CompiledPattern]
    ) -> list[_Hit]:
        """Run each active pattern only in windows around the occurrences of its anchor words."""
        wanted = frozenset(anchor[0] for pat in active for anchor in pat.anchors)
        norms = toks.norms
        n = len(norms)
        where: dict[str, list[int]] = defaultdict(list)
        for k in compress(range(n), map(wanted.__contains__, norms)):
            where[norms[k]].append(k)
        out: list[_Hit] = []
        reach = _PATTERN_REACH
        for pat in active:
            spans = sorted(
                (max(0, toks.starts[k] - reach), toks.ends[k + len(anchor) - 1] + reach)
                for anchor in pat.anchors
                for k in where.get(anchor[0], ())
                if k + len(anchor) <= n and tuple(norms[k : k + len(anchor)]) == anchor
            )
            windows: list[list[int]] = []
            for lo, hi in spans:
                if windows and lo <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], hi)
                else:
                    windows.append([lo, hi])
            seen: set[tuple[int, int]] = set()
            for lo, hi in windows:
                for m in pat.regex.finditer(text, lo, min(hi, len(text))):
                    start, end = _trim_cjk(text, m.start(), m.end())
                    if _BLANK_LINE.search(text, start, end):
                        continue  # a name does not run on over a blank line ("…Chile\n\nRegards")
                    if end > start and (start, end) not in seen:
                        seen.add((start, end))
                        ntok = len(_TOKEN_RE.findall(text, start, end))
                        out.append(_Hit((pat.authority_id,), start, end, "pattern", 0.85, ntok))
        return out

    def _fuzzy(
        self,
        text: str,
        toks: _Tokens,
        closings: list[int],
        found: set[str],
        covered: list[tuple[int, int]],
    ) -> list[_Hit]:
        """Fuzzy matches of long names in windows that share most of their distinctive words."""
        index = self._fuzzy_index
        useful = toks.norm_set & self._fuzzy_keys
        inside = _covered_tokens(toks, covered)
        positions_of: dict[str, list[int]] = defaultdict(list)
        norms = toks.norms
        # once something was found exactly, look fuzzily only where a sender signs or writes
        # (letterhead, From: lines, signature blocks after a closing formula)
        ranges = _sender_token_ranges(text, toks, closings) if covered else [(0, len(norms))]
        for lo, hi in ranges:
            for k in range(lo, hi):
                norm = norms[k]
                if norm in useful and k not in inside:
                    positions_of[norm].append(k)
        gained: dict[int, float] = defaultdict(float)
        hits_per: dict[int, int] = defaultdict(int)
        for tok in positions_of:
            for idx, weight in index[tok]:
                gained[idx] += weight
                hits_per[idx] += 1
        out: list[_Hit] = []
        norms, starts, ends = toks.norms, toks.starts, toks.ends
        names = self._fuzzy_names
        ranked = sorted(
            (
                (weight / names[idx][4], idx)
                for idx, weight in gained.items()
                if hits_per[idx] >= 2 and weight >= 0.55 * names[idx][4]
            ),
            reverse=True,
        )
        for _share, idx in ranked[: self._FUZZY_MAX_CANDIDATES]:
            aid, key, distinctive, ntok, _total = names[idx]
            if aid in found:
                continue
            positions = sorted(p for tok in distinctive for p in positions_of.get(tok, ()))
            span = ntok + 3
            best_lo, best_cnt = 0, 0
            lo = 0
            for hi in range(len(positions)):
                while positions[hi] - positions[lo] >= span:
                    lo += 1
                if hi - lo + 1 > best_cnt:
                    best_cnt, best_lo = hi - lo + 1, lo
            if best_cnt < 2:
                continue
            first = positions[best_lo]
            last = positions[best_lo + best_cnt - 1]
            first = max(0, min(first, last - ntok + 1))
            last = min(len(norms) - 1, max(last, first + ntok - 1))
            start, end = starts[first], ends[last]
            if any(s < end and start < e for s, e in covered):
                continue
            window = " ".join(norms[first : last + 1])
            score = fuzz.ratio(key, window)
            if score < self._FUZZY_CUTOFF:
                # tolerate extra words around a name
                score = max(score, fuzz.partial_ratio(key, window) - 4)
            if score >= self._FUZZY_CUTOFF:
                scale = (score - self._FUZZY_CUTOFF) / (100 - self._FUZZY_CUTOFF)
                conf = round(0.55 + 0.35 * scale, 3)
                out.append(_Hit((aid,), start, end, "fuzzy", conf, last - first + 1))
        if covered:
            sig_ranges = _sender_token_ranges(text, toks, closings, letterhead=False)
            signed = any(lo <= k < hi for k in inside for lo, hi in sig_ranges)
        else:
            sig_ranges, signed = ranges, False
        if not out and not signed and self._single_choices:
            # nothing found in the signature: a misspelt one-word name there (or anywhere, when
            # nothing was found at all), e.g. "Roskomnadsor"
            seen: set[str] = set()
            for k in (k for lo, hi in sig_ranges for k in range(lo, hi)):
                norm = norms[k]
                if len(norm) < 7 or norm in seen or k in inside or _is_single(norm):
                    continue
                if len(seen) >= self._SINGLE_FUZZY_MAX_WORDS:
                    break
                seen.add(norm)
                match = process.extractOne(
                    norm, self._single_choices, scorer=fuzz.ratio,
                    score_cutoff=self._SINGLE_FUZZY_CUTOFF,
                )
                if match is not None:
                    choice, score, _ = match
                    conf = round(0.5 + 0.3 * (score - self._SINGLE_FUZZY_CUTOFF) / 10, 3)
                    ids = tuple(self._single_names[choice])
                    out.append(_Hit(ids, starts[k], ends[k], "fuzzy", conf, 1))
        return out

    def find(self, text: str) -> list[AuthorityMatch]:
        """Every authority found in ``text``, one match per authority, best (sender) first."""
        if not text or not text.strip():
            return []
        toks = _tokens(text)
        countries: list[str] = []
        closings: list[int] = []
        hits = _resolve_overlaps(self._candidates(text, toks, countries, closings))
        covered = [(h.start, h.end) for h in hits]
        found = {i for h in hits if len(h.ids) == 1 for i in h.ids}
        fuzzy_hits = self._fuzzy(text, toks, closings, found, covered)
        if fuzzy_hits:
            hits = _resolve_overlaps(hits + fuzzy_hits)
        if not hits:
            return []
        evidence: dict[str, float] | None = None
        resolved: list[tuple[str, _Hit, float]] = []
        for hit in hits:
            needs_context = bool(hit.weak_ids) or len(hit.ids) > 1
            if not needs_context:
                resolved.append((hit.ids[0], hit, hit.confidence))
                continue
            if evidence is None:
                evidence = self._country_evidence(text, toks, countries, hits)
            candidates = []
            for aid in dict.fromkeys(hit.ids):
                score = evidence.get(self._by_id[aid].country, 0.0)
                is_weak = aid in hit.weak_ids
                if is_weak and score < 0.5:
                    continue  # a weak name or abbreviation needs evidence for its country
                candidates.append((score, not is_weak, aid))
            if not candidates:
                continue
            candidates.sort(reverse=True)
            top = candidates[0][:2]
            winners = [aid for score, strong, aid in candidates if (score, strong) == top]
            if len(winners) == 1:
                conf = hit.confidence - (0.0 if top[1] else 0.1)
                if top[0] < 0.5:
                    conf -= 0.25
                resolved.append((winners[0], hit, round(conf, 3)))
            else:
                for aid in winners:
                    resolved.append((aid, hit, round(hit.confidence - 0.35, 3)))
        return self._rank(text, toks, closings, resolved)

    # roles ----------------------------------------------------------------------------------

    def _rank(
        self,
        text: str,
        toks: _Tokens,
        closings: list[int],
        resolved: list[tuple[str, _Hit, float]],
    ) -> list[AuthorityMatch]:
        length = max(len(text), 1)
        grouped: dict[str, list[tuple[_Hit, float]]] = defaultdict(list)
        for aid, hit, conf in resolved:
            grouped[aid].append((hit, conf))
        per: dict[str, list[tuple[_Hit, float, float]]] = {}
        for aid, items in grouped.items():
            # score the first and last few occurrences (letterhead, body, signature); the
            # others only count
            keep = set(range(min(6, len(items)))) | set(range(max(0, len(items) - 6), len(items)))
            per[aid] = [
                (hit, conf, _occurrence_score(text, toks, hit, closings, length) if i in keep
                 else -1.0)
                for i, (hit, conf) in enumerate(items)
            ]
        # a parent named together with its child: the child is the more precise sender
        found = set(per)
        results: list[AuthorityMatch] = []
        for aid, occs in per.items():
            auth = self._by_id[aid]
            occs.sort(key=lambda o: o[0].start)
            best_hit, _bconf, best_score = max(occs, key=lambda o: (o[2], o[1], -o[0].start))
            conf = max(o[1] for o in occs)
            score = best_score + min(0.3 * (len(occs) - 1), 0.9)
            descendants = self._descendants(aid)
            if descendants & found:
                score -= 1.5
            if auth.parent and self._ancestors(aid) & found:
                score += 0.5
            if auth.kind is AuthorityKind.COURT:
                score -= 0.5
            results.append(
                AuthorityMatch(
                    authority=auth,
                    start=best_hit.start,
                    end=best_hit.end,
                    confidence=min(max(round(conf, 3), 0.05), 1.0),
                    matched_text=text[best_hit.start : best_hit.end],
                    sender_score=round(score, 3),
                    via=best_hit.via,
                    occurrences=tuple((o[0].start, o[0].end) for o in occs),
                )
            )
        results.sort(key=lambda m: (-m.sender_score, -m.confidence, m.start))
        if results and (
            results[0].sender_score >= _SENDER_MIN
            or (results[0].sender_score > -1.0 and len(results) == 1)
            or (
                results[0].sender_score > 0.0
                and results[0].sender_score - results[1].sender_score >= _SENDER_MARGIN
            )
        ):
            top = results[0]
            results[0] = AuthorityMatch(
                authority=top.authority,
                start=top.start,
                end=top.end,
                confidence=top.confidence,
                matched_text=top.matched_text,
                role="sender",
                sender_score=top.sender_score,
                via=top.via,
                occurrences=top.occurrences,
            )
        return results

    def _descendants(self, aid: str) -> set[str]:
        out: set[str] = set()
        stack = list(self._children.get(aid, []))
        while stack:
            cur = stack.pop()
            if cur not in out:
                out.add(cur)
                stack.extend(self._children.get(cur, []))
        return out

    def _ancestors(self, aid: str) -> set[str]:
        out: set[str] = set()
        cur = self._by_id[aid].parent
        while cur and cur not in out:
            out.add(cur)
            cur = self._by_id[cur].parent
        return out

    # form look-up ---------------------------------------------------------------------------

    def lookup(self, name: str, country: str | None = None) -> AuthorityMatch | None:
        """The authority a name typed in a form refers to, or None.

        Args:
            name: what the user typed ("Roskomnadzor", "РКН", "Guardia Civil", "CAC").
            country: restrict to this country (ISO 3166-1 alpha-2), when known.

        Returns:
            The best match (``start``/``end`` index into ``name``), or None when nothing fits.
        """
        text = name.strip()
        if not text:
            return None
        cc = country.upper() if country else None

        def allowed(aid: str) -> bool:
            return cc is None or self._by_id[aid].country == cc

        key = normalize_name(text)
        compact = re.sub(r"\W", "", text)
        exact = [a for a in self._names_by_key.get(key, []) if allowed(a)]
        exact += [a for a in self._weak_by_key.get(key, []) if allowed(a) and a not in exact]
        exact += [a for a, _w in self._abbr.get(compact, []) if allowed(a) and a not in exact]
        if not exact:
            exact += [a for a, _w in self._abbr.get(compact.upper(), []) if allowed(a)]
        if exact:
            conf = 1.0 if len(exact) == 1 else 0.6
            return AuthorityMatch(
                self._by_id[exact[0]], 0, len(name), conf, name, role="sender", via="name"
            )
        for match in self.find(text):
            if allowed(match.authority.id):
                cover = (match.end - match.start) / max(len(text), 1)
                conf = round(min(match.confidence, 0.5 + 0.5 * cover), 3)
                return AuthorityMatch(
                    match.authority, match.start, match.end, conf, match.matched_text,
                    role="sender", sender_score=match.sender_score, via=match.via,
                    occurrences=match.occurrences,
                )
        choices = {k: ids for k, ids in self._names_by_key.items() if any(allowed(a) for a in ids)}
        if not key or not choices:
            return None
        found = process.extractOne(key, list(choices), scorer=fuzz.WRatio, score_cutoff=88)
        if found is None:
            return None
        choice, score, _ = found
        aid = next(a for a in choices[choice] if allowed(a))
        return AuthorityMatch(
            self._by_id[aid], 0, len(name), round(score / 100 * 0.85, 3), name,
            role="sender", via="fuzzy",
        )


    def search(
        self, query: str, country: str | None = None, limit: int = 10
    ) -> list[tuple[Authority, float]]:
        """Authorities whose names fit a partial query, best first (autocomplete in pickers).

        Args:
            query: what the user has typed so far ("roskom", "Guardia", "CERT").
            country: restrict to this country (ISO 3166-1 alpha-2), when known.
            limit: most results returned.

        Returns:
            ``(authority, score)`` pairs, score in 0..1; a name starting with the query or an
            abbreviation equal to it scores 1.
        """
        key = normalize_name(query)
        if not key or limit <= 0:
            return []
        cc = country.upper() if country else None
        keys = self._search_keys if cc is None else self._search_keys_by_country.get(cc, [])
        if not keys:
            return []
        best: dict[str, float] = {}
        compact = re.sub(r"\W", "", query.strip())
        for aid, _weak in self._abbr.get(compact, []) + self._abbr.get(compact.upper(), []):
            if cc is None or self._by_id[aid].country == cc:
                best[aid] = 1.0
        for name_key, aid in keys:
            if name_key.startswith(key) or f" {key}" in f" {name_key}":
                best[aid] = max(best.get(aid, 0.0), 1.0 if name_key.startswith(key) else 0.95)
        found = process.extract(
            key, [k for k, _ in keys], scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=70
        )
        for _choice, score, idx in found:
            aid = keys[idx][1]
            best[aid] = max(best.get(aid, 0.0), round(score / 100 * 0.9, 3))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], self._by_id[kv[0]].name_en))
        return [(self._by_id[aid], score) for aid, score in ranked[:limit]]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

_SINGLE_RE = re.compile(rf"[{_SINGLE}]")


def _with_split_hyphens(names: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Each name, and for a hyphenated name also its form with spaces for hyphens."""
    for lang, name in names:
        yield lang, name
        if "-" in name:
            yield lang, name.replace("-", " ")


def _is_single(token: str) -> bool:
    return len(token) == 1 and bool(_SINGLE_RE.match(token))


def _is_cjk_run(text: str) -> bool:
    return bool(text) and all(_SINGLE_RE.match(c) for c in text)


_WEAK = "~"
_COUNTRY = "@"
_CLOSING = "%"
_MARKERS = frozenset((_COUNTRY, _CLOSING))
_CJK_LEAD = frozenset("根据依照按由经的和与向对及请在于被将为是了从我本该此即并")


def _trim_cjk(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop function characters a CJK pattern swallowed at its left edge (``根据…法院``)."""
    while start < end - 2 and text[start] in _CJK_LEAD:
        start += 1
    return start, end


def _title_case(raws: list[str]) -> bool:
    """Written as a name: the first word and at least half the longer words are capitalised."""
    if not raws or not raws[0][0].isupper():
        return False
    long = [raw for raw in raws if len(raw) >= 4]
    return 2 * sum(1 for raw in long if raw[0].isupper()) >= len(long)


def _merge_same_span(hits: list[_Hit]) -> list[_Hit]:
    """One hit per span and method, holding every authority that matched it."""
    merged: dict[tuple[int, int, str], _Hit] = {}
    for hit in hits:
        key = (hit.start, hit.end, hit.via)
        prev = merged.get(key)
        if prev is None:
            merged[key] = hit
        else:
            ids = prev.ids + tuple(i for i in hit.ids if i not in prev.ids)
            strong = (set(prev.ids) - prev.weak_ids) | (set(hit.ids) - hit.weak_ids)
            merged[key] = _Hit(
                ids, prev.start, prev.end, prev.via, max(prev.confidence, hit.confidence),
                prev.ntokens, weak_ids=(prev.weak_ids | hit.weak_ids) - strong,
            )
    return list(merged.values())


_VIA_RANK = {"name": 3, "pattern": 2, "abbreviation": 1, "fuzzy": 0, "domain": 0}


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _resolve_overlaps(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the longest (then most reliable) of overlapping hits."""
    ordered = sorted(
        hits, key=lambda h: (-(h.end - h.start), -_VIA_RANK[h.via], -h.confidence, h.start)
    )
    kept: list[_Hit] = []
    for hit in ordered:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept


def _sender_token_ranges(
    text: str, toks: _Tokens, closings: list[int], *, letterhead: bool = True
) -> list[tuple[int, int]]:
    """Token index ranges where a sender names itself: the start, From: lines, signatures."""
    spans = [(0, _LETTERHEAD)] if letterhead else []
    spans.extend((c, c + _CLOSING_REACH) for c in closings)
    pos = 0
    for line in text[:4000].split("\n"):
        if ":" in line[:24] and _FROM_LINE_RE.match(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = toks.starts
    out = sorted((bisect_left(starts, lo), bisect_left(starts, hi)) for lo, hi in spans)
    merged: list[tuple[int, int]] = []
    for lo, hi in out:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _covered_tokens(toks: _Tokens, covered: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens inside the spans already matched."""
    out: set[int] = set()
    for start, end in covered:
        out.update(range(bisect_left(toks.starts, start), bisect_left(toks.starts, end)))
    return out


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


_CueSets = tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[tuple[str, str]]]


def _cue_sets() -> _CueSets:
    """Normalise the cue words once, the same way letters are normalised."""
    norms = [_norm_token(w) for w in _MENTION_WORDS]
    exact = frozenset(n for n in norms if len(n) < 6)
    prefixes = tuple(n for n in norms if len(n) >= 6)
    self_words = frozenset(_norm_token(w) for w in _SELF_WORDS)
    pairs = frozenset((_norm_token(a), _norm_token(b)) for a, b in _SELF_PAIRS)
    return exact, prefixes, self_words, pairs


_MENTION_EXACT, _MENTION_PREFIXES, _SELF_SET, _SELF_PAIR_SET = _cue_sets()


def _sentence_start(text: str, start: int, floor: int) -> int:
    """Offset where the sentence containing ``start`` begins (not before ``floor``)."""
    cut = floor
    for mark in (". ", ".\n", "! ", "? ", "\n\n", "。", "！", "？"):
        pos = text.rfind(mark, floor, start)
        if pos >= 0:
            cut = max(cut, pos + len(mark))
    return cut


def _occurrence_score(
    text: str, toks: _Tokens, hit: _Hit, closings: list[int], length: int
) -> float:
    """Evidence that this occurrence names the sender (positive) or a mentioned body."""
    score = 0.0
    lo, hi = _line_bounds(text, hit.start, hit.end)
    line = text[lo:hi]
    if _FROM_LINE_RE.match(line):
        score += 3.0
    if any(c <= hit.start <= c + _CLOSING_REACH for c in closings):
        score += 3.0
    # the name stands alone on its line (letterhead or signature block)
    stripped = line.strip(" \t\r*_#>-–—:.,()[]\"'«»")
    alone = len(stripped) <= (hit.end - hit.start) + 25
    if alone:
        score += 1.0
        if hit.start < 300:
            score += 1.5
    sent = _sentence_start(text, hit.start, max(0, hit.start - 400))
    first = bisect_left(toks.starts, sent)
    k = bisect_left(toks.starts, hit.start)
    window = toks.norms[max(first, k - _SELF_TOKENS) : k]
    near = window[-_MENTION_TOKENS:]
    is_self = any(w in _SELF_SET for w in window) or any(
        pair in _SELF_PAIR_SET for pair in pairwise(window)
    )
    is_mention = any(w in _MENTION_EXACT or w.startswith(_MENTION_PREFIXES) for w in near)
    if hit.start and _SINGLE_RE.match(text[hit.start - 1]):
        before = text[max(sent, hit.start - 12) : hit.start]
        is_self = is_self or any(c in before for c in _CJK_SELF)
        is_mention = is_mention or any(c in before for c in _CJK_MENTION)
    if is_self:
        score += 2.0
    elif is_mention and not alone:
        score -= 2.0
    if hit.start / length > 0.8:
        score += 0.5
    if hit.via == "domain" and not text.startswith("@", hit.start - 1):
        score -= 0.5  # a link to the body's site is weaker than its address or its name
    return score


# --------------------------------------------------------------------------------------------
# module-level API
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load(path: Path) -> AuthorityRegistry:
    data = load_yaml_model(path, RegistryFile)
    try:
        return AuthorityRegistry(data)
    except re.error as exc:  # pragma: no cover - validated per pattern already
        raise PolicyError(f"pattern does not compile: {exc}", location=str(path)) from None


def load_authorities(path: Path | None = None) -> AuthorityRegistry:
    """Load (once) and compile the authority registry.

    Args:
        path: a registry file; the shipped ``data/reference/authorities.yaml`` when None.

    Raises:
        PolicyError: the file does not load strictly (the message names file and key).
    """
    return _load(AUTHORITIES_PATH if path is None else path.resolve())


def find_authorities(text: str) -> list[AuthorityMatch]:
    """Authorities named in ``text`` (one match each), the likely sender first.

    See :meth:`AuthorityRegistry.find`.
    """
    return load_authorities().find(text)


def lookup(name: str, country: str | None = None) -> AuthorityMatch | None:
    """The authority a typed name refers to. See :meth:`AuthorityRegistry.lookup`."""
    return load_authorities().lookup(name, country)
