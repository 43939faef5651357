"""Docs are tested: every command, transition, permission and error code of the case area
appears in docs/cases.md."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from scrutiny.cases.guards import Permission
from scrutiny.cases.states import Transition

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "cases.md").read_text(encoding="utf-8")


def _commands(app: typer.Typer) -> list[str]:
    return [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


def test_every_command_is_documented() -> None:
    from scrutiny.audit.commands import audit_app
    from scrutiny.cases.commands import case_app
    from scrutiny.cases.user_commands import user_app
    from scrutiny.store.commands import db_app

    missing = []
    lines = DOC.splitlines()
    for group, app in (("case", case_app), ("user", user_app), ("audit", audit_app),
                       ("db", db_app)):
        for name in _commands(app):
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
            if not any(f"scrutiny {group} " in line and pattern.search(line)
                       for line in lines):
                missing.append(f"{group} {name}")
    assert not missing, missing


def test_every_transition_and_permission_is_documented() -> None:
    assert [t.value for t in Transition if f"`{t.value}`" not in DOC] == []
    assert [p.value for p in Permission if f"`{p.value}`" not in DOC] == []


def test_every_error_code_is_documented() -> None:
    codes: set[str] = set()
    for path in [*(ROOT / "src/scrutiny/cases").glob("*.py"),
                 *(ROOT / "src/scrutiny/store").glob("*.py")]:
        codes |= set(re.findall(r'code="([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert codes, "no codes found"
    assert sorted(c for c in codes if f"`{c}`" not in DOC) == []
