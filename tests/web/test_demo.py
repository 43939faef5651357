"""``scrutiny serve --demo``: the shipped seed gives a working queue and one user per role."""

from __future__ import annotations

import contextlib
import json

from scrutiny.cases.users import UserService
from scrutiny.cases.views import CaseReader
from scrutiny.cli import main
from scrutiny.store.engine import Store
from scrutiny.web.demo import DEMO_DIR, DEMO_USERS, print_credentials, seed_demo


def test_seed_is_shipped_with_sources() -> None:
    letters = sorted((DEMO_DIR / "letters").glob("*.md"))
    assert len(letters) >= 5
    sources = (DEMO_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "github/gov-takedowns" in sources
    lines = (DEMO_DIR / "data_requests.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["source"].count("http") == 1 for line in lines)


def test_seed_demo(sqlite_url: str, capsys: object) -> None:
    seeded = seed_demo(sqlite_url)
    assert [u.username for u in seeded.users] == [name for name, _, _ in DEMO_USERS]
    store = Store(sqlite_url)
    users = UserService(store)
    reviewer = next(u for u in seeded.users if u.username == "reviewer")
    actor = users.authenticate("reviewer", reviewer.password)
    assert actor is not None and {r.value for r in actor.roles} == {"reviewer"}
    assert users.authenticate_token(reviewer.token) == actor
    assert users.actor("portal").roles
    rows = CaseReader(store).cases(actor, limit=500)
    assert len(rows) == seeded.cases >= 9
    assert {r.state for r in rows} >= {"received", "in_review"}
    assert any(r.risk == "high" for r in rows)
    store.dispose()
    print_credentials(seeded, json_output=True)
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    printed = [json.loads(line) for line in out.splitlines()]
    assert {p["username"] for p in printed} == {name for name, _, _ in DEMO_USERS}


def test_serve_help_lists_its_options(capsys: object) -> None:
    with contextlib.suppress(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    for option in ("--demo", "--host", "--port", "--workers"):
        assert option in out


def test_serve_creates_the_portal_account_without_demo(sqlite_url: str) -> None:
    from scrutiny.api.deps import PORTAL_ACCOUNT
    from scrutiny.cases.users import UserService
    from scrutiny.store.engine import Store
    from scrutiny.web.commands import _ensure_portal_account

    _ensure_portal_account(sqlite_url)
    _ensure_portal_account(sqlite_url)  # a restart finds it
    store = Store(sqlite_url)
    try:
        actor = UserService(store).actor(PORTAL_ACCOUNT)
        assert {r.value for r in actor.roles} == {"intake"}
    finally:
        store.dispose()
