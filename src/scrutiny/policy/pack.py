"""Loading a policy pack folder, with inheritance from the shipped baseline.

A pack is a folder with ``pack.yaml`` and one file per concern (see :data:`SECTION_FILES`).
``pack.yaml`` may say ``extends: gni-baseline`` (a shipped pack's name, or a path relative to
the pack): every file the pack does not have is inherited, and every file it has is merged
key by key over the parent's (mappings merge recursively; lists and values replace). The
merged result is validated strictly; errors name the pack's own file when it has one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from scrutiny.errors import PolicyError
from scrutiny.policy.model import (
    DeadlinesFile,
    EmergencyFile,
    ExpressionFile,
    LexiconsFile,
    NotificationFile,
    PackFile,
    Policy,
    ProcessLevelsFile,
    ProportionalityFile,
    ReportingFile,
    SafeguardsFile,
)
from scrutiny.policy.yamlload import DATA_DIR, load_yaml, validate_data

__all__ = [
    "BASELINE",
    "PACKS_DIR",
    "SECTION_FILES",
    "check_sources",
    "load_policy",
    "resolve_pack",
]

PACKS_DIR = DATA_DIR / "policy"
"""Folder of the shipped packs."""

BASELINE = "gni-baseline"
"""Name of the shipped default pack."""

SECTION_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "process_levels": ("process_levels.yaml", ProcessLevelsFile),
    "expression": ("expression.yaml", ExpressionFile),
    "emergency": ("emergency.yaml", EmergencyFile),
    "proportionality": ("proportionality.yaml", ProportionalityFile),
    "notification": ("notification.yaml", NotificationFile),
    "reporting": ("reporting.yaml", ReportingFile),
    "deadlines": ("deadlines.yaml", DeadlinesFile),
    "safeguards": ("safeguards.yaml", SafeguardsFile),
    "lexicons": ("lexicons.yaml", LexiconsFile),
}
"""Section name → (file name, model). ``pack.yaml`` is required in every pack."""

_MAX_DEPTH = 8


def resolve_pack(ref: str | Path, base: Path | None = None) -> Path:
    """Folder of a pack given as a shipped pack name or a path (relative to ``base``)."""
    text = str(ref)
    if "/" not in text and os.sep not in text and (PACKS_DIR / text).is_dir():
        return PACKS_DIR / text
    path = Path(text).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return path


def _merge(parent: Any, child: Any) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for key, value in child.items():
            out[key] = _merge(parent[key], value) if key in parent else value
        return out
    return child


def _read_mapping(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PolicyError("expected a mapping of keys to values at the top level",
                          location=str(path))
    return data


def _raw_pack(folder: Path, seen: tuple[Path, ...]) -> tuple[dict[str, dict[str, Any]],
                                                               dict[str, list[str]]]:
    """Raw merged data per file name, and the files each came from (outermost first)."""
    if not folder.is_dir():
        raise PolicyError("policy pack folder not found", location=str(folder),
                          hint="pass --policy DIR with a folder holding pack.yaml, or a shipped "
                               f"pack name such as {BASELINE!r}")
    if len(seen) > _MAX_DEPTH or folder.resolve() in seen:
        raise PolicyError("circular or too deep 'extends' chain",
                          location=str(folder / "pack.yaml"))
    pack_path = folder / "pack.yaml"
    if not pack_path.is_file():
        raise PolicyError("pack.yaml is missing", location=str(folder),
                          hint="every pack needs pack.yaml with id, title, version, "
                               "effective_from and (unless it extends another) home_country")
    pack = _read_mapping(pack_path)
    extends = pack.get("extends")
    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, list[str]] = {}
    if extends is not None:
        if not isinstance(extends, str):
            raise PolicyError("extends: expected a pack name or folder path",
                              location=str(pack_path))
        parent_dir = resolve_pack(extends, folder)
        if not parent_dir.is_dir():
            raise PolicyError(f"extends: pack {extends!r} not found", location=str(pack_path),
                              hint=f"use a shipped pack name ({BASELINE!r}) or a folder path")
        raw, origin = _raw_pack(parent_dir, (*seen, folder.resolve()))
        parent_pack = dict(raw.get("pack.yaml", {}))
        for key in ("id", "title", "version", "extends", "description", "maintainer",
                    "effective_from", "effective_to"):
            parent_pack.pop(key, None)  # identity and validity are not inherited
        raw["pack.yaml"] = parent_pack
    known = {"pack.yaml"} | {name for name, _ in SECTION_FILES.values()}
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in known:
            raise PolicyError("unknown policy file", location=str(path),
                              hint=f"a pack holds only {', '.join(sorted(known))}")
    for name in sorted(known):
        path = folder / name
        if path.is_file():
            data = pack if name == "pack.yaml" else _read_mapping(path)
            raw[name] = _merge(raw.get(name, {}), data)
            origin[name] = [str(path), *origin.get(name, [])]
        elif extends is None:
            raise PolicyError(f"{name} is missing", location=str(folder),
                              hint="a pack without 'extends' must hold every file; add "
                                   f"'extends: {BASELINE}' to pack.yaml to inherit the rest")
    if extends is not None and "pack.yaml" in raw:
        raw["pack.yaml"]["extends"] = extends
    return raw, origin


def load_policy(path: Path | str | None = None, *, home_country: str | None = None) -> Policy:
    """Load and validate a policy pack.

    Args:
        path: pack folder or shipped pack name; ``None`` uses ``Settings.policy`` (env
            ``SCRUTINY_POLICY``) and else the shipped ``gni-baseline``.
        home_country: overrides the pack's home country; ``None`` uses
            ``Settings.home_country`` when set.

    Raises:
        PolicyError: naming the file and key of the first problems found.
    """
    from scrutiny.settings import get_settings

    settings = get_settings()
    if path is None:
        path = settings.policy if settings.policy is not None else BASELINE
    folder = resolve_pack(path)
    country = home_country or settings.home_country
    key = (str(folder.resolve()), country.strip().upper() if country else None)
    signature = _signature(folder)
    hit = _CACHE.get(key)
    if signature is not None and hit is not None and hit[0] == signature:
        return hit[1]
    policy = _load(folder, country)
    if signature is not None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (signature, policy)
    return policy


_CACHE: dict[tuple[str, str | None], tuple[tuple[tuple[str, int], ...], Policy]] = {}
_CACHE_SIZE = 16


def _signature(folder: Path) -> tuple[tuple[str, int], ...] | None:
    """File names and modification times of every file of the pack and its parents.

    A loaded policy is reused while this is unchanged (editing a pack file takes effect on
    the next load); ``None`` (a problem reading the chain) disables the cache for the call.
    """
    try:
        files: list[tuple[str, int]] = []
        current: Path | None = folder
        seen: set[Path] = set()
        while current is not None and current.resolve() not in seen and len(seen) <= _MAX_DEPTH:
            seen.add(current.resolve())
            for p in sorted(current.glob("*.y*ml")):
                files.append((str(p), p.stat().st_mtime_ns))
            data = _read_mapping(current / "pack.yaml")
            ext = data.get("extends")
            current = resolve_pack(ext, current) if isinstance(ext, str) else None
        return tuple(files)
    except (OSError, PolicyError):
        return None


def _load(folder: Path, country: str | None) -> Policy:
    raw, origin = _raw_pack(folder, ())
    chain = _chain(folder)
    pack_loc = origin["pack.yaml"][0]
    pack = validate_data(raw["pack.yaml"], PackFile, pack_loc)
    sections: dict[str, Any] = {}
    for section, (name, model) in SECTION_FILES.items():
        sections[section] = validate_data(raw[name], model, origin[name][0])
    if country is not None:
        country = country.strip().upper()
        pack = validate_data({**raw["pack.yaml"], "home_country": country}, PackFile,
                             "settings.home_country (SCRUTINY_HOME_COUNTRY)")
    policy = Policy(
        id=pack.id, title=pack.title, version=pack.version, chain=chain,
        effective_from=pack.effective_from, effective_to=pack.effective_to,
        home_country=pack.home_country,
        files={name: tuple(paths) for name, paths in origin.items()},
        **sections,
    )
    check_sources(policy)
    return policy


def check_sources(policy: Policy) -> None:
    """Raise :class:`PolicyError` if a value cites an instrument the registry does not know."""
    from scrutiny.policy.reference import load_reference

    known = load_reference().instruments
    for path, ref in policy.source_refs():
        if ref.instrument not in known:
            section = path.split(".", 1)[0]
            name = SECTION_FILES[section][0] if section in SECTION_FILES else "pack.yaml"
            location = policy.files.get(name, (name,))[0]
            key = path.split(".", 1)[1] if "." in path else path
            raise PolicyError(
                f"{key}.instrument: unknown instrument key {ref.instrument!r}",
                location=location,
                hint="use a key of reference/instruments.yaml (e.g. ICCPR, GC34, NP, EEV)",
            )


def _chain(folder: Path) -> tuple[str, ...]:
    ids: list[str] = []
    current: Path | None = folder
    while current is not None and len(ids) <= _MAX_DEPTH:
        data = _read_mapping(current / "pack.yaml")
        ids.append(str(data.get("id", current.name)))
        ext = data.get("extends")
        current = resolve_pack(ext, current) if isinstance(ext, str) else None
    return tuple(ids)
