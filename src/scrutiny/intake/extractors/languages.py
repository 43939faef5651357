"""Languages present in a letter (a letter can have two or more).

The text is split into paragraphs; URLs, e-mail addresses and redaction markers are left
out; each paragraph's language is detected by script (Han → ``zh``, kana → ``ja``, Hangul →
``ko``) or by lingua restricted to the languages intake supports. A language is present when
its paragraphs hold at least :data:`MIN_LETTERS` letters and :data:`MIN_SHARE` of the letter's
letters. The lingua detector is built once, lazily, and kept warm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from scrutiny.intake.extractors.base import Found

__all__ = ["MIN_LETTERS", "MIN_SHARE", "SUPPORTED", "Paragraphs", "detect_languages", "paragraphs"]

SUPPORTED = ("en", "ru", "zh", "es", "fr", "de", "tr", "pt", "it", "uk", "ar", "ja")
"""Languages lingua chooses among (ISO 639-1)."""

_LATIN = ("en", "es", "fr", "de", "tr", "pt", "it")
MIN_LETTERS = 40
MIN_SHARE = 0.08

_PARA = re.compile(r"\n[^\S\n]*\n\s*")
_NOISE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w.-]+|\[[^\]\n]{1,20}\]")
_NOISE_NO_AT = re.compile(r"(?:https?://|www\.)\S+|\[[^\]\n]{1,20}\]")
""":data:`_NOISE` for text without "@" (its e-mail branch, slow to try at every word, cannot
match there)."""
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LETTERS = re.compile(r"[^\W\d_]+")
SCRIPT_SAMPLE = 600
"""Characters of a paragraph whose script is counted (enough to tell scripts apart)."""
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
SAMPLE_CHARS = 200
"""Characters of a paragraph that lingua looks at (enough to tell languages apart)."""
LINGUA_MIN_LETTERS = 40
"""Latin-script paragraphs with fewer letters are not given to lingua (too short to tell
English from Spanish or Portuguese reliably; they count for no language)."""
"""Characters of a paragraph that lingua looks at (enough to tell languages apart)."""


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in SUPPORTED if c in _LATIN]
    # low-accuracy mode: trigram models only, loaded in 0.2 s instead of 4 s, twice as fast per
    # call, and as accurate as the full models on paragraph-length samples
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Paragraph boundaries of a text and the language of each."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    langs: tuple[str | None, ...]
    letters: tuple[int, ...]

    def lang_at(self, pos: int) -> str | None:
        """The language of the paragraph holding offset ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        return self.langs[i] if 0 <= i < len(self.langs) else None


_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _count_letters(text: str) -> int:
    """Letters in ``text`` (what :data:`_LETTERS` matches; ASCII: A–Z, a–z)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
    return len(text) - sum(map(len, _NOT_LETTERS.findall(text)))


def _paragraph_language(text: str) -> tuple[str | None, int]:
    if "@" in text:
        clean = _NOISE.sub(" ", text)
    elif "http" in text or "www." in text or "[" in text:
        clean = _NOISE_NO_AT.sub(" ", text)
    else:
        clean = text  # nothing the noise pattern (case-sensitive) could match
    letters = _count_letters(clean)
    if letters < 20:
        return None, letters
    sample = clean[:SCRIPT_SAMPLE]
    if sample.isascii():  # Latin script: no Han, kana, Hangul, Cyrillic or Arabic to count
        return _latin_language(clean, letters)
    sampled = _count_letters(sample) or 1
    han_share = len(_HAN.findall(sample)) / sampled
    if han_share > 0.3:
        # a Han character carries about as much as a short word: weigh it like 3 letters
        weight = letters + 2 * int(han_share * letters)
        if _KANA.search(sample):
            return "ja", weight
        return "zh", weight
    if len(_HANGUL.findall(sample)) / sampled > 0.3:
        return "ko", letters
    cyr = len(_CYRILLIC.findall(sample))
    if cyr / sampled > 0.5:
        return ("uk" if len(_UKRAINIAN.findall(sample)) > max(2, cyr // 100) else "ru"), letters
    if len(_ARABIC.findall(sample)) / sampled > 0.5:
        return "ar", letters
    return _latin_language(clean, letters)


def _latin_language(clean: str, letters: int) -> tuple[str | None, int]:
    if letters < LINGUA_MIN_LETTERS:
        return None, letters  # a heading, a sign-off: too short to tell Latin languages apart
    lang = _detector().detect_language_of(clean[:SAMPLE_CHARS])
    if lang is None:
        return None, letters
    return str(lang.iso_code_639_1.name).lower(), letters


def paragraphs(text: str) -> Paragraphs:
    """Split ``text`` into paragraphs and detect each one's language."""
    starts: list[int] = []
    ends: list[int] = []
    langs: list[str | None] = []
    letters: list[int] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _PARA.finditer(text)] + [(len(text), len(text))]
    for brk_start, brk_end in bounds:
        chunk = text[pos:brk_start]
        if chunk.strip():
            lang, n = _paragraph_language(chunk)
            starts.append(pos)
            ends.append(brk_start)
            langs.append(lang)
            letters.append(n)
        pos = brk_end
    return Paragraphs(tuple(starts), tuple(ends), tuple(langs), tuple(letters))


def detect_languages(paras: Paragraphs) -> list[Found[str]]:
    """Languages present, most text first, each with the spans of its paragraphs.

    Args:
        paras: the letter's paragraphs (see :func:`paragraphs`).
    """
    total = sum(paras.letters) or 1
    per: dict[str, list[int]] = {}
    for i, lang in enumerate(paras.langs):
        if lang:
            per.setdefault(lang, []).append(i)
    out: list[Found[str]] = []
    for lang, idx in per.items():
        n = sum(paras.letters[i] for i in idx)
        if n >= MIN_LETTERS and n / total >= MIN_SHARE:
            spans = tuple((paras.starts[i], paras.ends[i]) for i in idx)
            out.append(Found(lang, spans, round(min(1.0, 0.5 + n / total), 2), "languages"))
    out.sort(key=lambda f: -sum(e - s for s, e in f.spans))
    return out
