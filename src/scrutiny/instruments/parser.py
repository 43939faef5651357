"""Recover the structure of a treaty or a national law from its text.

Drafting styles recognised (detected from the text, one per document):

* ``treaty``: ``Article N`` on its own line (or ``Art. N``, ``Article N – Title``), title on
  the next line, paragraphs ``1.``, sub-paragraphs ``a)``/``(a)``, ``(i)``; ``Chapter``,
  ``Section`` and ``Title`` lines as divisions; a ``Preamble``; final clauses.
* ``section-dash``: ``Section N. Title. – text`` (Philippine style), divisions ``Chapter N``.
* ``numbered``: a heading line ``N. Title`` (``46A.`` too) then the text, subsections
  ``(1)``, paragraphs ``(a)``/``(i)`` inline or on their own lines, divisions ``Part N``,
  then a ``Schedule`` whose numbered paragraphs are not sections.

The parser is line based and never changes the text: each node records offsets into it.
Labelled items that stand inline after ``—``, ``:`` or ``;`` (``…requires— (a) …; (b) …``)
become child nodes too, but only when their labels continue a list, so cross-references
such as "subsection (1)" are never mistaken for items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrutiny.errors import InputError
from scrutiny.instruments.labels import LABEL_AT_START, candidates, is_first, is_successor
from scrutiny.instruments.model import Document, Kind, Provision

__all__ = ["WRAPPED_FORMATS", "detect_style", "parse_text"]

WRAPPED_FORMATS = frozenset({"pdf"})
"""Formats whose lines are wrapped by the page layout: a plain line after a line that does
not end with ``.``, ``;`` or ``:`` continues it, and bare page numbers are not text."""

_HEADER_LINE = re.compile(r"# [a-z][a-z0-9_]*: ")
_MD = r"(?:#{1,6}\s+)?(?:\*\*|__)?"
_MD_END = r"(?:\*\*|__)?"
_DIVISION = re.compile(
    _MD + r"(?P<word>Part|PART|Chapter|CHAPTER|Title|TITLE|Section|SECTION|Book|BOOK|"
    r"Division|DIVISION|Subpart|SUBPART)\s+(?P<num>[IVXLCDM]+|\d+[A-Z]?)\.?" + _MD_END + r"\s*$"
)
_SCHEDULE = re.compile(_MD + r"(?P<word>SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)"
                       r"(?P<rest>\b.{0,80})$")
_ARTICLE = re.compile(
    _MD + r"(?:Article|ARTICLE|Art\.)\s+(?P<num>\d+[A-Za-z]*)" + _MD_END
    + r"(?:\s*(?:[.:]|[–—-])\s*(?P<title>\S.*?))?\s*$"
)
_SECTION_DASH = re.compile(
    _MD + r"(?:Section|SECTION|Sec\.|SEC\.|§)\s*(?P<num>\d+[A-Za-z]*)\.\s+(?P<rest>\S.*)$"
)
_NUMBERED = re.compile(_MD + r"(?P<num>\d+[A-Z]*)\.\s+(?P<rest>\S.*)$")
_TITLE_DASH = re.compile(r"(?P<title>[^.–—]{1,160}?)\.?\s+[–—]\s*(?P<text>.*)$")
_PARA_TITLE = re.compile(r"(?P<title>[A-Z][^.–—:;]{1,80}?)\.?\s+[–—]\s*")
_SHORT_TITLE = re.compile(r"[A-Z][\w’'-]*(?: [\w’'-]+){0,5}\.")
_PAGE_FURNITURE = re.compile(
    r"(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?|(?:Page|page) \d+(?: of \d+)?|\d+/\d+")
_PREAMBLE = re.compile(_MD + r"(?:Preamble|PREAMBLE)" + _MD_END + r"\s*$")
_FINAL = re.compile(r"(?:IN WITNESS WHEREOF|In witness whereof|DONE at|Done at|Approved[,:]|"
                    r"\(Sgd\.\))")
_INLINE_LABEL = re.compile(
    r"(?P<pre>— ?|—|– |: ?|; (?:and |or )?|, (?:and|or) )"
    r"\((?P<v>\d{1,3}[A-Z]?|[a-z]{1,2}|[ivxlc]{1,6})\)\s"
)

_DIVISION_ORDER = {"book": 0, "part": 1, "chapter": 2, "section": 3, "subpart": 4,
                   "title": 5, "division": 6}


def detect_style(lines: list[str]) -> str:
    """The drafting style of a document (see the module docstring)."""
    articles = sum(1 for ln in lines if _ARTICLE.match(ln))
    dashes = sum(1 for ln in lines if _SECTION_DASH.match(ln))
    numbered = sum(1 for ln in lines if _NUMBERED.match(ln) and not ln[0].isspace())
    if articles >= max(1, dashes):
        return "treaty"
    if dashes >= 1:
        return "section-dash"
    if numbered >= 1:
        return "numbered"
    return "treaty"


def _is_title_line(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 160 and not s.endswith((".", ";", ":", ",")) \
        and not LABEL_AT_START.match(s + " ")


@dataclass
class _Level:
    kind: str
    value: str
    node: Provision


@dataclass
class _Builder:
    text: str
    style: str
    prefix: str
    nodes: list[Provision] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    divisions: list[tuple[int, Provision]] = field(default_factory=list)
    provision: Provision | None = None
    container: Provision | None = None  # preamble, schedule, final
    levels: list[_Level] = field(default_factory=list)
    last: Provision | None = None
    ids: set[str] = field(default_factory=set)
    mode: str = "front"  # front, preamble, body, final, schedule
    pending_title: Provision | None = None
    counters: dict[str, int] = field(default_factory=dict)
    closed: _Level | None = None  # the list level a flush-left clause closed

    # -- helpers ---------------------------------------------------------------------------
    def _unique(self, node_id: str) -> str:
        base, n = node_id, 2
        while node_id in self.ids:
            node_id = f"{base}#{n}"
            n += 1
        self.ids.add(node_id)
        return node_id

    def _add(self, node: Provision, parent: Provision | None) -> Provision:
        node.id = self._unique(node.id)
        if parent is None:
            self.nodes.append(node)
        else:
            node.parent = parent.id
            parent.children.append(node)
        self.last = node
        return node

    def _division_parent(self) -> Provision | None:
        return self.divisions[-1][1] if self.divisions else None

    def _next(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    # -- structural lines ------------------------------------------------------------------
    def division(self, word: str, num: str, start: int, text_span: tuple[int, int]) -> None:
        rank = _DIVISION_ORDER.get(word.lower(), 6)
        while self.divisions and self.divisions[-1][0] >= rank:
            self.divisions.pop()
        parent = self._division_parent()
        path = f"{parent.id}/" if parent is not None else ""
        node = Provision(id=f"{path}{word.lower()} {num}", kind=Kind.DIVISION, span=(start, start),
                         text_span=text_span, label=f"{word} {num}", number=num)
        self._add(node, parent)
        self.divisions.append((rank, node))
        self.provision, self.container, self.levels = None, None, []
        self.pending_title = node
        self.mode = "body"

    def schedule(self, label: str, start: int, text_span: tuple[int, int]) -> None:
        self.divisions = []
        n = self._next("schedule")
        node = Provision(id="sch" if n == 1 else f"sch {n}", kind=Kind.DIVISION,
                         span=(start, start), text_span=text_span, label=label)
        self._add(node, None)
        self.divisions.append((-1, node))
        self.provision, self.container, self.levels = None, node, []
        self.pending_title = node
        self.mode = "schedule"

    def provision_start(self, num: str, label: str, start: int, title: str,
                        title_span: tuple[int, int] | None, text_span: tuple[int, int]) -> None:
        in_schedule = self.mode == "schedule" and self.container is not None
        parent = self.container if in_schedule else self._division_parent()
        if in_schedule and parent is not None:
            node_id = f"{parent.id} {num}"
            kind = Kind.PARAGRAPH
        else:
            node_id = f"{self.prefix} {num}"
            kind = Kind.PROVISION
            self.container = None
            if self.mode in ("front", "preamble"):
                self.mode = "body"
        node = Provision(id=node_id, kind=kind, span=(start, start), text_span=text_span,
                         label=label, number=num, title=title, title_span=title_span)
        self._add(node, parent)
        self.provision = node
        self.levels = []
        self.pending_title = node if not title and text_span[0] == text_span[1] else None

    def labelled(self, value: str, punct: str, start: int, label_end: int,
                 text_span: tuple[int, int], inline: bool = False, opener: bool = False,
                 base: Provision | None = None) -> bool:
        """Place a labelled paragraph; False if an inline label does not continue a list.

        ``opener``: the label follows "—" or ":", so a new list is the likelier reading.
        ``base``: the node an inline list belongs to when no list is open.
        """
        owner = base or self.provision or self.container
        kinds = candidates(value, punct)
        open_kinds = {lv.kind for lv in self.levels}
        chosen: tuple[int, str] | None = None  # (level index to pop to, kind); -1: new level
        if opener:  # "— (a)": a new list inside the node just read, whatever lists are open
            for kind in kinds:
                if is_first(kind, value) and (inline or kind not in open_kinds):
                    chosen = (-1, kind)
                    break
        if chosen is None:
            for i in range(len(self.levels) - 1, -1, -1):
                lv = self.levels[i]
                if lv.kind in kinds and is_successor(lv.kind, lv.value, value):
                    chosen = (i, lv.kind)
                    break
        if chosen is None:
            for kind in kinds:
                if is_first(kind, value) and kind not in open_kinds:
                    chosen = (-1, kind)
                    break
        closed = self.closed
        if chosen is None and closed is not None and closed.kind in kinds \
                and is_successor(closed.kind, closed.value, value):
            chosen = (-1, closed.kind)
        if chosen is None and inline:
            return False
        if chosen is None:
            for i in range(len(self.levels) - 1, -1, -1):
                lv = self.levels[i]
                if lv.kind in kinds:
                    chosen = (i, lv.kind)
                    where = owner.id if owner else "text"
                    self.diagnostics.append(
                        f"{where}: label {value!r} does not follow {lv.value!r}")
                    break
        if chosen is None:
            chosen = (-1, kinds[0])
            if owner is not None and not self.levels:
                self.diagnostics.append(f"{owner.id}: list starts at {value!r}")
        index, kind = chosen
        self.closed = None
        if index >= 0:
            parent_node = self.levels[index - 1].node if index > 0 else owner
            del self.levels[index:]
        else:
            parent_node = self.levels[-1].node if self.levels else owner
        if parent_node is None:  # a label outside any article: keep it as front matter
            node = Provision(id=f"front {self._next('front')}", kind=Kind.FRONT,
                             span=(start, start), text_span=text_span)
            self._add(node, None)
            return True
        label = self.text[start:label_end].strip()
        node = Provision(id=f"{parent_node.id}({value})", kind=Kind.PARAGRAPH,
                         span=(start, start), text_span=text_span, label=label, number=value)
        self._add(node, parent_node)
        self.levels.append(_Level(kind, value, node))
        self.pending_title = None
        return True

    def plain(self, start: int, text_span: tuple[int, int]) -> None:
        if self.mode == "final":
            self.divisions = []  # final clauses stand outside every division
            node = Provision(id=f"final {self._next('final')}", kind=Kind.FINAL,
                             span=(start, start), text_span=text_span)
            self._add(node, None)
            return
        if self.mode == "preamble" and self.container is not None:
            n = self._next("recital")
            node = Provision(id=f"pmbl {n}", kind=Kind.RECITAL, span=(start, start),
                             text_span=text_span, number=str(n))
            self._add(node, self.container)
            return
        owner = self.provision
        if owner is None and self.container is not None:
            owner = self.container
        if owner is None:
            parent = self._division_parent()
            node = Provision(id=f"front {self._next('front')}", kind=Kind.FRONT,
                             span=(start, start), text_span=text_span)
            self._add(node, parent)
            return
        if not self.levels and not owner.children and owner.text_span[0] == owner.text_span[1]:
            owner.text_span = text_span  # the first unlabelled line is the provision's text
            self.last = owner
            return
        # flush-left text after a list closes the innermost list
        parent = owner
        bullet = self.text[text_span[0]:text_span[0] + 2] in ("– ", "- ", "• ", "— ")
        if self.levels and bullet:
            parent = self.levels[-1].node
        elif self.levels:
            self.closed = self.levels.pop()
            parent = self.levels[-1].node if self.levels else owner
        count = sum(1 for c in parent.children if c.kind is Kind.CLAUSE)
        has_own = parent.text_span[0] != parent.text_span[1]
        n = count + (2 if has_own else 1)
        node = Provision(id=f"{parent.id} ¶{n}", kind=Kind.CLAUSE, span=(start, start),
                         text_span=text_span)
        self._add(node, parent)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


def _finish(nodes: list[Provision], end: int) -> None:
    """Set each node's span end: the next sibling's start, else the parent's end."""
    for i, node in enumerate(nodes):
        node_end = nodes[i + 1].span[0] if i + 1 < len(nodes) else end
        node.span = (node.span[0], node_end)
        _finish(node.children, node_end)


def parse_text(text: str, name: str = "document", source_format: str = "txt",
               path: str | None = None) -> Document:
    """Parse an instrument's text into a :class:`Document`.

    Args:
        text: the original text (kept unmodified in the result).
        name: a short name for the document.
        source_format: where the text came from (txt, md, pdf, html, docx).
        path: the file read, if any.

    Raises:
        InputError: no article, section or numbered provision could be found.
    """
    lines = text.splitlines(keepends=True)
    offsets: list[int] = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln)
    metadata: dict[str, list[str]] = {}
    b_index = 0
    while b_index < len(lines) and _HEADER_LINE.match(lines[b_index]):
        key, _, value = lines[b_index][2:].partition(": ")
        metadata.setdefault(key.strip(), []).append(value.strip())
        b_index += 1
    bare = [ln.rstrip("\r\n") for ln in lines]
    wrapped = source_format in WRAPPED_FORMATS
    style = detect_style(bare[b_index:])
    prefix = "art" if style == "treaty" else "s"
    b = _Builder(text=text, style=style, prefix=prefix)
    if b_index:
        b._add(Provision(id="header", kind=Kind.HEADER, span=(0, 0),
                         text_span=(0, offsets[b_index - 1] + len(bare[b_index - 1]))), None)

    for i in range(b_index, len(lines)):
        raw = bare[i]
        start = offsets[i]
        line = raw.strip()
        if not line:
            continue
        if wrapped and _PAGE_FURNITURE.fullmatch(line):
            continue  # page numbers of an extracted layout: no node of their own
        lead = len(raw) - len(raw.lstrip())
        s0 = start + lead
        span_all = _strip_span(text, s0, start + len(raw))

        if b.pending_title is not None:
            node = b.pending_title
            b.pending_title = None
            if node.kind is Kind.DIVISION and _is_title_line(line) and not (
                    _DIVISION.match(line) or _ARTICLE.match(line)
                    or (style != "treaty" and _NUMBERED.match(line))
                    or _SECTION_DASH.match(line)):
                node.title, node.title_span = line, span_all
                continue
            if node.kind is Kind.PROVISION and style == "treaty" and _is_title_line(line) \
                    and not _ARTICLE.match(line) and not _DIVISION.match(line):
                node.title, node.title_span = line, span_all
                continue

        if b.mode == "final" and not _SCHEDULE.match(line):
            b.plain(s0, span_all)
            continue
        if _PREAMBLE.match(line) and b.provision is None:
            node = Provision(id="pmbl", kind=Kind.PREAMBLE, span=(s0, s0), text_span=(s0, s0),
                             label=line)
            b._add(node, None)
            b.container, b.mode = node, "preamble"
            b.divisions = []  # a top-level node closes any open division
            continue
        m = _DIVISION.match(line)
        if m:
            b.division(m.group("word"), m.group("num"), s0, (s0, s0))
            continue
        m = _SCHEDULE.match(line)
        if m and (b.provision is not None or b.mode == "final"):
            b.schedule(line, s0, (s0, s0))
            continue
        if style == "treaty":
            m = _ARTICLE.match(line)
            if m:
                title = m.group("title") or ""
                tspan = None
                if title:
                    t0 = s0 + line.index(title, len("Article"))
                    tspan = (t0, t0 + len(title))
                b.provision_start(m.group("num"), line[:m.end("num")].lstrip("#* "), s0,
                                  title, tspan, (s0, s0))
                continue
        m = _SECTION_DASH.match(line) if style == "section-dash" else None
        if m is None and (style == "numbered" or b.mode == "schedule") and raw[:1].isdigit():
            m = _NUMBERED.match(line)
        if m is not None and (b.mode != "final"):
            num = m.group("num")
            rest_start = s0 + m.start("rest")
            rest = m.group("rest")
            title, tspan, body = "", None, (rest_start, rest_start)
            td = _TITLE_DASH.match(rest)
            if td and len(td.group("title")) < 160:
                title = td.group("title").strip()
                t0 = rest_start + td.start("title")
                tspan = (t0, t0 + len(title))
                body = _strip_span(text, rest_start + td.start("text"), start + len(raw))
            elif style == "numbered" or b.mode == "schedule":
                title, tspan = rest.strip(), _strip_span(text, rest_start, start + len(raw))
            else:
                body = _strip_span(text, rest_start, start + len(raw))
            label = line[:m.start("rest")].strip()
            b.provision_start(num, label, s0, title, tspan, body)
            if body[0] != body[1]:
                _inline(b, body)
            continue
        if _FINAL.match(line) and b.provision is not None:
            b.mode = "final"
            b.container = None
            b.plain(s0, span_all)
            continue
        lm = LABEL_AT_START.match(line)
        if lm and (b.provision is not None or b.container is not None) and b.mode != "preamble":
            _labelled_line(b, s0, line, lm, start + len(raw))
            continue
        last = b.last
        if wrapped and last is not None and last.kind not in (Kind.DIVISION, Kind.HEADER) \
                and last.text_span[1] > last.text_span[0] \
                and text[last.text_span[1] - 1] not in ".;:":
            last.text_span = (last.text_span[0], span_all[1])  # a line wrapped by the layout
            continue
        b.plain(s0, span_all)
        if b.last is not None and b.last.kind is not Kind.RECITAL:
            _inline(b, b.last.text_span)

    if b.nodes:  # leading blank lines and indentation belong to the first node
        first = b.nodes[0]
        first.span = (0, first.span[1])
    _finish(b.nodes, len(text))
    provisions = [n for n in b.nodes for n in n.walk() if n.kind is Kind.PROVISION]
    if not provisions:
        raise InputError("no structure found: no article, section or numbered provision",
                         location=path or name,
                         hint="headings must look like 'Article 5', 'Section 5. Title. –' or "
                              "'5. Title' on their own lines")
    doc = Document(name=name, text=text, nodes=b.nodes, metadata=metadata, style=style,
                   prefix=prefix, source_format=source_format, path=path,
                   diagnostics=b.diagnostics)
    return doc


def _labelled_line(b: _Builder, s0: int, line: str, lm: re.Match[str], line_end: int) -> None:
    value = lm.group("p") or lm.group("d")
    punct = "()" if lm.group("p") else lm.group("s")
    label_end = s0 + lm.end()
    body = _strip_span(b.text, label_end, line_end)
    # "3. a) text": a paragraph whose text starts with a sub-paragraph
    inner = LABEL_AT_START.match(line[lm.end():])
    if inner and punct == "." and (inner.group("p") or inner.group("s") == ")"):
        b.labelled(value, punct, s0, label_end, (label_end, label_end))
        s1 = label_end
        value2 = inner.group("p") or inner.group("d")
        punct2 = "()" if inner.group("p") else inner.group("s")
        end2 = s1 + inner.end()
        b.labelled(value2, punct2, s1, end2, _strip_span(b.text, end2, line_end))
        _inline(b, b.last.text_span if b.last else body)
        return
    b.labelled(value, punct, s0, label_end, body)
    node = b.last
    if node is None:
        return
    own = b.text[body[0]:body[1]]
    td = _PARA_TITLE.match(own) if b.style == "section-dash" else None
    if td:
        node.title = td.group("title")
        node.title_span = (body[0], body[0] + len(node.title))
        node.text_span = _strip_span(b.text, body[0] + td.end(), body[1])
    elif b.style == "section-dash" and _SHORT_TITLE.fullmatch(own):
        node.title = own.rstrip(".")
        node.title_span = (body[0], body[0] + len(node.title))
        node.text_span = (body[1], body[1])
    _inline(b, node.text_span)


def _inline(b: _Builder, span: tuple[int, int]) -> None:
    """Split inline lists ("— (a) …; (b) …") of the node just added into child nodes."""
    owner = b.last
    if owner is None:
        return
    seg = b.text[span[0]:span[1]]
    matches = list(_INLINE_LABEL.finditer(seg))
    if not matches:
        return
    on_stack = bool(b.levels) and b.levels[-1].node is owner
    saved = list(b.levels)
    if not on_stack:
        b.levels = []
    added: list[Provision] = []
    for m in matches:
        start = span[0] + m.start("v") - 1
        label_end = span[0] + m.end()
        opener = m.group("pre").strip() in ("—", ":", "–")
        if b.labelled(m.group("v"), "()", start, label_end, (label_end, label_end),
                      inline=True, opener=opener, base=owner) and b.last is not None:
            added.append(b.last)
    if not on_stack and owner.kind is not Kind.PROVISION:
        b.levels = saved
    b.last = owner if not added else added[-1]
    if not added:
        return
    added.sort(key=lambda n: n.span[0])
    owner.text_span = _strip_span(b.text, span[0], added[0].span[0])
    for i, node in enumerate(added):
        end = added[i + 1].span[0] if i + 1 < len(added) else span[1]
        node.text_span = _strip_span(b.text, node.text_span[0], end)
