"""A structured submission as a readable document with provenance.

A demand that arrives as structured data (portal form, JSON API) has no letter. So that the
reviewer sees the submission exactly as the authority made it — and every value where it
stands — it is rendered once, at receipt, into a plain-text document (``raw_text``) with a
provenance span for each field. Nothing is inferred: only what the authority entered appears.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from enum import Enum
from typing import Any

from scrutiny.demands.model import Demand, Span, Target
from scrutiny.demands.vocab import TargetKind

__all__ = ["PORTAL_HEADING", "guess_target", "with_submission_text"]

_EXTRACTOR = "portal-form"

_LABELS: tuple[tuple[str, str], ...] = (
    ("reference", "Reference"),
    ("date", "Date issued"),
    ("requester.authority", "Issuing authority"),
    ("requester.authority_kind", "Kind of authority"),
    ("requester.country", "State"),
    ("requester.validating_authority", "Validating authority"),
    ("requester.official_name", "Official"),
    ("requester.official_title", "Title"),
    ("requester.official_contact", "Contact"),
    ("addressee", "Addressed to"),
    ("demand_types", "Kind of demand"),
    ("actions", "Actions requested"),
    ("process_type", "Legal process"),
    ("treaty_channel", "Treaty route"),
    ("legal_bases", "Legal basis"),
    ("offence.text", "Offence"),
    ("offence.max_penalty", "Maximum penalty"),
    ("reason_categories", "Subject matter"),
    ("facts_summary", "Statement of reasons"),
    ("necessity_statement", "Necessity and proportionality"),
    ("targets", "Targets"),
    ("data_categories", "Data categories"),
    ("time_range.start", "Period from"),
    ("time_range.end", "Period to"),
    ("territorial_scope", "Territorial scope"),
    ("deadline.text", "Deadline"),
    ("emergency_justification", "Emergency grounds"),
    ("confidentiality_basis", "Non-disclosure basis"),
    ("confidentiality_until", "Non-disclosure until"),
    ("redress_info", "Redress"),
    ("recipient_agency", "Response to"),
    ("prior_preservation", "Prior preservation"),
    ("languages", "Languages"),
)

_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]{5,}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split()[0] if text.split() else text)
    except ValueError:
        return False
    return True


def guess_target(text: str) -> Target:
    """A target from one line: ``kind: value`` if a kind is given, else from its shape."""
    line = text.strip()
    head, sep, rest = line.partition(":")
    if sep and head.strip().lower() in {k.value for k in TargetKind} and not rest.startswith("//"):
        return Target(kind=TargetKind(head.strip().lower()), value=rest.strip())
    low = line.lower()
    if low.startswith(("http://", "https://")) or re.match(r"^[\w.-]+\.[a-z]{2,}/", low):
        kind = TargetKind.URL
    elif _EMAIL.match(line):
        kind = TargetKind.EMAIL
    elif _is_ip(line):
        kind = TargetKind.IP
    elif _PHONE.match(line):
        kind = TargetKind.PHONE
    else:
        kind = TargetKind.ACCOUNT
    return Target(kind=kind, value=line)


def _fmt(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _get(demand: Demand, path: str) -> Any:
    value: Any = demand
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


PORTAL_HEADING = "Demand submitted through the requesting-authority portal"


def with_submission_text(demand: Demand, heading: str = PORTAL_HEADING) -> Demand:
    """A copy of ``demand`` whose ``raw_text`` is the rendered submission, with provenance.

    A demand that already has ``raw_text`` (an uploaded letter) is returned unchanged.

    Args:
        demand: the structured demand.
        heading: the first line of the rendered document (says how it arrived).
    """
    if demand.raw_text:
        return demand
    lines: list[str] = []
    provenance: dict[str, list[Span]] = {}
    pos = 0

    def emit(text: str, field: str | None = None, indent: str = "") -> None:
        nonlocal pos
        line = indent + text
        if field is not None and text:
            start = pos + len(indent)
            provenance.setdefault(field, []).append(
                Span(start=start, end=start + len(text), confidence=1.0, extractor=_EXTRACTOR))
        lines.append(line)
        pos += len(line) + 1

    emit(heading)
    emit("")
    for path, label in _LABELS:
        value = _get(demand, path)
        if value is None or value == [] or value == "":
            continue
        if path == "legal_bases":
            emit(f"{label}:")
            for i, basis in enumerate(demand.legal_bases):
                emit(basis.text, f"legal_bases[{i}]", indent="  - ")
        elif path == "targets":
            emit(f"{label}:")
            for i, target in enumerate(demand.targets):
                emit(target.value, f"targets[{i}]", indent="  - ")
        elif isinstance(value, list):
            text = ", ".join(_fmt(v) for v in value)
            prefix = f"{label}: "
            lines.append(prefix + text)
            provenance.setdefault(path, []).append(Span(
                start=pos + len(prefix), end=pos + len(prefix) + len(text), confidence=1.0,
                extractor=_EXTRACTOR))
            pos += len(prefix) + len(text) + 1
        elif "\n" in str(value):
            emit(f"{label}:")
            for chunk in str(value).splitlines():
                emit(chunk, path if chunk.strip() else None, indent="    ")
        else:
            prefix = f"{label}: "
            text = _fmt(value)
            lines.append(prefix + text)
            provenance.setdefault(path, []).append(Span(
                start=pos + len(prefix), end=pos + len(prefix) + len(text), confidence=1.0,
                extractor=_EXTRACTOR))
            pos += len(prefix) + len(text) + 1
    raw = "\n".join(lines) + "\n"
    merged = {**provenance, **demand.provenance}
    return demand.model_copy(update={"raw_text": raw, "provenance": merged})
