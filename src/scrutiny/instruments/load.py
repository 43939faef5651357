"""Read, parse and link an instrument: from a file or a shipped name to a Document."""

from __future__ import annotations

from pathlib import Path

from scrutiny.errors import InputError
from scrutiny.instruments.model import Document
from scrutiny.instruments.parser import parse_text
from scrutiny.instruments.readers import read_source
from scrutiny.instruments.shipped import resolve_shipped, shipped_instruments
from scrutiny.instruments.xrefs import link

__all__ = ["load_document", "load_instrument", "parse_document"]


def parse_document(text: str, name: str = "document", source_format: str = "txt",
                   path: str | None = None) -> Document:
    """Parse ``text`` and resolve its cross-references and definitions."""
    return link(parse_text(text, name=name, source_format=source_format, path=path))


def load_document(path: Path, name: str | None = None) -> Document:
    """Read a file (.txt, .md, .pdf, .html, .docx) and parse it."""
    source = read_source(path)
    return parse_document(source.text, name=name or path.stem, source_format=source.format,
                          path=str(path))


def load_instrument(ref: str) -> Document:
    """A shipped instrument by name, or a file by path.

    Raises:
        InputError: neither a shipped name nor an existing file.
    """
    names = {i.name for i in shipped_instruments()} | {
        a for i in shipped_instruments() for a in i.aliases}
    if ref.lower().removesuffix(".txt") in names and not Path(ref).exists():
        inst = resolve_shipped(ref)
        return load_document(inst.path, name=inst.name)
    path = Path(ref)
    if not path.exists():
        raise InputError("no such file and no shipped instrument of that name", location=ref,
                         hint="run `scrutiny instruments` to list the shipped names")
    return load_document(path)
