"""The detectors' data: word lists, thresholds and sources (policy is data, DESIGN.md §2).

In the word lists a space matches any run of whitespace (so a phrase split over two lines
of an extracted PDF still matches). One YAML file per detector in
``scrutiny/data/instrument_rules/`` plus ``sources.yaml`` (the source catalogue) and
``vocabulary.yaml`` (shared patterns). Loading is strict: unknown
keys, a source key missing from the catalogue or a pattern that does not compile is a
:class:`~scrutiny.errors.PolicyError` naming the file and the entry.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scrutiny.errors import PolicyError
from scrutiny.policy.yamlload import DATA_DIR, load_yaml_model
from scrutiny.safeguards.types import Source

__all__ = ["RULES_DIR", "CodeSpec", "PowerType", "RuleFile", "Rules", "load_rules"]

RULES_DIR = DATA_DIR / "instrument_rules"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(_Strict):
    """A pinpoint in a catalogued source."""

    key: str
    provision: str


class CodeSpec(_Strict):
    """One finding code: its title, the standard it applies and the sources of that standard."""

    title: str
    standard: str
    sources: list[SourceRef]


class PowerType(_Strict):
    """A kind of procedural power and what it needs."""

    label: str
    triggers: list[str]
    authorisation: Literal["judicial", "none"]
    limits: bool


class RuleFile(_Strict):
    """One detector's data file."""

    detector: str
    title: str
    codes: dict[str, CodeSpec]
    params: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    power_types: dict[str, PowerType] = {}


class SourceEntry(_Strict):
    """A catalogued legal source."""

    title: str
    url: str | None
    verified: bool


class SourceCatalogue(_Strict):
    """``sources.yaml``."""

    sources: dict[str, SourceEntry]


def _compile(terms: list[str], where: str) -> re.Pattern[str]:
    parts = []
    for term in terms:
        term = re.sub(r"(?<!\\) ", r"\\s+", term)  # a space matches any run of whitespace
        try:
            re.compile(term)
        except re.error as exc:
            raise PolicyError(f"pattern {term!r} does not compile: {exc}", location=where
                              ) from None
        parts.append(term)
    words = [t for t in parts if t[:1].isalnum()]  # one word boundary for all of them: faster
    other = [f"(?:{t})" for t in parts if not t[:1].isalnum()]
    alternatives = ([r"\b(?:" + "|".join(words) + ")"] if words else []) + other
    return re.compile("|".join(alternatives) if alternatives else r"(?!x)x", re.IGNORECASE)


class Rules:
    """All detector data, with compiled patterns and resolved sources."""

    def __init__(self, files: dict[str, RuleFile], catalogue: SourceCatalogue,
                 folder: Path) -> None:
        self.files = files
        self.catalogue = catalogue
        self.folder = folder
        self._patterns: dict[tuple[str, str], re.Pattern[str]] = {}
        self.codes: dict[str, tuple[str, CodeSpec]] = {}
        for name, rf in files.items():
            for code, spec in rf.codes.items():
                if code in self.codes:
                    raise PolicyError(f"code {code!r} defined twice",
                                      location=str(folder / f"{name}.yaml"))
                for ref in spec.sources:
                    if ref.key not in catalogue.sources:
                        raise PolicyError(
                            f"code {code!r} cites unknown source {ref.key!r}",
                            location=str(folder / f"{name}.yaml"),
                            hint="add it to sources.yaml")
                self.codes[code] = (name, spec)
            for key, values in rf.terms.items():
                self._patterns[(name, key)] = _compile(values, f"{folder / name}.yaml: {key}")
            for key, pt in rf.power_types.items():
                self._patterns[(name, f"power:{key}")] = _compile(
                    pt.triggers, f"{folder / name}.yaml: power_types.{key}")

    def pattern(self, detector: str, key: str) -> re.Pattern[str]:
        """The compiled word list ``key`` of a detector's file."""
        try:
            return self._patterns[(detector, key)]
        except KeyError:
            raise PolicyError(f"missing term list {key!r}",
                              location=str(self.folder / f"{detector}.yaml")) from None

    def param(self, detector: str, key: str) -> float:
        """A numeric threshold of a detector."""
        try:
            return self.files[detector].params[key]
        except KeyError:
            raise PolicyError(f"missing parameter {key!r}",
                              location=str(self.folder / f"{detector}.yaml")) from None

    def spec(self, code: str) -> CodeSpec:
        """The title, standard and sources of a finding code."""
        return self.codes[code][1]

    def sources(self, code: str) -> tuple[Source, ...]:
        """Structured sources of a finding code (catalogue URL; unverified pinpoints noted)."""
        out = []
        for ref in self.spec(code).sources:
            entry = self.catalogue.sources[ref.key]
            note = entry.title if entry.verified else f"{entry.title} (pinpoint not verified)"
            out.append(Source(ref.key, ref.provision, entry.url, note))
        return tuple(out)


_FILES = ("vocabulary", "intent", "expression", "discretion", "powers", "scope", "cooperation",
          "providers", "rights")


def load_rules(folder: Path | None = None) -> Rules:
    """Load the detector data (shipped data when ``folder`` is None; cached).

    Raises:
        PolicyError: a file is missing, not strict YAML, or inconsistent.
    """
    return _load(str(folder or RULES_DIR))


@lru_cache(maxsize=4)
def _load(folder_name: str) -> Rules:
    folder = Path(folder_name)
    files: dict[str, RuleFile] = {}
    for name in _FILES:
        path = folder / f"{name}.yaml"
        if not path.exists():
            raise PolicyError("detector data file missing", location=str(path))
        files[name] = load_yaml_model(path, RuleFile)
        if files[name].detector != name:
            raise PolicyError(f"detector is {files[name].detector!r}, expected {name!r}",
                              location=str(path))
    catalogue = load_yaml_model(folder / "sources.yaml", SourceCatalogue)
    return Rules(files, catalogue, folder)
