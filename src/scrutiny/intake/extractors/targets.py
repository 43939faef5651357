"""Targets: URLs, accounts, repositories, e-mail addresses, phone numbers, IP addresses.

URLs are normalised (scheme and host lower-cased, fragment and trailing punctuation dropped)
and deduplicated; on code-hosting sites a URL names an account (``github.com/user``), a
repository (``github.com/user/repo``) or a page inside one. Links to government sites, links
given for information ("available at", "download the app") and contact details (after
"Tel:", "E-mail:") are not targets. A redaction marker such as ``[private]`` counts as a
target only where it clearly stands for one: right after a target noun ("link(s):",
"the user") or alone on a line of a list of targets. A letter in two languages lists its
targets twice, so redacted targets are counted per language and the largest count kept.
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict

from scrutiny.demands.model import Target
from scrutiny.demands.vocab import TargetKind
from scrutiny.intake.anchored import AnchoredAlternation, fold
from scrutiny.intake.extractors.base import Found
from scrutiny.intake.lexicon import DATA_DIR, Hit

__all__ = [
    "TargetGrammar",
    "extract_targets",
    "is_government_host",
    "load_target_grammar",
    "normalise_url",
]


class TargetGrammar(BaseModel):
    """The schema of ``targets.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    source: str
    redaction_markers: list[str]
    target_nouns: list[str]
    account_nouns: list[str]
    code_hosts: dict[str, list[str]]
    pages_hosts: list[str]
    gov_suffixes: list[str]


@dataclass(frozen=True, slots=True)
class _Compiled:
    grammar: TargetGrammar
    marker: re.Pattern[str]
    noun_before: re.Pattern[str]
    account_window: AnchoredAlternation
    gov: tuple[str, ...]
    gov_cc: tuple[str, ...]
    bare: re.Pattern[str]
    bare_hosts: tuple[str, ...]


@cache
def load_target_grammar() -> TargetGrammar:
    """Load ``data/intake/targets.yaml`` (cached; strict)."""
    from scrutiny.policy.yamlload import load_yaml_model

    return load_yaml_model(DATA_DIR / "targets.yaml", TargetGrammar)


@cache
def _compiled() -> _Compiled:
    g = load_target_grammar()
    marker = re.compile(r"\[\s*(?:" + "|".join(g.redaction_markers) + r")\s*\]", re.I)
    nouns = "|".join(g.target_nouns)
    noun_before = re.compile(rf"(?:{nouns})[^\S\n]*[:：]?[^\S\n]*\(?[^\S\n]*$", re.I)
    acc = "|".join(g.account_nouns)
    account_window = AnchoredAlternation([("w", rf"(?:{acc})\b[^.\n。]{{0,80}}")], re.I)
    gov = tuple(s for s in g.gov_suffixes if "{cc}" not in s)
    gov_cc = tuple(s.split(".", 1)[0] for s in g.gov_suffixes if "{cc}" in s)
    hosts = sorted({*g.code_hosts, *g.pages_hosts, *(f"gist.{h}" for h in g.code_hosts)},
                   key=len, reverse=True)
    host_alt = "|".join(re.escape(h) for h in hosts)
    path = r"(?:/[^\s<>\"'«»「」，。、；\]\[|]*)?"
    bare = re.compile(rf"(?<![\w./@:-])((?:[\w-]+\.)*(?:{host_alt}){path})", re.I)
    return _Compiled(g, marker, noun_before, account_window, gov, gov_cc, bare,
                     tuple(fold(h.lower()) for h in hosts))


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»「」，。、；\]\[|]+", re.I)
_TRAIL = ".,;:!?'\"»”’)]}…*"
_URL_STARTS = ("http", "www.")
_IPV4_HINT = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
"""In every IPv4 address: found by a fast scan (a digit starts it), else the slower
pattern (a look-behind starts it) need not run."""
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])", re.I)
_PHONE = re.compile(r"(?<![\w+])\+\d[\d\s().\-]{6,18}\d(?!\d)")
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{2,30})\b(?!\.\w)")
_QUOTED_NAME = re.compile(r"[‘'\"“«]([A-Za-z0-9][\w.\-]{1,38})[’'\"”»]")
_NEWLINE = re.compile("\n")
_CONTACT = re.compile(
    r"(?:e-?mail|email|tel\.?|phone|telephone|fax|mobile|contact|тел\.?|телефон|факс|почта|"
    r"电话|传真|邮箱|teléfono|correo|téléphone|courriel|telefon|e-posta|telefone)\s*(?:no\.?)?"
    r"\s*[:：]?[^\n]{0,12}$",
    re.I,
)


def normalise_url(raw: str) -> str:
    """Normalise a URL for comparison and display.

    Lower-cases scheme and host, adds ``https://`` to ``www.`` forms, drops the fragment,
    default ports and a trailing slash on the path.

    Args:
        raw: the URL as written (trailing punctuation already stripped).
    """
    if raw.lower().startswith("www."):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return raw
    netloc = host
    if port and not ((parts.scheme == "http" and port == 80)
                     or (parts.scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


def is_government_host(host: str) -> bool:
    """Whether a host name belongs to a government (``rkn.gov.ru``, ``x.gob.es``, ``.gov``)."""
    comp = _compiled()
    host = host.lower().rstrip(".")
    labels = host.split(".")
    for suffix in comp.gov:
        if host == suffix or host.endswith("." + suffix):
            return True
    return len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in comp.gov_cc


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _url_target(url: str) -> Target:
    comp = _compiled()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    bare = host[4:] if host.startswith("www.") else host
    segments = [s for s in parts.path.split("/") if s]
    reserved = comp.grammar.code_hosts.get(bare)
    if reserved is not None and segments and segments[0].lower() not in reserved:
        if len(segments) == 1:
            return Target(kind=TargetKind.ACCOUNT, value=f"{bare}/{segments[0]}")
        if len(segments) == 2:
            return Target(kind=TargetKind.REPOSITORY, value=f"{bare}/{segments[0]}/{segments[1]}")
    return Target(kind=TargetKind.URL, value=url)


def _paragraph_start(text: str, pos: int) -> int:
    brk = text.rfind("\n\n", 0, pos)
    brk2 = text.rfind("\n \n", 0, pos)
    return max(brk, brk2, 0)


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def extract_targets(
    text: str,
    info_cues: list[Hit],
    lang_at: Callable[[int], str | None],
    region: str | None = None,
) -> tuple[list[Found[Target]], list[Found[str]]]:
    """Targets and contact details of a letter.

    Args:
        text: the original text (line structure matters here).
        info_cues: ``info_link`` cue hits, with offsets in ``text``.
        lang_at: the language of the paragraph at an offset.
        region: the letter's country, used to read national phone numbers.

    Returns:
        ``(targets, contacts)``: targets with spans; contact e-mails/phones (values only).
    """
    comp = _compiled()
    targets: dict[str, Found[Target]] = {}
    contacts: list[Found[str]] = []
    url_spans: list[tuple[int, int]] = []
    hosts: set[str] = set()

    def add(t: Target, span: tuple[int, int], conf: float) -> None:
        key = f"{t.kind}:{t.value.lower()}"
        if key in targets:
            old = targets[key]
            targets[key] = Found(old.value, (*old.spans, span), old.confidence, old.extractor)
        else:
            targets[key] = Found(t, (span,), conf, "targets")

    info_ends = [h.end for h in info_cues]
    consumed: set[int] = set()
    folded = fold(text.lower())
    if len(folded) != len(text):  # a character whose lower case is longer (İ): scan all
        folded = ""
    candidates = [(m.start(), m.group(), "") for m in _urls(text, folded)]
    covered = [(s, s + len(r)) for s, r, _ in candidates]
    candidates += [(m.start(1), m.group(1), "https://") for m in _bare_urls(text, folded, comp)
                   if not any(s <= m.start(1) < e for s, e in covered)]
    for start, found_raw, scheme in sorted(candidates):
        raw = _strip_trailing(found_raw)
        if len(raw) < 8:
            continue
        end = start + len(raw)
        url_spans.append((start, end))
        url = normalise_url(scheme + raw)
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not host or "." not in host or is_government_host(host):
            continue
        para = _paragraph_start(text, start)
        if any(para <= e <= start and start - e < 250 for e in info_ends):
            continue
        marker = comp.marker.match(text, end)
        if marker is not None:  # "https://github.com/[private]": a redacted target
            consumed.add(marker.start())
            add(Target(kind=TargetKind.URL, value=raw + marker.group(), redacted=True),
                (start, marker.end()), 0.7)
            continue
        bare_host = host[4:] if host.startswith("www.") else host
        if not parts.path and not parts.query and bare_host in comp.grammar.code_hosts:
            continue  # the platform itself, not a target
        hosts.add(bare_host)
        add(_url_target(url), (start, end), 0.95)

    # a bare host mention of a site already targeted by a longer URL is the same target
    for key, found in list(targets.items()):
        t = found.value
        if t.kind is TargetKind.URL:
            parts = urlsplit(t.value)
            h = (parts.hostname or "").lower()
            h = h[4:] if h.startswith("www.") else h
            if not parts.path and not parts.query and any(
                k != key and (urlsplit(o.value.value if o.value.kind is TargetKind.URL
                                       else "https://" + o.value.value).hostname or ""
                              ).lower().removeprefix("www.") == h
                for k, o in targets.items()
            ):
                del targets[key]

    def in_url(pos: int) -> bool:
        return any(s <= pos < e for s, e in url_spans)

    def contact_context(pos: int) -> bool:
        line_start = text.rfind("\n", 0, pos) + 1
        return bool(_CONTACT.search(text[max(line_start, pos - 60):pos]))

    for m in _emails(text):
        if in_url(m.start()):
            continue
        domain = m.group().rsplit("@", 1)[1].lower()
        if contact_context(m.start()) or is_government_host(domain):
            contacts.append(Found(m.group(), ((m.start(), m.end()),), 0.9, "targets"))
        else:
            add(Target(kind=TargetKind.EMAIL, value=m.group().lower()), m.span(), 0.85)

    for m in _IPV4.finditer(text) if _IPV4_HINT.search(text) else ():
        if in_url(m.start()):
            continue
        try:
            ip = ipaddress.ip_address(m.group())
        except ValueError:
            continue
        add(Target(kind=TargetKind.IP, value=str(ip)), m.span(), 0.9)
    if "::" in text or text.count(":") > 6:
        for m in _IPV6.finditer(text):
            if in_url(m.start()):
                continue
            try:
                ip6 = ipaddress.ip_address(m.group())
            except ValueError:
                continue
            add(Target(kind=TargetKind.IP, value=str(ip6)), m.span(), 0.85)

    if "+" in text:
        import phonenumbers

        for m in _starting_at(_PHONE, text, "+"):
            if in_url(m.start()):
                continue
            try:
                num = phonenumbers.parse(m.group(), region)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(num):
                continue
            e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            cc = phonenumbers.region_code_for_number(num) or ""
            if contact_context(m.start()):
                contacts.append(Found(e164, (m.span(),), 0.9, "targets", {"country": cc}))
            else:
                targets_key = Target(kind=TargetKind.PHONE, value=e164)
                add(targets_key, m.span(), 0.8)

    for m in _starting_at(_HANDLE, text, "@"):
        if in_url(m.start()):
            continue
        add(Target(kind=TargetKind.ACCOUNT, value="@" + m.group(1)), m.span(), 0.6)

    # account names in quotes after an account noun ("the users 'abc' and 'xyz'")
    known_accounts = {t.value.value.rsplit("/", 1)[-1].lower()
                      for t in targets.values() if t.value.kind is TargetKind.ACCOUNT}
    known_paths = {seg.lower() for t in targets.values()
                   for seg in t.value.value.split("/")}
    for w in comp.account_window.finditer(text):
        for q in _QUOTED_NAME.finditer(w.group()):
            name = q.group(1)
            if name.lower() in known_accounts or name.lower() in known_paths:
                continue
            s = w.start() + q.start(1)
            add(Target(kind=TargetKind.ACCOUNT, value=name), (s, s + len(name)), 0.6)
            known_accounts.add(name.lower())

    _redacted(text, comp, url_spans, lang_at, targets, consumed)
    return list(targets.values()), contacts


def _occurrences(folded: str, needles: tuple[str, ...]) -> list[int]:
    """Start offsets of every occurrence of each needle in ``folded``, in order."""
    out = []
    for needle in needles:
        i = folded.find(needle)
        while i >= 0:
            out.append(i)
            i = folded.find(needle, i + 1)
    return sorted(out)


def _urls(text: str, folded: str) -> Iterator[re.Match[str]]:
    """``_URL.finditer(text)``: every match starts with "http" or "www." (any case), so only
    their occurrences in ``folded`` (``text`` lower-cased and folded; "" to scan all) are
    tried."""
    if not folded:
        yield from _URL.finditer(text)
        return
    pos = 0
    for at in _occurrences(folded, _URL_STARTS):
        if at >= pos:
            m = _URL.match(text, at)
            if m is not None:
                yield m
                pos = m.end()


def _bare_urls(text: str, folded: str, comp: _Compiled) -> Iterator[re.Match[str]]:
    """``comp.bare.finditer(text)``, tried only where a match can start.

    A match is ``(sub.)*host/path``: its subdomains are a run of word characters, dots and
    hyphens ending at a host name, so it starts inside the run that ends at one of the host
    occurrences. Those positions are tried in order (the plain scan tries the pattern at
    every position of the letter).
    """
    if not folded:
        yield from comp.bare.finditer(text)
        return
    pos = 0
    tried = -1
    match = comp.bare.match
    for at in _occurrences(folded, comp.bare_hosts):
        if at < pos:
            continue
        start = at
        floor = max(pos, tried + 1)  # positions before were tried already (each once)
        while start > floor and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
            start -= 1
        for p in range(start, at + 1):
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()
                break
        tried = max(tried, at)


def _starting_at(pattern: re.Pattern[str], text: str, char: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches start with ``char``: tried
    only at its occurrences."""
    pos = 0
    at = text.find(char)
    while at >= 0:
        if at >= pos:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                pos = m.end()
        at = text.find(char, at + 1)


def _emails(text: str) -> Iterator[re.Match[str]]:
    """``_EMAIL.finditer(text)``, tried only where an address can start.

    An address is a run of ``[\\w.+-]`` characters, "@" and a domain, and must not follow
    such a character: so it starts exactly where the run before an "@" starts.
    """
    pos = 0
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        if start >= pos and start < at:
            m = _EMAIL.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
        at = text.find("@", max(at + 1, pos))


def _redacted(text: str, comp: _Compiled, url_spans: list[tuple[int, int]],
              lang_at: Callable[[int], str | None],
              targets: dict[str, Found[Target]], consumed: set[int]) -> None:
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    url_lines = {bisect_right(newlines, s) for s, _ in url_spans}
    counted: list[tuple[int, int]] = []
    counted_lines: set[int] = set()
    last_end = -10
    for m in comp.marker.finditer(text):
        start, end = m.span()
        if start in consumed:
            last_end = end
            continue
        if counted and start - last_end <= 4 and \
                re.fullmatch(r"[^\S\n]*\([^\S\n]*", text[last_end:start]):
            last_end = end  # "[private] ([private])": one target named twice
            continue
        line_start, line_end = _line(text, start)
        before = text[line_start:start]
        after = text[end:line_end]
        ok = bool(comp.noun_before.search(before[-80:]))
        if not ok and re.fullmatch(r"\s*(?:\d{1,3}[.)]|[-*•])?\s*", before) and \
                re.fullmatch(r"[\s.,;]*", after):
            lineno = bisect_right(newlines, line_start)
            neighbours = _neighbour_lines(text, line_start, line_end, lineno)
            # a list of targets: next to a target URL, to a counted marker, or under a
            # heading that ends with a target noun ("The following URLs:")
            ok = any(n in url_lines or n in counted_lines for n in neighbours) or (
                bool(neighbours) and neighbours[0] < lineno
                and _heading(text, newlines, neighbours[0], comp))
        if ok:
            counted.append((start, end))
            counted_lines.add(bisect_right(newlines, start))
        last_end = end
    if not counted:
        return
    by_lang: dict[str | None, list[tuple[int, int]]] = {}
    for span in counted:
        by_lang.setdefault(lang_at(span[0]), []).append(span)
    best = max(by_lang.values(), key=len)
    for i, span in enumerate(best):
        targets[f"redacted:{i}"] = Found(
            Target(kind=TargetKind.OTHER, value=text[span[0]:span[1]], redacted=True),
            (span,), 0.6, "targets")


def _heading(text: str, newlines: list[int], lineno: int, comp: _Compiled) -> bool:
    """Whether line ``lineno`` ends with a target noun and a colon ("Links:")."""
    start = newlines[lineno - 1] + 1 if lineno > 0 else 0
    end = newlines[lineno] if lineno < len(newlines) else len(text)
    line = text[start:end].rstrip()
    return line.endswith((":", "：")) and bool(comp.noun_before.search(line[-80:]))


def _neighbour_lines(text: str, line_start: int, line_end: int, lineno: int) -> list[int]:
    """Line numbers of the nearest non-blank lines before and after line ``lineno``."""
    out = []
    # previous non-blank
    pos = line_start - 1
    n = lineno
    while pos > 0:
        s = text.rfind("\n", 0, pos) + 1
        n -= 1
        if text[s:pos].strip():
            out.append(n)
            break
        pos = s - 1
    pos = line_end + 1
    n = lineno
    while pos < len(text):
        e = text.find("\n", pos)
        e = len(text) if e < 0 else e
        n += 1
        if text[pos:e].strip():
            out.append(n)
            break
        pos = e + 1
    return out
