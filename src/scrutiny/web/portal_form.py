"""The requesting-authority portal form, built from the Demand model.

Each input is named by its Demand field path and draws its choices from the closed
vocabularies, so the form cannot drift from the model. :func:`parse_form` turns posted form
data into a Demand and returns every problem keyed by field path — type errors from the model
and missing fields from the completeness rules — so each is shown next to its input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import ValidationError

from scrutiny.api.completeness import load_rules, missing_fields
from scrutiny.api.submission import guess_target
from scrutiny.demands.model import Demand
from scrutiny.demands.vocab import (
    Action,
    AuthorityKind,
    DataCategory,
    DemandType,
    ProcessType,
    ReasonCategory,
    TerritorialScope,
    TreatyChannel,
)

__all__ = ["FIELDS", "SECTIONS", "FormField", "parse_form", "required_paths"]

Widget = Literal["text", "textarea", "date", "select", "checkboxes", "lines", "checkbox", "email"]


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the portal form."""

    name: str
    label: str
    widget: Widget
    section: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = 2000

    @property
    def input_id(self) -> str:
        """A DOM id derived from the field path."""
        return "f-" + self.name.replace(".", "-").replace("_", "-")


def _choices(enum: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    return tuple((m.value, m.value.replace("_", " ")) for m in enum)


SECTIONS = ("Issuing authority", "The demand", "Legal basis and reasons", "Scope",
            "Urgency and confidentiality", "Response and redress")

FIELDS: tuple[FormField, ...] = (
    FormField("reference", "Your reference number", "text", SECTIONS[0], max_length=200),
    FormField("date", "Date issued", "date", SECTIONS[0]),
    FormField("requester.authority", "Issuing authority", "text", SECTIONS[0],
              "Full official name.", max_length=300),
    FormField("requester.authority_kind", "Kind of authority", "select", SECTIONS[0],
              choices=_choices(AuthorityKind)),
    FormField("requester.country", "State (ISO country code)", "text", SECTIONS[0],
              "Two letters, e.g. DE, BR, US.", max_length=2),
    FormField("requester.validating_authority", "Validating authority (if any)", "text",
              SECTIONS[0], "Court or prosecutor that validated the demand.", max_length=300),
    FormField("requester.official_name", "Responsible official", "text", SECTIONS[0],
              max_length=200),
    FormField("requester.official_title", "Official's title or rank", "text", SECTIONS[0],
              max_length=200),
    FormField("requester.official_contact", "Verifiable contact", "text", SECTIONS[0],
              "Official e-mail address or switchboard number; we call back to verify.",
              max_length=300),
    FormField("addressee", "Addressed to (legal entity)", "text", SECTIONS[1], max_length=300),
    FormField("demand_types", "Kind of demand", "checkboxes", SECTIONS[1],
              choices=_choices(DemandType)),
    FormField("actions", "Actions requested", "checkboxes", SECTIONS[1], choices=_choices(Action)),
    FormField("process_type", "Legal process", "select", SECTIONS[1],
              choices=_choices(ProcessType)),
    FormField("treaty_channel", "Cross-border route (if any)", "select", SECTIONS[1],
              choices=_choices(TreatyChannel)),
    FormField("legal_bases", "Legal basis", "lines", SECTIONS[2],
              "One provision per line, e.g. “Art. 100j StPO”.", max_length=4000),
    FormField("offence.text", "Offence (provisions breached)", "text", SECTIONS[2],
              max_length=1000),
    FormField("offence.max_penalty", "Maximum penalty", "text", SECTIONS[2],
              "As in the law, e.g. “5 years”.", max_length=200),
    FormField("reason_categories", "Subject matter", "checkboxes", SECTIONS[2],
              choices=_choices(ReasonCategory)),
    FormField("facts_summary", "Statement of reasons", "textarea", SECTIONS[2],
              "A summary of the facts of the case.", max_length=10000),
    FormField("necessity_statement", "Why the measure is necessary and proportionate",
              "textarea", SECTIONS[2], max_length=10000),
    FormField("targets", "Targets", "lines", SECTIONS[3],
              "One per line: URL, account, e-mail, phone or IP address "
              "(prefix with a kind to be explicit, e.g. “account: jdoe”).", max_length=20000),
    FormField("data_categories", "Data categories sought", "checkboxes", SECTIONS[3],
              choices=_choices(DataCategory)),
    FormField("time_range.start", "Period from", "date", SECTIONS[3]),
    FormField("time_range.end", "Period to", "date", SECTIONS[3]),
    FormField("territorial_scope", "Territorial scope of a restriction", "select", SECTIONS[3],
              choices=_choices(TerritorialScope)),
    FormField("deadline.text", "Requested response time", "text", SECTIONS[4], max_length=200),
    FormField("emergency_claimed", "This is an emergency (imminent risk to life or of serious "
              "harm)", "checkbox", SECTIONS[4]),
    FormField("emergency_justification", "Emergency grounds", "textarea", SECTIONS[4],
              "The imminent harm, and why ordinary process cannot wait.", max_length=5000),
    FormField("confidentiality_requested", "We ask that the user not be told", "checkbox",
              SECTIONS[4]),
    FormField("confidentiality_basis", "Legal basis of the non-disclosure request", "text",
              SECTIONS[4], max_length=1000),
    FormField("confidentiality_until", "Non-disclosure expires on", "date", SECTIONS[4]),
    FormField("redress_info", "Remedies open to the provider and the user", "textarea",
              SECTIONS[5], max_length=5000),
    FormField("recipient_agency", "Who receives the response", "text", SECTIONS[5],
              max_length=300),
    FormField("prior_preservation", "Earlier preservation reference (if any)", "text",
              SECTIONS[5], max_length=200),
    FormField("languages", "Language(s) of the demand", "text", SECTIONS[5],
              "ISO 639-1 codes separated by commas, e.g. “de, en”.", max_length=100),
)

_BY_NAME = {f.name: f for f in FIELDS}


def required_paths() -> frozenset[str]:
    """Field paths that are required unconditionally (marked with * in the form)."""
    return frozenset(r.field for r in load_rules().rules if r.when is None)


def _set(tree: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _delete(tree: dict[str, Any], path: str) -> None:
    parts = path.split(".")
    node: Any = tree
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def _error_field(loc: Sequence[int | str]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    for n in range(len(names), 0, -1):
        candidate = ".".join(names[:n])
        if candidate in _BY_NAME:
            return candidate
    if names and names[0] == "time_range":
        return "time_range.end"
    return names[0] if names else "form"


def parse_form(
    form: Mapping[str, Sequence[str]],
) -> tuple[Demand | None, dict[str, str], dict[str, Any]]:
    """Parse posted portal data.

    Args:
        form: field name -> submitted values (a multi-dict flattened to lists).

    Returns:
        ``(demand, problems, values)``: the Demand (``None`` when there are problems), the
        problems keyed by field path, and the submitted values for re-rendering the form.
    """
    tree: dict[str, Any] = {}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for field in FIELDS:
        raw = [v for v in form.get(field.name, []) if isinstance(v, str)]
        if field.widget == "checkboxes":
            picked = [v for v in raw if v]
            values[field.name] = picked
            allowed = {c for c, _ in field.choices}
            bad = [v for v in picked if v not in allowed]
            if bad:
                problems[field.name] = f"unknown choice {bad[0]!r}"
            _set(tree, field.name, [v for v in picked if v in allowed])
            continue
        text = raw[0].strip() if raw else ""
        values[field.name] = text
        if len(text) > field.max_length:
            problems[field.name] = f"at most {field.max_length} characters"
            continue
        if field.widget == "checkbox":
            _set(tree, field.name, True if text else None)
        elif not text:
            continue
        elif field.widget == "lines":
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            if field.name == "targets":
                try:
                    _set(tree, field.name, [guess_target(ln).model_dump() for ln in lines])
                except ValidationError:
                    problems[field.name] = "one target per line"
            else:
                _set(tree, field.name, [{"text": ln} for ln in lines])
        elif field.name == "languages":
            _set(tree, field.name, [p.strip() for p in text.replace(";", ",").split(",")
                                    if p.strip()])
        else:
            _set(tree, field.name, text)
    tree["channel"] = "portal"
    tree["in_writing"] = True
    demand: Demand | None = None
    for _ in range(4):  # drop invalid values and retry, so missing fields are reported too
        try:
            demand = Demand.model_validate(tree)
            break
        except ValidationError as exc:
            for err in exc.errors():
                name = _error_field(err["loc"])
                problems.setdefault(name, str(err["msg"]).removeprefix("Value error, "))
                _delete(tree, name)
    if demand is not None:
        for problem in missing_fields(demand):
            problems.setdefault(problem.field, problem.message)
    if problems:
        return None, problems, values
    return demand, problems, values
