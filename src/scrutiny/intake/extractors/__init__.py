"""Extractors: each reads a cleaned view of the letter and returns values with spans.

Every extractor is a pure function of the text (and, where stated, of facts found by an
earlier extractor such as the letter's country); none reads files other than the shipped
lexicons, and none touches the network, a database or the clock.
"""

from __future__ import annotations

from scrutiny.intake.extractors.base import Found

__all__ = ["Found"]
