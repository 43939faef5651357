"""``scrutiny serve --demo``: a fresh database with realistic cases and one user per role.

The seed ships inside the package (``demo_data/``, sources in ``demo_data/SOURCES.md``):
published government takedown letters, which go through intake, the review engine and case
import exactly like an uploaded letter; and structured data demands derived from published
cases, rendered and reviewed like portal submissions. Then a few cases are moved along the
workflow (review started, a clarification asked) by the demo users, through the services, so
the queue shows work in several states. Passwords are random per run and printed once.
"""

from __future__ import annotations

import json
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrutiny.api.deps import PORTAL_ACCOUNT
from scrutiny.api.submission import with_submission_text
from scrutiny.cases.guards import Actor
from scrutiny.cases.ingest import ImportItem
from scrutiny.cases.params import load_params
from scrutiny.cases.service import CaseService
from scrutiny.cases.users import UserService
from scrutiny.cases.views import CaseReader
from scrutiny.cases.vocab import Role
from scrutiny.demands.io import parse_demand
from scrutiny.store.engine import Store

__all__ = ["DEMO_DIR", "DEMO_USERS", "DemoUser", "Seeded", "print_credentials", "seed_demo"]

DEMO_DIR = Path(__file__).with_name("demo_data")

DEMO_USERS: tuple[tuple[str, tuple[Role, ...], str], ...] = (
    ("admin", (Role.ADMIN,), "Administrator"),
    ("intake", (Role.INTAKE,), "Intake officer"),
    ("reviewer", (Role.REVIEWER,), "Reviewer"),
    ("legal", (Role.LEGAL_LEAD,), "Legal lead"),
    ("legal2", (Role.LEGAL_LEAD,), "Second legal lead"),
    ("auditor", (Role.AUDITOR,), "Auditor"),
)


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo account and its one-time credentials."""

    username: str
    roles: tuple[str, ...]
    password: str
    token: str


@dataclass(frozen=True, slots=True)
class Seeded:
    """What the seed created."""

    users: tuple[DemoUser, ...]
    cases: int
    skipped: tuple[str, ...]


def _letters() -> list[ImportItem]:
    from scrutiny.intake import read_letter  # type: ignore[attr-defined,unused-ignore]

    items = []
    for path in sorted((DEMO_DIR / "letters").glob("*.md")):
        items.append(ImportItem(read_letter(path), source=f"demo:{path.name}",
                                original=path.read_bytes(), filename=path.name))
    return items


def _structured() -> list[ImportItem]:
    items = []
    lines = (DEMO_DIR / "data_requests.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record: dict[str, Any] = json.loads(line)
        demand = parse_demand(record["demand"], f"data_requests.jsonl:{n}")
        heading = f"Structured demand derived from a published case ({record['source']})"
        items.append(ImportItem(with_submission_text(demand, heading), source=record["source"]))
    return items


def seed_demo(url: str, *, progress: bool = False) -> Seeded:
    """Create users and cases in the (empty) database at ``url``."""
    store = Store(url)
    users = UserService(store)
    made: list[DemoUser] = []
    admin: Actor | None = None
    for username, roles, name in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        users.add(admin, username, roles, name=name, password=password)
        actor = users.actor(username)
        if admin is None:
            admin = actor
        _, token = users.create_token(actor, "demo")
        made.append(DemoUser(username, tuple(r.value for r in roles), password, token))
    users.add(admin, PORTAL_ACCOUNT, (Role.INTAKE,), name="Authority portal (service account)")
    intake = users.actor("intake")
    reviewer = users.actor("reviewer")
    service = CaseService(store, load_params())
    skipped: list[str] = []
    items = _structured()
    try:
        items = _letters() + items
    except ImportError:
        skipped.append("letters (intake is not installed)")
    if progress:
        print(f"seeding {len(items)} demo cases…", file=sys.stderr)
    results = service.import_many(intake, items)
    ids = [r.case_id for r in results]
    for case_id in ids[:4]:
        service.start_review(reviewer, case_id)
    if len(ids) > 4:  # one case waiting for the authority's answers
        service.start_review(reviewer, ids[4])
        review = CaseReader(store).detail(reviewer, ids[4], with_history=False)["review"]
        questions = (review or {}).get("body", {}).get("questions") or [
            "Please state the legal provision empowering this demand."]
        service.request_clarification(reviewer, ids[4], questions[:3])
    store.dispose()
    return Seeded(tuple(made), len(ids), tuple(skipped))


def print_credentials(seeded: Seeded, *, json_output: bool = False) -> None:
    """Print the demo accounts (stdout: JSON lines with --json, else a table on stderr)."""
    if json_output:
        for user in seeded.users:
            print(json.dumps({"username": user.username, "roles": list(user.roles),
                              "password": user.password, "token": user.token}))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Demo accounts ({seeded.cases} cases seeded; passwords change every run)")
    for column in ("username", "roles", "password"):
        table.add_column(column, no_wrap=True)
    for user in seeded.users:
        table.add_row(user.username, ", ".join(user.roles), user.password)
    Console(stderr=True).print(table)
    print("API tokens (Authorization: Bearer …):", file=sys.stderr)
    for user in seeded.users:
        print(f"  {user.username:<9} {user.token}", file=sys.stderr)
    for note in seeded.skipped:
        print(f"note: skipped {note}", file=sys.stderr)
