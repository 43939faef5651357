"""A live server for browser tests: uvicorn in a thread on a free loopback port."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from web_support import PASSWORD, Live, free_port

from scrutiny.api.app import create_app
from scrutiny.api.deps import PORTAL_ACCOUNT
from scrutiny.cases.users import UserService
from scrutiny.cases.vocab import Role
from scrutiny.settings import Settings
from scrutiny.store.engine import Store


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    """Scrutiny on a fresh SQLite store with a reviewer, two legal leads and an auditor."""
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    store = Store(url)
    users = UserService(store)
    admin = None
    for name, role in (("admin", Role.ADMIN), ("reviewer", Role.REVIEWER),
                       ("legal", Role.LEGAL_LEAD), ("legal2", Role.LEGAL_LEAD),
                       ("auditor", Role.AUDITOR)):
        users.add(admin, name, [role], password=PASSWORD)
        admin = admin or users.actor(name)
    users.add(admin, PORTAL_ACCOUNT, [Role.INTAKE])
    app = create_app(Settings(database_url=url, secret_key="e2e-secret-0123456789abcdef"),
                     store=store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    try:
        yield Live(f"http://127.0.0.1:{port}", store)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.dispose()
