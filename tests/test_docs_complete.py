"""Docs are tested (DESIGN.md §14): every command, setting and error code is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from scrutiny.cli import app
from scrutiny.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").rglob("*.md")))
DOCS += (REPO / "README.md").read_text(encoding="utf-8")


def _commands(cmd: Any, prefix: str) -> list[str]:
    names = [prefix]
    for name, sub in getattr(cmd, "commands", {}).items():
        names += _commands(sub, f"{prefix} {name}")
    return names


def _documented(command: str) -> bool:
    """`scrutiny case decide …`, `case decide …`, or `decide` on a line naming `scrutiny case`."""
    words = command.split()
    if f"`{command}" in DOCS or f"`{' '.join(words[1:])}" in DOCS:
        return True
    group, leaf = " ".join(words[:-1]), words[-1]
    return any(f"`{group}" in line and f"`{leaf}" in line for line in DOCS.splitlines())


def test_every_cli_command_is_documented() -> None:
    root = typer.main.get_command(app)
    commands = [c for c in _commands(root, "scrutiny") if c != "scrutiny"]
    assert len(commands) > 10
    missing = [c for c in commands if not _documented(c)]
    assert not missing, f"commands without docs (write `{missing[0]} …` in docs/): {missing}"


def test_every_setting_is_documented() -> None:
    text = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in text]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_error_code_is_documented() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))
    codes = set(re.findall(r'\bcode\s*=\s*"([a-z_]+(?:\.[a-z_]+)*)"', source))
    assert "input.invalid" in codes
    errors_doc = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in errors_doc)
    assert not missing, f"error codes missing from docs/errors.md: {missing}"
