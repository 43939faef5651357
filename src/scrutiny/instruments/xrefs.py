"""Cross-references and definitions: find them in the text and resolve them to node ids.

Recognised references: "Article 24", "Articles 2 through 5", "Article 24, paragraph 1",
"paragraph 1 of this article", "paragraph 1.a", "paragraphs a.i or ii above",
"sub-paragraph a.", "in accordance with article 15"; "section 12", "Sections 4(a) and 4(b)",
"subsection (2)", "subsections (1) and (2)", "paragraph (a)", "this section"/"this article";
"Chapter IV", "Part 3". A reference followed by "of the <other instrument>" ("Article 24 of
the Constitution", "section 5 of the Telecommunications Act 1999") is marked external.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrutiny.instruments.labels import roman_to_int
from scrutiny.instruments.model import CrossReference, Definition, Document, Kind, Provision

__all__ = ["extract_definitions", "extract_references", "link"]

_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*(?:through|to|–|-)\s*)"
_ART_ITEM = (r"\d+[A-Z]?(?:\.\d+)?(?:\.[a-z](?:\s+and\s+[a-z](?![a-z]))?\.?)?"
             r"(?:,?\s+paragraphs?\s+\d+(?:\.[a-z])?)?")
_ARTICLE_REF = re.compile(
    rf"\b(?:Articles?|articles?|Arts?\.)\s+(?P<list>{_ART_ITEM}(?:{_SEP}{_ART_ITEM})*)"
)
_ART_TOKEN = re.compile(
    r"(?P<sep>^|\s*(?:through|to|–|-)\s*|[^0-9]*?)(?P<num>\d+[A-Z]?)(?P<sub>(?:\.\d+)?"
    r"(?:\.[a-z](?:\s+and\s+[a-z](?![a-z]))?)?)\.?(?:,?\s+paragraphs?\s+(?P<para>\d+(?:\.[a-z])?))?"
)
_SEC_ITEM = r"\d+[A-Z]?(?:\s?\(\w{1,4}\))*"
_SECTION_REF = re.compile(
    rf"\b(?:Sections?|sections?|ss?\.)\s+(?P<list>{_SEC_ITEM}(?:{_SEP}{_SEC_ITEM})*)"
)
_SUB_ITEM = r"\(\w{1,4}\)(?:\s?\(\w{1,4}\))*"
_SUBSECTION_REF = re.compile(
    rf"\bsub-?sections?\s+(?P<list>{_SUB_ITEM}(?:{_SEP}{_SUB_ITEM})*)"
)
_PARA_ITEM = (r"(?:\d+(?:\(\w{1,4}\))+|\d+(?:\s?\.?\s?[a-z](?:\.[ivx]+)?\b)?"
              r"|\([a-z]{1,2}\)(?:\([ivx]+\))?|[a-z]\.(?:[ivx]+)?|[ivx]+\b)")
_PARAGRAPH_REF = re.compile(
    rf"\b(?P<sub>sub-?)?paragraphs?\s+(?P<list>{_PARA_ITEM}(?:{_SEP}{_PARA_ITEM})*)"
)
_DIVISION_REF = re.compile(r"\b(?P<word>Chapter|Part)\s+(?P<num>[IVXLC]+|\d+[A-Z]?)\b")
_SELF_REF = re.compile(r"\bthis (?P<word>[Aa]rticle|[Ss]ection|[Cc]hapter|Part)\b")
_EXTERNAL = re.compile(
    r"\s*,?\s*(?:of|under|in)\s+(?:the\s+)?(?!this\b|present\b|these\b|that\b|such\b|"
    r"paragraph|subsection|section|article)(?:[A-Z]|Republic|Chapter|Cap)"
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_RANGE = re.compile(r"(?P<a>\d+)\s*(?:through|to|–|-)\s*(?P<b>\d+)$")


def _items(listing: str) -> Iterator[str]:
    for part in _SPLIT.split(listing.strip()):
        part = part.strip().rstrip(".")
        if part:
            yield part


def _expand_numbers(listing: str) -> list[str]:
    out: list[str] = []
    for part in _items(listing):
        m = _RANGE.match(part)
        if m:
            a, b = int(m.group("a")), int(m.group("b"))
            if 0 < b - a < 200:
                out.extend(str(n) for n in range(a, b + 1))
                continue
        out.append(part)
    return out


def _sub_path(fragment: str) -> list[str]:
    """'1.a' -> ['1', 'a']; '1 a.ii' -> ['1', 'a', 'ii']; '(1)(a)' -> ['1', 'a']."""
    if "(" in fragment:
        lead = re.match(r"\s*(\d+[A-Z]?)\s*\(", fragment)
        return ([lead.group(1)] if lead else []) + re.findall(r"\((\w{1,4})\)", fragment)
    return [p for p in re.split(r"[\s.]+", fragment) if p]


def _find(doc: Document, node_id: str) -> str | None:
    return node_id if doc.get(node_id) is not None else None


def _under(doc: Document, base: Provision, path: list[str]) -> str | None:
    node_id = base.id + "".join(f"({p})" for p in path)
    return _find(doc, node_id)


def _ancestors(doc: Document, node: Provision) -> list[Provision]:
    chain = [node]
    while chain[-1].parent:
        parent = doc.get(chain[-1].parent)
        if parent is None:
            break
        chain.append(parent)
    return chain


def _top(doc: Document, node: Provision) -> Provision | None:
    for anc in _ancestors(doc, node):
        if anc.kind is Kind.PROVISION:
            return anc
        parent = doc.get(anc.parent) if anc.parent else None
        if anc.kind is Kind.PARAGRAPH and parent is not None and parent.kind is Kind.DIVISION:
            return anc  # a schedule paragraph
    return None


def _is_external(text: str, end: int) -> bool:
    return bool(_EXTERNAL.match(text, end))


def extract_references(doc: Document) -> list[CrossReference]:
    """Every cross-reference in the provisions' own text, resolved against ``doc``."""
    refs: list[CrossReference] = []
    text = doc.text
    divisions: dict[str, str] = {}
    for n in doc.walk():
        if n.kind is Kind.DIVISION:
            divisions.setdefault(n.label.lower(), n.id)
    for node in doc.walk():
        if node.kind not in (Kind.PROVISION, Kind.PARAGRAPH, Kind.CLAUSE):
            continue
        s0, s1 = node.text_span
        own = text[s0:s1]
        top = _top(doc, node)
        taken: list[tuple[int, int]] = []

        def add(m: re.Match[str], targets: list[str | None], external: bool = False,
                *, _node: Provision = node, _s0: int = s0,
                _taken: list[tuple[int, int]] = taken) -> None:
            span = (_s0 + m.start(), _s0 + m.end())
            if any(a < span[1] and span[0] < b for a, b in _taken):
                return
            _taken.append(span)
            resolved = tuple(t for t in targets if t)
            if not external and len(resolved) < len(targets):
                resolved = ()
            refs.append(CrossReference(_node.id, span, m.group(0).strip(), resolved, external))

        for m in _ARTICLE_REF.finditer(own):
            external = _is_external(own, m.end())
            if doc.prefix != "art":
                external = external or not re.search(r"\s*of this", own[m.end():m.end() + 9])
            targets: list[str | None] = []
            if not external:
                targets = _article_targets(doc, m.group("list"))
            add(m, targets, external)
        if doc.prefix == "s":
            for m in _SECTION_REF.finditer(own):
                external = _is_external(own, m.end())
                targets = []
                if not external:
                    for item in _expand_numbers(m.group("list")):
                        num = re.match(r"\d+[A-Z]?", item)
                        if num is None:
                            targets.append(None)
                            continue
                        sec = doc.get(f"s {num.group(0)}")
                        if sec is None:
                            targets.append(None)
                            continue
                        rest = re.findall(r"\((\w{1,4})\)", item)
                        targets.append(_under(doc, sec, rest) if rest else sec.id)
                add(m, targets, external)
            for m in _SUBSECTION_REF.finditer(own):
                if _is_external(own, m.end()) or top is None:
                    add(m, [], True)
                    continue
                base = top
                after = own[m.end():m.end() + 40]
                sm = re.match(r"\s*of section (\d+[A-Z]?)", after)
                if sm:
                    base = doc.get(f"s {sm.group(1)}") or top
                targets = [_under(doc, base, path) for path in _continued(m.group("list"))]
                add(m, targets)
        for m in _PARAGRAPH_REF.finditer(own):
            if top is None or _is_external(own, m.end()):
                continue
            targets = []
            for item in _expand_paragraph_items(m.group("list")):
                targets.append(_resolve_paragraph(doc, node, top, item, bool(m.group("sub"))))
            add(m, targets)
        for m in _DIVISION_REF.finditer(own):
            if _is_external(own, m.end()):
                continue
            label = f"{m.group('word')} {m.group('num')}"
            found = divisions.get(label.lower())
            if found:
                add(m, [found])
        for m in _SELF_REF.finditer(own):
            word = m.group("word").lower()
            if top is None:
                continue
            if word == "article" or (word == "section" and doc.prefix == "s"):
                add(m, [top.id])
                continue
            # "this Section" of a treaty, "this chapter", "this Part": the enclosing division
            enclosing = [a for a in _ancestors(doc, top)
                         if a.kind is Kind.DIVISION and a.label.lower().startswith(word)]
            if enclosing:
                add(m, [enclosing[0].id])
    refs.sort(key=lambda r: r.span)
    return refs


def _article_targets(doc: Document, listing: str) -> list[str | None]:
    """Resolve "2 through 5, 7, 8, and 9.1.a and c" / "6, paragraph 1.b" to node ids."""
    targets: list[str | None] = []
    prev: int | None = None
    for m in _ART_TOKEN.finditer(listing):
        num = m.group("num")
        sep = m.group("sep") or ""
        if prev is not None and re.search(r"through|to|–|-", sep) and num.isdigit():
            for n in range(prev + 1, int(num)):
                targets.append(_find(doc, f"art {n}"))
        prev = int(num) if num.isdigit() else None
        art = doc.get(f"art {num}")
        if art is None:
            targets.append(None)
            continue
        sub = [p for p in re.split(r"[.\s]+", m.group("sub")) if p and p != "and"]
        if m.group("para"):
            sub = _sub_path(m.group("para")) + sub
        if len(sub) >= 2 and len(sub[-1]) == 1 and len(sub) > 2:
            # "9.1.a and c": two sub-paragraphs of the same paragraph
            targets.append(_under(doc, art, sub[:-1]))
            targets.append(_under(doc, art, [*sub[:-2], sub[-1]]))
            continue
        targets.append(_under(doc, art, sub) if sub else art.id)
    return targets


def _continued(listing: str) -> list[list[str]]:
    """'(1)(a) or (b)' -> [['1','a'], ['1','b']]: a short item continues the previous one."""
    out: list[list[str]] = []
    for item in _items(listing):
        path = _sub_path(item)
        if out and len(path) == 1 and len(out[-1]) > 1 \
                and path[0][:1].isdigit() != out[-1][0][:1].isdigit():
            path = out[-1][:-1] + path
        out.append(path)
    return out


def _expand_paragraph_items(listing: str) -> list[str]:
    if "(" in listing:
        return ["(" + ")(".join(p) + ")" if not p[0].isdigit() else
                p[0] + "".join(f"({x})" for x in p[1:]) for p in _continued(listing)]
    items = list(_items(listing))
    out: list[str] = []
    for item in items:
        m = re.match(r"(\d+)\.([a-z])\s*(?:through|to)\s*\d+\.([a-z])$", item)
        if m:
            first, last = ord(m.group(2)), ord(m.group(3))
            out.extend(f"{m.group(1)}.{chr(c)}" for c in range(first, last + 1))
            continue
        out.extend(_expand_numbers(item))
    # "a.i or ii": a bare roman numeral continues the previous item's letter
    fixed: list[str] = []
    for item in out:
        if fixed and re.fullmatch(r"[ivx]+", item) and "." in fixed[-1]:
            fixed.append(fixed[-1].rsplit(".", 1)[0] + "." + item)
        else:
            fixed.append(item)
    return fixed


def _resolve_paragraph(doc: Document, node: Provision, top: Provision, item: str,
                       sub: bool) -> str | None:
    path = _sub_path(item)
    if not path:
        return None
    if path[0].isdigit() and not sub:
        found = _under(doc, top, path)
        if found is None and top.parent and top.parent.startswith("sch"):
            found = _find(doc, f"{top.parent} {path[0]}")  # "paragraph 8" of a schedule
            if found and len(path) > 1:
                found = _find(doc, found + "".join(f"({p})" for p in path[1:]))
        if found is not None:
            return found
    # lettered or roman: look in the nearest enclosing node that has such a child
    for anc in _ancestors(doc, node):
        found = _under(doc, anc, path)
        if found:
            return found
        if anc is top:
            break
    for desc in top.walk():  # "sub-paragraph a." of a sibling paragraph
        found = _under(doc, desc, path)
        if found:
            return found
    if roman_to_int(path[0]) is not None:
        return None
    return None


_DEF_QUOTED = re.compile(
    r"[“\"](?P<term>[^”\"\n]{1,80})[”\"]\s*"
    r"(?:,\s*(?:in relation to|with respect to)[^,]{1,80},\s*)?"
    r"(?:means|includes|shall mean|shall include|refers to|has the meaning)\b"
)
_DEF_BARE = re.compile(r"^(?P<term>[A-Z][A-Za-z’'\- ]{1,60}?)\s+(?:refers to|means)\b")
_DEF_TITLE = re.compile(r"definition|interpretation|use of terms|meaning", re.IGNORECASE)


def extract_definitions(doc: Document) -> list[Definition]:
    """Terms defined in the instrument ("“computer system” means", "Access refers to")."""
    out: list[Definition] = []
    seen: set[str] = set()
    for node in doc.walk():
        if node.kind not in (Kind.PROVISION, Kind.PARAGRAPH, Kind.CLAUSE):
            continue
        top = _top(doc, node)
        in_definitions = top is not None and bool(_DEF_TITLE.search(top.title))
        s0, s1 = node.text_span
        own = doc.text[s0:s1]
        for m in _DEF_QUOTED.finditer(own):
            term = m.group("term").strip()
            key = term.lower()
            if key in seen and not in_definitions:
                continue
            seen.add(key)
            out.append(Definition(term, node.id, (s0 + m.start(), s1),
                                  (s0 + m.start("term"), s0 + m.end("term"))))
        if in_definitions:
            m2 = _DEF_BARE.match(own)
            if m2:
                term = m2.group("term").strip()
                seen.add(term.lower())
                out.append(Definition(term, node.id, (s0, s1),
                                      (s0 + m2.start("term"), s0 + m2.end("term"))))
    return out


def link(doc: Document) -> Document:
    """Fill ``doc.references`` and ``doc.definitions``; returns the same document."""
    doc.references = extract_references(doc)
    doc.definitions = extract_definitions(doc)
    return doc
